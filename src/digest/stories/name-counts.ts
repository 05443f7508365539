/**
 * A story's name counts: name term id → members naming it, in the order names were first counted
 * (as a Map iterates). It replaces a `Map<number, number>` per story and kind: stories hold dozens to
 * hundreds of names, and those maps' tables were a sixth of the bytes the collector copied on 100k
 * items. Here a story's counts are one typed array (its storage outside the collected heap): keys,
 * then counts, then an open-addressed index of slots (linear probing, at most half full).
 */
import { OWN_ARRAYS, type TypedArrays } from "./typed-pool.js";

const NONE: Int32Array = new Int32Array(0);

export class NameCounts {
  /** [keys: cap][counts: cap][index: 2·cap slot numbers + 1, 0 when free]. */
  private data = NONE;
  private cap = 0;
  private count = 0;

  /** `arrays`: where its array comes from (a clusterer's pool, see `typed-pool.ts`). */
  constructor(private readonly arrays: TypedArrays = OWN_ARRAYS) {}

  get size(): number {
    return this.count;
  }

  /** The i-th name counted (0 ≤ i < size), and its count. */
  termAt(i: number): number {
    return this.data[i] as number;
  }

  countAt(i: number): number {
    return this.data[this.cap + i] as number;
  }

  get(term: number): number | undefined {
    const i = this.indexOf(term);
    return i < 0 ? undefined : (this.data[this.cap + i] as number);
  }

  /** Count `n` more members naming `term`. */
  add(term: number, n: number): void {
    const i = this.indexOf(term);
    if (i >= 0) {
      this.data[this.cap + i] = (this.data[this.cap + i] as number) + n;
      return;
    }
    if (this.count === this.cap) this.grow();
    const slot = this.count++;
    this.data[slot] = term;
    this.data[this.cap + slot] = n;
    this.place(term, slot);
  }

  private indexOf(term: number): number {
    if (this.cap === 0) return -1;
    const data = this.data;
    const base = 2 * this.cap;
    const mask = 2 * this.cap - 1;
    for (let h = hash(term) & mask; ; h = (h + 1) & mask) {
      const s = data[base + h] as number;
      if (s === 0) return -1;
      if (data[s - 1] === term) return s - 1;
    }
  }

  private place(term: number, slot: number): void {
    const base = 2 * this.cap;
    const mask = 2 * this.cap - 1;
    let h = hash(term) & mask;
    while (this.data[base + h] !== 0) h = (h + 1) & mask;
    this.data[base + h] = slot + 1;
  }

  /** Double the capacity (4 at first: 64 bytes, small enough to stay in the heap) and rebuild the index. */
  private grow(): void {
    const [old, oldCap] = [this.data, this.cap];
    this.cap = oldCap === 0 ? 4 : 2 * oldCap;
    this.data = this.arrays.int32(4 * this.cap);
    // Copied by hand: a `subarray` view per half was an object per growth (tens of MB on 100k items).
    for (let i = 0; i < this.count; i++) {
      this.data[i] = old[i] as number;
      this.data[this.cap + i] = old[oldCap + i] as number;
    }
    this.arrays.release(old);
    for (let i = 0; i < this.count; i++) this.place(this.data[i] as number, i);
  }
}

function hash(term: number): number {
  return (Math.imul(term, 0x9e3779b1) >>> 16) ^ term;
}
