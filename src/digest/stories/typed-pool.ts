/**
 * Typed arrays for tables that grow by doubling (story centroids, name counts), carved out of large
 * shared chunks and taken back when outgrown. Each `new Int32Array(n)` above V8's on-heap limit gets
 * a backing store of its own (a zeroed allocation, tracked one by one by the collector): on 100k
 * items the stories' tables made ~300k of them as they doubled, about a second of clustering time.
 * Here a table costs a view of a chunk; an outgrown table goes to a free list by its byte length
 * (the tables come in a few sizes only, powers of two and their fixed multiples) and serves the next
 * table of that size, so the chunks hold at most what the live tables hold plus what they outgrew
 * and no table of the same size has taken back yet. Scoped to one clusterer, like `typed-slab.ts`:
 * a chunk lives while any view of it does.
 */
const CHUNK_BYTES = 1 << 20;
/** Larger arrays (a few big stories' tables) get their own buffer: they are few, and would fragment chunks. */
const MAX_POOLED_BYTES = 1 << 16;

/** Where a growing table gets its arrays (zeroed), and gives back those it outgrew. */
export interface TypedArrays {
  int32(n: number): Int32Array;
  float64(n: number): Float64Array;
  release(array: Int32Array | Float64Array): void;
}

/** Arrays of their own, nothing taken back (tables made outside a clusterer, e.g. in tests). */
export const OWN_ARRAYS: TypedArrays = {
  int32: (n) => new Int32Array(n),
  float64: (n) => new Float64Array(n),
  release: () => undefined,
};

export class TypedPool implements TypedArrays {
  private chunk = new ArrayBuffer(0);
  private used = 0;
  /** Regions given back, by byte length (each an array over its region). */
  private readonly free = new Map<number, (Int32Array | Float64Array)[]>();

  int32(n: number): Int32Array {
    const bytes = n * 4;
    if (bytes > MAX_POOLED_BYTES || n === 0) return new Int32Array(n);
    const reused = this.free.get(bytes)?.pop();
    if (reused !== undefined) return new Int32Array(reused.buffer, reused.byteOffset, n).fill(0);
    return new Int32Array(this.chunk.byteLength - this.used >= bytes ? this.chunk : this.newChunk(), this.carve(bytes), n);
  }

  float64(n: number): Float64Array {
    const bytes = n * 8;
    if (bytes > MAX_POOLED_BYTES || n === 0) return new Float64Array(n);
    const reused = this.free.get(bytes)?.pop();
    if (reused !== undefined) return new Float64Array(reused.buffer, reused.byteOffset, n).fill(0);
    return new Float64Array(this.chunk.byteLength - this.used >= bytes ? this.chunk : this.newChunk(), this.carve(bytes), n);
  }

  /** Give back an array no longer read or written (arrays not from a chunk are left to the collector). */
  release(array: Int32Array | Float64Array): void {
    const bytes = array.byteLength;
    if (bytes === 0 || bytes > MAX_POOLED_BYTES || array.buffer.byteLength !== CHUNK_BYTES) return;
    let list = this.free.get(bytes);
    if (list === undefined) this.free.set(bytes, (list = []));
    list.push(array);
  }

  /** The offset of `bytes` more in the current chunk (8-byte aligned, so any view fits). */
  private carve(bytes: number): number {
    const at = this.used;
    this.used += (bytes + 7) & ~7;
    return at;
  }

  private newChunk(): ArrayBuffer {
    this.chunk = new ArrayBuffer(CHUNK_BYTES);
    this.used = 0;
    return this.chunk;
  }
}
