/**
 * mulberry32: a small, fast, full-period seeded PRNG in [0, 1). Deterministic on every run and
 * machine: the scenario variants (`eval scenarios --variants`) and the synthetic benchmarks draw from it.
 */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}
