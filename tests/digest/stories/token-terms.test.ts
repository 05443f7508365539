import { describe, expect, it } from "vitest";
import { dfPrior } from "../../../src/digest/stories/df-prior.js";
import { clusterTerms, splitNames } from "../../../src/digest/stories/story-evidence.js";
import { BigramHashes, minhashSignature } from "../../../src/digest/stories/near-duplicates.js";
import { TermStats } from "../../../src/digest/stories/term-stats.js";
import { tokenize } from "../../../src/digest/stories/text-tokens.js";
import { TokenTerms } from "../../../src/digest/stories/token-terms.js";
import { Int32Slab } from "../../../src/digest/stories/typed-slab.js";

const TEXTS = [
  "Ilya Sutskever, OpenAI's co-founder, is leaving",
  "Abu Dhabi's TII releases Falcon 2 and beats Llama 3 8B",
  "Why The Market Is Falling Today Again",
  "Nvidia revenue hits $35.1 billion, up 94% (35.1bn) as 1,200 firms queue for GPUs",
  "Über-Start-up Mistral lève 600 M€ ; Straße × Ärger — ünïcödé words",
  "Unitree unveils the G1 humanoid. Astra and Falcon ship in 2 weeks",
  "a b c",
  "OpenAI: GPT-4o costs 5% less; $1,200.50 bn or 12 percent, v1.5 and 8B models. \"Quoted\" start? Yes: 2 things",
  "Score: 295 Comments: 250 By: someone https://example.com/x?y=1",
  "Today lawmakers in the European Parliament vote on the AI Act; it is what the White House and Slack AI watch, as the new AI Act rules come. Google DeepMind and the  Model Spec are not part of it",
  "Le Monde: l'AI Act européen, Slack AI et la Maison Blanche",
  "",
];

describe("TokenTerms", () => {
  it("reads exactly the content terms, names and tokens the uncached functions give, however often a token recurs", () => {
    const stats = new TermStats(2);
    const terms = new TokenTerms(stats, dfPrior(), new Int32Slab());
    const bigrams = new BigramHashes();
    for (const text of [...TEXTS, ...TEXTS]) {
      bigrams.reset();
      const read = terms.read(text, bigrams, true);
      expect([...read.ids].map((id) => stats.term(id))).toEqual(clusterTerms(text, dfPrior()));
      expect(read.count).toBe(tokenize(text).length);
      expect(read.key).toBe(tokenize(text).join(" "));
      expect(terms.read(text).key).toBeUndefined();
      // The tokens' bigrams, hashed from the stored words, are the strings' (null: too short).
      expect(bigrams.signature()).toEqual(minhashSignature(tokenize(text)));
      const split = splitNames(text, dfPrior());
      expect([...read.names].map((code) => stats.term(code >> 1))).toEqual(split.names);
      expect([...read.names].map((code) => (code & 1) === 1)).toEqual(split.proper);
    }
  });

  it("hashes a title and its summary as one sequence: the bigram across the two, ASCII or not", () => {
    const terms = new TokenTerms(new TermStats(2), dfPrior(), new Int32Slab());
    const bigrams = new BigramHashes();
    for (const [a, b] of [[TEXTS[1], TEXTS[5]], [TEXTS[4], TEXTS[0]], [TEXTS[3], TEXTS[4]]] as [string, string][]) {
      bigrams.reset();
      terms.read(a, bigrams, true);
      terms.read(b, bigrams);
      expect(bigrams.signature()).toEqual(minhashSignature(tokenize(a).concat(tokenize(b))));
    }
  });
});
