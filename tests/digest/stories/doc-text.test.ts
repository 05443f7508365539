import { describe, expect, it } from "vitest";
import { dfPrior } from "../../../src/digest/stories/df-prior.js";
import { docEvidence } from "../../../src/digest/stories/cluster-evidence.js";
import { readDocText, unpackText } from "../../../src/digest/stories/doc-text.js";
import { minhashSignature } from "../../../src/digest/stories/near-duplicates.js";
import { TermStats } from "../../../src/digest/stories/term-stats.js";
import { tokenize } from "../../../src/digest/stories/text-tokens.js";
import { TokenTerms } from "../../../src/digest/stories/token-terms.js";
import { Int32Slab, Uint32Slab } from "../../../src/digest/stories/typed-slab.js";

/** What `readDocText` needs, fresh: through the cross-run memos or not. */
function reading(memo: boolean) {
  const stats = new TermStats(2);
  const tokens = new TokenTerms(stats, dfPrior(), new Int32Slab());
  return { stats, tokens, run: { tokens, stats, memo, ints: new Int32Slab(), sigs: new Uint32Slab() } };
}

describe("readDocText", () => {
  it("packs a text's lists into one array and gives them back as read, memo or not", () => {
    const doc = {
      id: "a",
      title: "Abu Dhabi's TII releases Falcon 2 and beats Llama 3 8B",
      summary: "Falcon 2 VLM turns pictures into text; the 11B model costs $35.1bn less. Über-fast.",
      time: 0,
    };
    for (const memo of [false, true]) {
      const { stats, run } = reading(memo);
      const text = unpackText(readDocText(doc, run));
      const check = new TokenTerms(stats, dfPrior(), new Int32Slab());
      const [title, summary] = [check.read(doc.title), check.read(doc.summary)];
      expect([...text.titleIds]).toEqual([...title.ids]);
      expect([...text.summaryIds]).toEqual([...summary.ids]);
      expect([...text.titleNames]).toEqual([...title.names]);
      expect([...text.summaryNames]).toEqual([...summary.names]);
      expect(text.titleKey).toBe(tokenize(doc.title).join(" "));
      expect(text.sig).toEqual(minhashSignature(tokenize(doc.title).concat(tokenize(doc.summary))));
      const bare = unpackText(readDocText({ id: "b", title: "Short title", time: 0 }, run));
      expect([bare.summaryIds.length, bare.summaryNames.length, bare.titleKey, bare.sig]).toEqual([0, 0, undefined, null]);
    }
  });

  it("ends the summary's ids with the address's rare words the text does not say, for the vector only", () => {
    const doc = {
      id: "c",
      title: "Fines of up to 7% of turnover, and deepfakes must be labelled",
      summary: "Penalties for banned practices can reach €35 million.",
      url: "https://arstechnical.example/tech-policy/2024/03/ai-act-fines-timeline-deepfake-labels/",
      time: 0,
    };
    for (const memo of [false, true]) {
      const { stats, tokens, run } = reading(memo);
      const text = unpackText(readDocText(doc, run));
      const words = [...text.summaryIds].map((id) => stats.term(id));
      // "fines", "deepfake" and "labels" are the headline's already; "act" is a common word.
      expect(words.slice(words.length - text.addressTerms)).toEqual(["ai", "timelin"]);
      const own = unpackText(readDocText({ ...doc, id: "d", url: undefined }, run));
      expect([own.addressTerms, [...own.summaryIds]]).toEqual([0, [...text.summaryIds].slice(0, words.length - text.addressTerms)]);
      // The address's words are no evidence: an event word there ("resignation") gives the item no event.
      const quiet = { id: "e", title: "Who is left to steer the safety work?", summary: "", time: 0 };
      const evidence = (url?: string) => docEvidence(unpackText(readDocText({ ...quiet, id: url ?? "none", url }, run)), tokens, new Int32Slab()).events;
      expect(evidence("https://x.example/news/321691/leike-resignation-superalignment-future")).toBe(evidence());
      expect(docEvidence(unpackText(readDocText({ ...quiet, id: "f", title: "Leike's resignation leaves the safety work" }, run)), tokens, new Int32Slab()).events).not.toBe(evidence());
    }
  });
});

