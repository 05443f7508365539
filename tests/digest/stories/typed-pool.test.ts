import { describe, expect, it } from "vitest";
import { NameCounts } from "../../../src/digest/stories/name-counts.js";
import { TermWeights } from "../../../src/digest/stories/term-weights.js";
import { TypedPool } from "../../../src/digest/stories/typed-pool.js";

describe("TypedPool", () => {
  it("carves zeroed, disjoint arrays of both types out of one shared chunk", () => {
    const pool = new TypedPool();
    const [a, b, c] = [pool.int32(100), pool.float64(50), pool.int32(7)];
    expect(a.buffer).toBe(b.buffer);
    expect([a, b, c].every((x) => x.every((v) => v === 0))).toBe(true);
    a.fill(1);
    b.fill(2.5);
    c.fill(3);
    expect([a.every((v) => v === 1), b.every((v) => v === 2.5), c.every((v) => v === 3)]).toEqual([true, true, true]);
    expect(b.byteOffset % 8).toBe(0);
  });

  it("gives a released region to the next array of its byte length, zeroed", () => {
    const pool = new TypedPool();
    const a = pool.int32(64);
    a.fill(9);
    pool.release(a);
    const b = pool.float64(32); // the same 256 bytes
    expect([b.buffer, b.byteOffset]).toEqual([a.buffer, a.byteOffset]);
    expect(b.every((v) => v === 0)).toBe(true);
    expect(pool.int32(64).byteOffset).not.toBe(a.byteOffset); // taken: a new region
  });

  it("leaves large arrays to buffers of their own", () => {
    const pool = new TypedPool();
    const big = pool.int32(100_000);
    expect(big.buffer.byteLength).toBe(400_000);
    pool.release(big); // ignored
    expect(pool.int32(100_000).buffer).not.toBe(big.buffer);
  });

  it("backs tables that grow and clear, with the same answers", () => {
    const pool = new TypedPool();
    const [tw, names] = [new TermWeights(pool), new NameCounts(pool)];
    for (let t = 0; t < 500; t++) {
      tw.addTo(t * 7, t / 2);
      names.add(t * 3, 1);
      names.add(t * 3, t);
    }
    expect([tw.size, tw.get(7 * 499), tw.has(5), names.size, names.get(3 * 250)]).toEqual([500, 249.5, false, 500, 251]);
    tw.clear();
    expect([tw.size, tw.get(7), tw.weightOf(14)]).toEqual([0, undefined, 0]);
    const again = new TermWeights(pool); // reuses what `tw` gave back
    again.set(14, 1);
    expect([again.get(14), again.get(7), again.size]).toEqual([1, undefined, 1]);
  });
});
