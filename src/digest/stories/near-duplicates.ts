/**
 * Near-duplicate (syndicated copy) detection with MinHash + LSH over word bigrams: a copy with a
 * changed headline or a trimmed paragraph still shares most bigrams, and the banded lookup finds it in
 * constant time per item instead of comparing against every earlier item.
 */

const NUM_HASHES = 24;
const ROWS_PER_BAND = 3;
const BANDS = NUM_HASHES / ROWS_PER_BAND;
/** Fewer shingles than this and the estimate is too noisy to call anything a copy. */
const MIN_SHINGLES = 6;

// Fixed odd multipliers / offsets: deterministic across runs and processes.
const MULT = Uint32Array.from({ length: NUM_HASHES }, (_, i) => (Math.imul(0x9e3779b1, i + 1) | 1) >>> 0);
const ADD = Uint32Array.from({ length: NUM_HASHES }, (_, i) => Math.imul(0x85ebca6b, i + 7) >>> 0);

export const FNV_BASIS = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** `mix` as a signed 32-bit integer (the same bits). */
function mixSigned(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  return h ^ (h >>> 16);
}

/**
 * MinHash signature of a token sequence's bigrams, or null when the text is too short to judge.
 * `alloc` gives the signature's array (a slab's, see `typed-slab.ts`; any contents).
 */
export function minhashSignature(tokens: readonly string[], alloc = (n: number): Uint32Array => new Uint32Array(n)): Uint32Array | null {
  const bigrams = new BigramHashes();
  for (const token of tokens) bigrams.addString(token);
  return bigrams.signature(alloc);
}

/**
 * A token sequence's bigram hashes, built a token at a time: `minhashSignature` of the sequence
 * without an array of its tokens. A bigram's hash is FNV-1a of "first second", computed without
 * building the string: the state after "first " (`prefix`) is kept from one token to the next, and a
 * caller that knows a word's own state after "word " (`wordPrefix`) passes it instead of re-hashing.
 */
export class BigramHashes {
  private shingles = new Uint32Array(256);
  private n = 0;
  private tokens = 0;
  /** FNV-1a state after the last token and a space. */
  prefix = 0;

  /** Start a new sequence. */
  reset(): void {
    this.n = 0;
    this.tokens = 0;
  }

  /** Tokens added since `reset`. */
  get count(): number {
    return this.tokens;
  }

  addString(token: string): void {
    // One pass over the word for both states: the bigram's (after "first ") and the word's own,
    // which starts the next bigram (two independent chains the processor runs side by side).
    let bigram = this.prefix;
    let own = FNV_BASIS;
    for (let j = 0; j < token.length; j++) {
      const c = token.charCodeAt(j);
      bigram = Math.imul(bigram ^ c, FNV_PRIME);
      own = Math.imul(own ^ c, FNV_PRIME);
    }
    this.add(bigram, wordPrefix(own));
  }

  /**
   * A token given by `bigram`, the FNV-1a of its characters continued from `prefix`, and `next`, its
   * `wordPrefix` (see `WordTable.hashFrom`).
   */
  add(bigram: number, next: number): void {
    if (this.tokens++ > 0) {
      if (this.n === this.shingles.length) {
        const grown = new Uint32Array(this.n * 2);
        grown.set(this.shingles);
        this.shingles = grown;
      }
      this.shingles[this.n++] = bigram >>> 0;
    }
    this.prefix = next;
  }

  /** The signature of the sequence so far (see `minhashSignature`). */
  signature(alloc = (n: number): Uint32Array => new Uint32Array(n)): Uint32Array | null {
    if (this.tokens <= MIN_SHINGLES) return null;
    const shingles = this.shingles.subarray(0, this.n);
    // Distinct shingles (the minimum does not care about repeats, the count does).
    shingles.sort();
    let distinct = 0;
    for (let i = 0; i < shingles.length; i++) if (i === 0 || shingles[i] !== shingles[i - 1]) shingles[distinct++] = shingles[i] ?? 0;
    if (distinct < MIN_SHINGLES) return null;
    const sig = alloc(NUM_HASHES);
    // Each hash function's minimum over the shingles, in 32-bit integers throughout: the unsigned
    // minimum is the signed minimum of the values with the top bit flipped (no double arithmetic).
    // Four functions per pass over the shingles (NUM_HASHES is a multiple of four): a shingle is read
    // once for four, and the four independent chains of multiplications overlap in the processor
    // (one function per pass was the largest part of reading a text).
    for (let k = 0; k < NUM_HASHES; k += 4) {
      const m0 = (MULT[k] ?? 1) | 0, m1 = (MULT[k + 1] ?? 1) | 0, m2 = (MULT[k + 2] ?? 1) | 0, m3 = (MULT[k + 3] ?? 1) | 0;
      const a0 = (ADD[k] ?? 0) | 0, a1 = (ADD[k + 1] ?? 0) | 0, a2 = (ADD[k + 2] ?? 0) | 0, a3 = (ADD[k + 3] ?? 0) | 0;
      let l0 = 0x7fffffff, l1 = 0x7fffffff, l2 = 0x7fffffff, l3 = 0x7fffffff; // 0xffffffff, flipped
      for (let i = 0; i < distinct; i++) {
        const x = (shingles[i] ?? 0) | 0;
        const h0 = mixSigned((Math.imul(x, m0) + a0) | 0) ^ 0x80000000;
        const h1 = mixSigned((Math.imul(x, m1) + a1) | 0) ^ 0x80000000;
        const h2 = mixSigned((Math.imul(x, m2) + a2) | 0) ^ 0x80000000;
        const h3 = mixSigned((Math.imul(x, m3) + a3) | 0) ^ 0x80000000;
        if (h0 < l0) l0 = h0;
        if (h1 < l1) l1 = h1;
        if (h2 < l2) l2 = h2;
        if (h3 < l3) l3 = h3;
      }
      sig[k] = (l0 ^ 0x80000000) >>> 0;
      sig[k + 1] = (l1 ^ 0x80000000) >>> 0;
      sig[k + 2] = (l2 ^ 0x80000000) >>> 0;
      sig[k + 3] = (l3 ^ 0x80000000) >>> 0;
    }
    return sig;
  }
}

/** The FNV-1a state after a word and a space, from the state `own` after the word alone. */
export function wordPrefix(own: number): number {
  return Math.imul(own ^ 32, FNV_PRIME);
}

/** Estimated Jaccard similarity of the two bigram sets. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let k = 0; k < NUM_HASHES; k++) if (a[k] === b[k]) same++;
  return same / NUM_HASHES;
}

interface Entry<T> {
  sig: Uint32Array;
  value: T;
}

/**
 * LSH buckets: band hash → the most recent entry (an opaque number, e.g. a document index). An
 * open-addressed table of 32-bit keys (linear probing) rather than a `Map<number, …>`: most band
 * hashes are above the small-integer range, so the Map boxed a key per bucket and hashed it on
 * every lookup (eight of each per item). The same buckets, the same answers.
 */
export class NearDuplicateIndex<T> {
  private keys = new Int32Array(2048);
  /** The entry of each slot, undefined when free. */
  private entries: (Entry<T> | undefined)[] = new Array<Entry<T> | undefined>(2048).fill(undefined);
  private count = 0;

  /** The best earlier entry whose estimated similarity is at least `threshold`, if any. */
  find(sig: Uint32Array, threshold: number): { value: T; similarity: number } | null {
    let best: { value: T; similarity: number } | null = null;
    for (let b = 0; b < BANDS; b++) {
      const hit = this.entries[this.slotOf(bandKey(sig, b) | 0)];
      if (!hit) continue;
      const similarity = estimateJaccard(sig, hit.sig);
      if (similarity >= threshold && (!best || similarity > best.similarity)) best = { value: hit.value, similarity };
    }
    return best;
  }

  add(sig: Uint32Array, value: T): void {
    const entry = { sig, value };
    for (let b = 0; b < BANDS; b++) this.set(bandKey(sig, b) | 0, entry);
  }

  /** Drop entries whose value no longer matters (e.g. documents that left the window). */
  prune(keep: (value: T) => boolean): void {
    const [keys, entries] = [this.keys, this.entries];
    this.keys = new Int32Array(keys.length);
    this.entries = new Array<Entry<T> | undefined>(entries.length).fill(undefined);
    this.count = 0;
    for (let s = 0; s < entries.length; s++) {
      const e = entries[s];
      if (e && keep(e.value)) this.set(keys[s] as number, e);
    }
  }

  get size(): number {
    return this.count;
  }

  /** The slot holding `key`, or the free slot where it would go. */
  private slotOf(key: number): number {
    const mask = this.keys.length - 1;
    let s = (key ^ (key >>> 15)) & mask;
    while (this.entries[s] !== undefined && this.keys[s] !== key) s = (s + 1) & mask;
    return s;
  }

  private set(key: number, entry: Entry<T>): void {
    let s = this.slotOf(key);
    if (this.entries[s] === undefined) {
      if (2 * (this.count + 1) > this.keys.length) {
        this.grow();
        s = this.slotOf(key);
      }
      this.count++;
      this.keys[s] = key;
    }
    this.entries[s] = entry;
  }

  private grow(): void {
    const [keys, entries] = [this.keys, this.entries];
    this.keys = new Int32Array(keys.length * 2);
    this.entries = new Array<Entry<T> | undefined>(entries.length * 2).fill(undefined);
    this.count = 0;
    for (let s = 0; s < entries.length; s++) {
      const e = entries[s];
      if (e) this.set(keys[s] as number, e);
    }
  }
}

/** A numeric bucket key (a hash of the band's rows): no string per lookup; collisions are re-checked. */
function bandKey(sig: Uint32Array, band: number): number {
  const o = band * ROWS_PER_BAND;
  let h = Math.imul(band + 1, 0x9e3779b1);
  for (let r = 0; r < ROWS_PER_BAND; r++) h = mix((h ^ (sig[o + r] ?? 0)) >>> 0);
  return h;
}
