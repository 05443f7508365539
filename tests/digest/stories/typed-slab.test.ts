import { describe, expect, it } from "vitest";
import { Float64Slab, Int32Slab } from "../../../src/digest/stories/typed-slab.js";

describe("typed slabs", () => {
  it("hands out zeroed, disjoint arrays of the asked length, across chunks and larger than a chunk", () => {
    const slab = new Int32Slab();
    const sizes = [0, 3, 40_000, 30_000, 70_000, 5];
    const arrays = sizes.map((n, k) => {
      const a = slab.take(n);
      expect(a.length).toBe(n);
      expect(a.every((x) => x === 0)).toBe(true);
      a.fill(k + 1);
      return a;
    });
    arrays.forEach((a, k) => expect(a.every((x) => x === k + 1)).toBe(true));
  });

  it("does the same for floats", () => {
    const slab = new Float64Slab();
    const a = slab.take(50_000);
    const b = slab.take(50_000);
    a.fill(0.5);
    expect(b.every((x) => x === 0)).toBe(true);
    b.fill(1.5);
    expect(a.every((x) => x === 0.5)).toBe(true);
    expect([a.length, b.length]).toEqual([50_000, 50_000]);
  });

  it("hands out one shared empty array per type (nothing can be written to it)", () => {
    const slab = new Int32Slab();
    const empty = slab.take(0);
    expect(new Int32Slab().take(0)).toBe(empty);
    empty.set([]);
    expect(empty.length).toBe(0);
    expect(slab.take(2)).toEqual(new Int32Array(2));
  });
});
