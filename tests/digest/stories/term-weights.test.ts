import { describe, expect, it } from "vitest";
import { TermWeights } from "../../../src/digest/stories/term-weights.js";

describe("TermWeights", () => {
  it("reads and iterates as the Map it replaces, in insertion order, through growth", () => {
    let seed = 11;
    const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const tw = new TermWeights();
    const map = new Map<number, number>();
    for (let i = 0; i < 5000; i++) {
      const term = Math.floor(rand() * (i % 2 ? 300 : 100_000));
      const w = rand() - 0.2;
      const before = map.get(term);
      expect(tw.addTo(term, w)).toBe(before);
      map.set(term, (before ?? 0) + w);
      if (i % 7 === 0) {
        tw.set(term, 0.5);
        map.set(term, 0.5);
      }
    }
    expect(tw.size).toBe(map.size);
    expect([...tw]).toEqual([...map]);
    expect([...tw.entries()].map(([t], i) => t === tw.termAt(i))).not.toContain(false);
    for (const t of [0, 1, 99, 299, 12345, 99_999, -5]) {
      expect(tw.get(t)).toBe(map.get(t));
      expect(tw.has(t)).toBe(map.has(t));
      expect(tw.weightOf(t)).toBe(map.get(t) ?? 0);
    }
  });

  it("answers every lookup as the Map does at every size (the filter before the table never hides a term)", () => {
    const tw = new TermWeights();
    const map = new Map<number, number>();
    for (let n = 0; n < 3000; n++) {
      const term = (n * 7919) % 1_000_003;
      tw.addTo(term, 1 + n);
      map.set(term, 1 + n);
      if (n % 97 === 0) for (let t = 0; t < 50_000; t += 7) expect(tw.weightOf(t)).toBe(map.get(t) ?? 0);
    }
    for (const t of map.keys()) expect(tw.get(t)).toBe(map.get(t));
  });

  it("keeps what it holds when room is reserved", () => {
    const tw = new TermWeights();
    tw.addTo(3, 1);
    tw.reserve(100);
    tw.addTo(7, 2);
    expect([...tw]).toEqual([
      [3, 1],
      [7, 2],
    ]);
    const v = tw.scaled(4);
    expect([...v.terms]).toEqual([3, 7]);
    expect([...v.weights]).toEqual([0.25, 0.5]);
  });
});
