import { describe, expect, it } from "vitest";
import { dfPrior } from "../../../src/digest/stories/df-prior.js";
import { readDocText, unpackText } from "../../../src/digest/stories/doc-text.js";
import { minhashSignature } from "../../../src/digest/stories/near-duplicates.js";
import { TermStats } from "../../../src/digest/stories/term-stats.js";
import { tokenize } from "../../../src/digest/stories/text-tokens.js";
import { TokenTerms } from "../../../src/digest/stories/token-terms.js";
import { Int32Slab, Uint32Slab } from "../../../src/digest/stories/typed-slab.js";

describe("readDocText", () => {
  it("packs a text's four lists into one array and gives them back as read, memo or not", () => {
    const doc = {
      id: "a",
      title: "Abu Dhabi's TII releases Falcon 2 and beats Llama 3 8B",
      summary: "Falcon 2 VLM turns pictures into text; the 11B model costs $35.1bn less. Über-fast.",
      time: 0,
    };
    for (const memo of [false, true]) {
      const stats = new TermStats(2);
      const tokens = new TokenTerms(stats, dfPrior(), new Int32Slab());
      const run = { tokens, stats, memo, ints: new Int32Slab(), sigs: new Uint32Slab() };
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
});
