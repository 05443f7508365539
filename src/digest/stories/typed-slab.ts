/**
 * Small typed arrays carved out of large shared chunks. Each `new Int32Array(n)` above V8's on-heap
 * limit (64 bytes) gets its own off-heap backing store, which the garbage collector tracks one by one;
 * the clusterer makes several per item (term ids, weights), so a 100k-item run made ~400k of them.
 * A slab hands out views of one chunk instead. Scoped to its owner (one clustering run): a chunk
 * lives while any view of it does, so a slab must not outlive the data it holds.
 * One class per element type rather than one generic class: `take` runs several times per item, and
 * each class keeps its `new` of one typed-array type monomorphic.
 */
const CHUNK = 1 << 16;
/**
 * Every empty array handed out is one of these (nothing can be written to an empty array): many
 * items have no figures, no proper names in the title or no summary, and a view per empty list was
 * an object per item the collector copied.
 */
const [EMPTY_INT32, EMPTY_FLOAT64, EMPTY_UINT32] = [new Int32Array(0), new Float64Array(0), new Uint32Array(0)];

export class Int32Slab {
  private chunk = new Int32Array(0);
  private used = 0;

  /** A zeroed array of `n` elements, disjoint from every other one handed out (empty ones are shared). */
  take(n: number): Int32Array {
    if (n === 0) return EMPTY_INT32;
    if (this.used + n > this.chunk.length) {
      this.chunk = new Int32Array(Math.max(CHUNK, n));
      this.used = 0;
    }
    const view = new Int32Array(this.chunk.buffer, this.used * 4, n);
    this.used += n;
    return view;
  }
}

export class Float64Slab {
  private chunk = new Float64Array(0);
  private used = 0;

  /** A zeroed array of `n` elements, disjoint from every other one handed out (empty ones are shared). */
  take(n: number): Float64Array {
    if (n === 0) return EMPTY_FLOAT64;
    if (this.used + n > this.chunk.length) {
      this.chunk = new Float64Array(Math.max(CHUNK, n));
      this.used = 0;
    }
    const view = new Float64Array(this.chunk.buffer, this.used * 8, n);
    this.used += n;
    return view;
  }
}

export class Uint32Slab {
  private chunk = new Uint32Array(0);
  private used = 0;

  /** A zeroed array of `n` elements, disjoint from every other one handed out (empty ones are shared). */
  take(n: number): Uint32Array {
    if (n === 0) return EMPTY_UINT32;
    if (this.used + n > this.chunk.length) {
      this.chunk = new Uint32Array(Math.max(CHUNK, n));
      this.used = 0;
    }
    const view = new Uint32Array(this.chunk.buffer, this.used * 4, n);
    this.used += n;
    return view;
  }
}
