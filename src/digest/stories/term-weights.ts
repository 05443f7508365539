/**
 * A story centroid: term id → summed weight, in insertion order, in typed arrays. It replaces a
 * `Map<number, number>`, whose every update of a fractional weight boxed a new heap number: on 100k
 * items that churn, and the millions of live boxes the collector walked on every major GC, were a
 * large share of clustering time. Reads as a Map does (`get`, `has`, `size`, iteration of
 * `[term, weight]` in insertion order); terms are never removed (a merged story's centroid is
 * replaced whole).
 */
import { OWN_ARRAYS, type TypedArrays } from "./typed-pool.js";

const EMPTY = -1;
let scratch = new Float64Array(256);
/**
 * The table starts with a filter of the terms present (one bit per term, by a hash of its own; 8 bits
 * per term of capacity, at least 512): a lookup of an absent term whose bit is clear answers without
 * probing. The similarity looks up every term of an item (or of a story, for a merge check) in each
 * candidate's centroid, most of them absent, and each probe of a large table was a cache miss; the
 * filter is a sixteenth of the table's size. No false negatives: answers are the table's.
 */
const MIN_FILTER = 16;
const [NO_KEYS, NO_VALUES] = [new Int32Array(0), new Float64Array(0)];
const NO_TABLE = new Int32Array(MIN_FILTER + 2).fill(EMPTY, MIN_FILTER);

export class TermWeights implements Iterable<[number, number]> {
  private keys: Int32Array;
  private values: Float64Array;
  /**
   * Open addressing, linear probing, in pairs: a term and its slot index into keys/values; EMPTY
   * term when free. The term sits next to its slot so a probe reads one place, not the table and
   * then `keys` (the similarity's lookups were the clusterer's largest single cost).
   */
  private table: Int32Array;
  /** Words of the table's filter (a power of two). */
  private filter = MIN_FILTER;
  private count = 0;

  /** Allocates nothing until the first term; `arrays`: where its arrays come from (a clusterer's pool, see `typed-pool.ts`). */
  constructor(private readonly arrays: TypedArrays = OWN_ARRAYS) {
    this.keys = NO_KEYS;
    this.values = NO_VALUES;
    this.table = NO_TABLE;
  }

  /** Empty it (a merged story's centroid), its arrays given back for other centroids to use. */
  clear(): void {
    this.release();
    this.keys = NO_KEYS;
    this.values = NO_VALUES;
    this.table = NO_TABLE;
    this.filter = MIN_FILTER;
    this.count = 0;
  }

  get size(): number {
    return this.count;
  }

  get(term: number): number | undefined {
    const i = this.indexOf(term);
    return i < 0 ? undefined : this.values[i];
  }

  has(term: number): boolean {
    return this.indexOf(term) >= 0;
  }

  /** The weight of a term, 0 when absent. */
  weightOf(term: number): number {
    const i = this.indexOf(term);
    return i < 0 ? 0 : (this.values[i] as number);
  }

  /** Add to a term's weight (from 0 when absent); returns its weight before, undefined when absent. */
  addTo(term: number, delta: number): number | undefined {
    const i = this.indexOf(term);
    if (i < 0) {
      this.append(term, 0 + delta);
      return undefined;
    }
    const old = this.values[i] as number;
    this.values[i] = old + delta;
    return old;
  }

  /** Make room for this many terms at once (saves the intermediate doublings). */
  reserve(capacity: number): void {
    if (this.keys.length < capacity) this.grow(capacity);
  }

  set(term: number, weight: number): this {
    const i = this.indexOf(term);
    if (i >= 0) this.values[i] = weight;
    else this.append(term, weight);
    return this;
  }

  /** The i-th term and weight in insertion order (0 ≤ i < size). */
  termAt(i: number): number {
    return this.keys[i] as number;
  }

  weightAt(i: number): number {
    return this.values[i] as number;
  }

  /**
   * Terms and weights as a vector, each weight divided by `divisor`. `transient`: views of this
   * centroid's terms and of a scratch array shared by all centroids, valid until the next such call
   * or change (the merge check reads one at a time; copies of large centroids were collector work).
   */
  scaled(divisor: number, transient = false): { terms: Int32Array; weights: Float64Array } {
    if (transient && scratch.length < this.count) scratch = new Float64Array(Math.max(this.count, 2 * scratch.length));
    const terms = transient ? this.keys.subarray(0, this.count) : this.keys.slice(0, this.count);
    const weights = transient ? scratch.subarray(0, this.count) : new Float64Array(this.count);
    for (let i = 0; i < this.count; i++) weights[i] = (this.values[i] as number) / divisor;
    return { terms, weights };
  }

  *[Symbol.iterator](): IterableIterator<[number, number]> {
    for (let i = 0; i < this.count; i++) yield [this.keys[i] as number, this.values[i] as number];
  }

  entries(): IterableIterator<[number, number]> {
    return this[Symbol.iterator]();
  }

  private indexOf(term: number): number {
    const table = this.table;
    const filter = this.filter;
    const f = filterHash(term) & ((filter << 5) - 1);
    if (((table[f >>> 5] as number) & (1 << (f & 31))) === 0) return -1;
    const mask = ((table.length - filter) >> 1) - 1;
    for (let h = hash(term) & mask; ; h = (h + 1) & mask) {
      const key = table[filter + (h << 1)] as number;
      if (key === EMPTY) return -1;
      if (key === term) return table[filter + (h << 1) + 1] as number;
    }
  }

  private append(term: number, weight: number): void {
    if (this.count === this.keys.length) this.grow(this.count + 1);
    const slot = this.count++;
    this.keys[slot] = term;
    this.values[slot] = weight;
    this.place(term, slot);
  }

  private place(term: number, slot: number): void {
    const filter = this.filter;
    const mask = ((this.table.length - filter) >> 1) - 1;
    let h = hash(term) & mask;
    while (this.table[filter + (h << 1)] !== EMPTY) h = (h + 1) & mask;
    this.table[filter + (h << 1)] = term;
    this.table[filter + (h << 1) + 1] = slot;
    const f = filterHash(term) & ((filter << 5) - 1);
    this.table[f >>> 5] = (this.table[f >>> 5] as number) | (1 << (f & 31));
  }

  /** Its arrays back to the pool (one by one: an array literal of them per growth was collector work). */
  private release(): void {
    this.arrays.release(this.keys);
    this.arrays.release(this.values);
    this.arrays.release(this.table);
  }

  /** At least double the capacity (a power of two, room for `need`); the table stays at most half full. */
  private grow(need: number): void {
    let cap = Math.max(4, this.keys.length * 2);
    while (cap < need) cap *= 2;
    const keys = this.arrays.int32(cap);
    keys.set(this.keys);
    const values = this.arrays.float64(cap);
    values.set(this.values);
    this.release();
    this.filter = Math.max(MIN_FILTER, cap / 4);
    this.keys = keys;
    this.values = values;
    this.table = this.arrays.int32(this.filter + cap * 4).fill(EMPTY, this.filter);
    for (let i = 0; i < this.count; i++) this.place(keys[i] as number, i);
  }
}

/** A term's hash for the filter, apart from the table's (the filter takes its low bits). */
function filterHash(term: number): number {
  const h = Math.imul(term ^ (term >>> 13), 0x85ebca6b);
  return h ^ (h >>> 16);
}

function hash(term: number): number {
  return (Math.imul(term, 0x9e3779b1) >>> 16) ^ term;
}
