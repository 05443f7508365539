/**
 * The clusterer's inverted index: term id → stories whose centroid has the term (may hold merged or
 * expired stories until the next sweep). By term id rather than a Map: term ids are small and dense,
 * and hashing the key of each of the millions of lookups per 100k items cost more.
 *
 * The lists live in one typed array (`entries`), each in a block of a power-of-two size, with each
 * term's block, room and size side by side in another. A JS array per list was an object the
 * collector copied, grown by reallocation and given back by every sweep that shortened it (setting
 * `length` shorter frees the storage): on 100k items the lists were the largest single source of
 * allocation. Here a sweep shortens a list's size and keeps its block; a block outgrown or emptied
 * goes to a free list by size and serves the next list of that size. The terms that have a list
 * are kept apart, so a sweep visits those, not every term ever seen.
 */
const MIN_ROOM = 4;
/** Per term in `meta`: where its block starts in `entries`, the block's size (0: no list), the list's size. */
const [START, ROOM, SIZE, FIELDS] = [0, 1, 2, 3];

export class Postings {
  /** Every list's stories, each list in its own block (read `size(term)` entries from `offset(term)`). */
  entries: Int32Array = new Int32Array(1 << 16);
  private used = 0;
  private meta: Int32Array = new Int32Array(FIELDS * 1024);
  /** Free blocks by the log2 of their size. */
  private readonly free: number[][] = [];
  /** Terms with a list, in no particular order (each list is swept on its own). */
  private readonly listed: number[] = [];

  /** How many stories the term's list holds (0: none). */
  size(term: number): number {
    return term >= 0 && FIELDS * term < this.meta.length ? (this.meta[FIELDS * term + SIZE] as number) : 0;
  }

  /** Where the term's list starts in `entries` (valid until the next `add`, which may move it). */
  offset(term: number): number {
    return term >= 0 && FIELDS * term < this.meta.length ? (this.meta[FIELDS * term + START] as number) : 0;
  }

  /** A copy of the term's list, undefined when it has none. */
  get(term: number): number[] | undefined {
    const n = this.size(term);
    if (n === 0) return undefined;
    const at = this.offset(term);
    return Array.from(this.entries.subarray(at, at + n));
  }

  /** Add a story to a term's list (the caller adds each story once per term). */
  add(term: number, story: number): void {
    if (FIELDS * term >= this.meta.length) this.meta = grown(this.meta, FIELDS * (term + 1));
    const m = FIELDS * term;
    const room = this.meta[m + ROOM] as number;
    const size = this.meta[m + SIZE] as number;
    if (size === room) {
      const block = this.block(room === 0 ? MIN_ROOM : 2 * room);
      if (room === 0) this.listed.push(term);
      else {
        this.entries.copyWithin(block, this.meta[m + START] as number, (this.meta[m + START] as number) + size);
        this.release(this.meta[m + START] as number, room);
      }
      this.meta[m + START] = block;
      this.meta[m + ROOM] = room === 0 ? MIN_ROOM : 2 * room;
    }
    this.entries[(this.meta[m + START] as number) + size] = story;
    this.meta[m + SIZE] = size + 1;
  }

  /** Keep only the stories whose byte in `keep` is 1, in order; a term left with none has no list. */
  retain(keep: Uint8Array): void {
    const { listed, meta, entries } = this;
    let still = 0;
    for (let k = 0; k < listed.length; k++) {
      const term = listed[k] as number;
      const m = FIELDS * term;
      const start = meta[m + START] as number;
      const size = meta[m + SIZE] as number;
      let kept = start;
      for (let i = start; i < start + size; i++) {
        const ci = entries[i] as number;
        if (keep[ci] === 1) entries[kept++] = ci;
      }
      meta[m + SIZE] = kept - start;
      if (kept > start) listed[still++] = term;
      else {
        this.release(start, meta[m + ROOM] as number);
        meta[m + ROOM] = 0;
      }
    }
    listed.length = still;
  }

  /** A free block of `room` entries. */
  private block(room: number): number {
    const reused = this.free[Math.log2(room)]?.pop();
    if (reused !== undefined) return reused;
    if (this.used + room > this.entries.length) this.entries = grown(this.entries, this.used + room);
    this.used += room;
    return this.used - room;
  }

  private release(start: number, room: number): void {
    (this.free[Math.log2(room)] ??= []).push(start);
  }
}

/** A copy at least twice as large, room for `need`. */
function grown(a: Int32Array, need: number): Int32Array {
  let n = 2 * a.length;
  while (n < need) n *= 2;
  const out = new Int32Array(n);
  out.set(a);
  return out;
}
