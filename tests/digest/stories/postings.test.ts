import { describe, expect, it } from "vitest";
import { Postings } from "../../../src/digest/stories/postings.js";

/** The term's list as the clusterer reads it: `size` entries from `offset`. */
function read(p: Postings, term: number): number[] {
  const at = p.offset(term);
  return Array.from(p.entries.subarray(at, at + p.size(term)));
}

describe("Postings", () => {
  it("lists the stories added per term in order, and drops a term whose stories all go", () => {
    const p = new Postings();
    p.add(5000, 1);
    p.add(5000, 2);
    p.add(3, 2);
    expect(p.get(5000)).toEqual([1, 2]);
    expect(p.get(3)).toEqual([2]);
    expect(p.get(4)).toBeUndefined();
    expect([p.size(4), p.size(-1), p.size(1 << 20)]).toEqual([0, 0, 0]);
    p.retain(Uint8Array.of(1, 1, 0)); // story 2 goes
    expect(p.get(5000)).toEqual([1]);
    expect(p.get(3)).toBeUndefined();
    p.add(3, 7);
    expect(p.get(3)).toEqual([7]);
  });

  it("keeps every list whole as lists grow past their blocks and swept blocks are reused", () => {
    const p = new Postings();
    const want = new Map<number, number[]>();
    let seed = 11;
    const rand = (n: number): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    for (let round = 0; round < 30; round++) {
      for (let k = 0; k < 400; k++) {
        const [term, story] = [rand(50), round * 1000 + k];
        p.add(term, story);
        want.set(term, [...(want.get(term) ?? []), story]);
      }
      const keep = Uint8Array.from({ length: (round + 1) * 1000 }, () => (rand(3) === 0 ? 0 : 1));
      p.retain(keep);
      for (const [term, list] of want) {
        const kept = list.filter((s) => keep[s] === 1);
        if (kept.length > 0) want.set(term, kept);
        else want.delete(term);
      }
      for (let term = 0; term < 50; term++) {
        expect(p.get(term)).toEqual(want.get(term));
        expect(read(p, term)).toEqual(want.get(term) ?? []);
      }
    }
  });
});
