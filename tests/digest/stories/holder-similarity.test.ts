import { describe, expect, it } from "vitest";
import type { DocEntry } from "../../../src/digest/stories/cluster-state.js";
import { holderSimilarity, itemCosine, MIN_MEMBERS } from "../../../src/digest/stories/holder-similarity.js";

/** An item's vector and names, as the clusterer holds them (only what these functions read). */
const item = (terms: number[], weights: number[], names: number[] = []): DocEntry =>
  ({ terms: Int32Array.from(terms), weights: Float64Array.from(weights), names: Int32Array.from(names) }) as unknown as DocEntry;

describe("itemCosine", () => {
  it("is 1 for one vector, 0 for disjoint terms, and ignores term order", () => {
    const a = item([1, 2, 3], [0.5, 0.5, 0.7]);
    expect(itemCosine(a, a)).toBeCloseTo(1, 9);
    expect(itemCosine(a, item([4, 5], [1, 1]))).toBe(0);
    expect(itemCosine(item([1, 2], [1, 0]), item([2, 1], [0, 1]))).toBeCloseTo(1, 9);
    expect(itemCosine(item([1, 2], [1, 1]), item([2, 9], [1, 1]))).toBeCloseTo(0.5, 9);
  });
});

describe("holderSimilarity", () => {
  const NAME = 7;
  const follower = item([1, 2, 3, 4], [1, 1, 1, 1], [NAME]);
  const holder = item([1, 2, 10, 11], [1, 1, 1, 1], [NAME]);
  const others = [item([20, 21, 22], [1, 1, 1]), item([23, 24], [1, 1])];
  it("compares the item with the members holding the name, as one-item stories (less the penalty)", () => {
    const docs = [holder, ...others];
    expect(holderSimilarity(follower, [0, 1, 2], docs, NAME, 0.1)).toBeCloseTo(0.5 - 0.1, 9);
    // A member that does not hold the name is never the comparison, however near.
    const near = item([1, 2, 3, 4], [1, 1, 1, 1]);
    expect(holderSimilarity(follower, [0, 1, 2, 3], [...docs, near], NAME, 0.1)).toBeCloseTo(0.4, 9);
  });
  it("leaves stories under MIN_MEMBERS to their centroid, and finds nothing without a holder", () => {
    expect(holderSimilarity(follower, [0, 1].slice(0, MIN_MEMBERS - 1), [holder, ...others], NAME, 0.1)).toBe(-Infinity);
    expect(holderSimilarity(follower, [0, 1, 2], [others[0] as DocEntry, others[1] as DocEntry, others[0] as DocEntry], NAME, 0.1)).toBe(-Infinity);
  });
});
