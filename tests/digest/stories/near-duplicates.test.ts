import { describe, expect, it } from "vitest";
import { estimateJaccard, minhashSignature, NearDuplicateIndex } from "../../../src/digest/stories/near-duplicates.js";
import { tokenize } from "../../../src/digest/stories/text-tokens.js";

/** The signature as first written (a string per bigram, a Set of their hashes): the reference. */
function reference(tokens: readonly string[]): Uint32Array | null {
  const fnv = (s: string): number => {
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    return h >>> 0;
  };
  const mix = (x: number): number => {
    let h = x;
    h ^= h >>> 16;
    h = Math.imul(h, 0x7feb352d);
    h ^= h >>> 15;
    h = Math.imul(h, 0x846ca68b);
    h ^= h >>> 16;
    return h >>> 0;
  };
  const shingles = new Set<number>();
  for (let i = 0; i + 1 < tokens.length; i++) shingles.add(fnv(`${tokens[i]} ${tokens[i + 1]}`));
  if (shingles.size < 6) return null;
  const sig = new Uint32Array(24).fill(0xffffffff);
  for (const s of shingles) {
    for (let k = 0; k < 24; k++) {
      const mult = (Math.imul(0x9e3779b1, k + 1) | 1) >>> 0;
      const add = Math.imul(0x85ebca6b, k + 7) >>> 0;
      const h = mix((Math.imul(s, mult) + add) >>> 0);
      if (h < (sig[k] as number)) sig[k] = h;
    }
  }
  return sig;
}

describe("minhashSignature", () => {
  it("is the reference signature, repeats and short texts included", () => {
    const words = ["open", "ai", "model", "gpt", "4o", "ships", "überall", "新しい", "a"];
    let seed = 3;
    const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let round = 0; round < 300; round++) {
      const tokens = Array.from({ length: Math.floor(rand() * 14) }, () => words[Math.floor(rand() * words.length)] as string);
      expect(minhashSignature(tokens)).toEqual(reference(tokens));
    }
  });

  it("finds a lightly edited copy and not a different text", () => {
    const text = "OpenAI ships GPT-4o to all ChatGPT users today, with voice and vision coming to the free tier next month";
    const index = new NearDuplicateIndex<string>();
    index.add(minhashSignature(tokenize(text)) as Uint32Array, "original");
    const copy = minhashSignature(tokenize(`${text} (Reuters)`)) as Uint32Array;
    expect(index.find(copy, 0.7)?.value).toBe("original");
    const other = minhashSignature(tokenize("Google shows Project Astra, a universal assistant that sees through the phone camera")) as Uint32Array;
    expect(index.find(other, 0.7)).toBeNull();
    expect(estimateJaccard(copy, copy)).toBe(1);
  });
});
