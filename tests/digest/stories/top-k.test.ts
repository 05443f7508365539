import { describe, expect, it } from "vitest";
import { topK, topKInto } from "../../../src/digest/stories/top-k.js";

/** What `topK` replaces: a stable sort of the whole list. */
function bySort(items: number[], scores: number[], k: number, min: number): number[] {
  return items
    .filter((x) => (scores[x] as number) > min)
    .sort((a, b) => (scores[b] as number) - (scores[a] as number))
    .slice(0, k);
}

describe("topK", () => {
  it("returns the best k, best first, ties in list order", () => {
    expect(topK(null, [0.1, 0.5, 0.3, 0.5, 0.2], 3)).toEqual([1, 3, 2]);
    expect(topK([4, 3, 1, 0], [0.1, 0.5, 0.3, 0.5, 0.2], 2)).toEqual([3, 1]);
    expect(topK([0, 1, 2], [0, -1, 2], 5, 0)).toEqual([2]);
    expect(topK(null, [1, 2], 0)).toEqual([]);
  });

  it("agrees with a stable sort on lists full of ties", () => {
    let seed = 7;
    const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let round = 0; round < 200; round++) {
      const n = Math.floor(rand() * 60);
      const scores = Array.from({ length: n }, () => Math.floor(rand() * 6) - 1);
      const items = Array.from({ length: n }, (_, i) => i).sort(() => rand() - 0.5);
      const k = Math.floor(rand() * 12);
      expect(topK(items, scores, k, 0)).toEqual(bySort(items, scores, k, 0));
      expect(topK(null, scores, k)).toEqual(bySort([...scores.keys()], scores, k, -Infinity));
    }
  });

  it("writes the same into kept scratch arrays, whatever they held before", () => {
    const [out, best] = [[9, 9, 9, 9, 9, 9], [7, 7, 7, 7, 7, 7]];
    const scores = [0.1, 0.5, 0.3, 0.5, 0.2];
    expect(topKInto(out, best, null, scores, 3, -Infinity, scores.length)).toBe(3);
    expect(out.slice(0, 3)).toEqual([1, 3, 2]);
    expect(topKInto(out, best, [4, 3, 1, 0], scores, 5, 0.15, 4)).toBe(3);
    expect(out.slice(0, 3)).toEqual([3, 1, 4]);
  });
});
