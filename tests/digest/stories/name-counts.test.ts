import { describe, expect, it } from "vitest";
import { NameCounts } from "../../../src/digest/stories/name-counts.js";

describe("NameCounts", () => {
  it("counts as a Map<number, number> does, in the same order, through growth", () => {
    const counts = new NameCounts();
    const map = new Map<number, number>();
    let seed = 7;
    const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let round = 0; round < 5000; round++) {
      // Term ids spread wide (colliding hashes included) and repeated often.
      const term = rand() < 0.5 ? Math.floor(rand() * 40) : Math.floor(rand() * 1e6) * 1024;
      const n = 1 + Math.floor(rand() * 3);
      counts.add(term, n);
      map.set(term, (map.get(term) ?? 0) + n);
    }
    expect(counts.size).toBe(map.size);
    expect(Array.from({ length: counts.size }, (_, i) => [counts.termAt(i), counts.countAt(i)])).toEqual([...map]);
    for (const t of [0, 5, 39, 1024, 12345]) expect(counts.get(t)).toBe(map.get(t));
    expect(new NameCounts().get(3)).toBeUndefined();
  });
});
