/**
 * ASCII words of a text, looked up by their place in it (lower-cased on the fly): a number per
 * distinct lower-case word. Reading a text through a `Map<string, …>` cut a string out of the text
 * and lower-cased it for every word, then hashed it: on 100k items, millions of short-lived strings
 * (collector work) and the largest single cost of reading. Here a word costs a hash over its
 * characters and one comparison with the stored copy, no string.
 */
const EMPTY = -1;

export class WordTable {
  /** Open addressing, linear probing, in pairs: a word's hash and its value; EMPTY value when free. */
  private table: Int32Array = new Int32Array(2 * 1024).fill(EMPTY);
  /** Per value: where its lower-case characters start in `chars`, and how many there are. */
  private start: Int32Array = new Int32Array(256);
  private length: Int32Array = new Int32Array(256);
  private chars: Uint8Array = new Uint8Array(4096);
  private used = 0;
  private count = 0;
  /** The hash of the last `get`, for the `set` that follows a miss. */
  private lastHash = 0;

  /** The value of `text.slice(from, to).toLowerCase()` (an ASCII word), -1 when not set. */
  get(text: string, from: number, to: number): number {
    let h = 0x811c9dc5;
    for (let i = from; i < to; i++) h = Math.imul(h ^ lower(text.charCodeAt(i)), 0x01000193);
    this.lastHash = h;
    const table = this.table;
    const mask = (table.length >> 1) - 1;
    const n = to - from;
    for (let s = (h ^ (h >>> 15)) & mask; ; s = (s + 1) & mask) {
      const value = table[(s << 1) + 1] as number;
      if (value === EMPTY) return -1;
      if (table[s << 1] !== h || this.length[value] !== n) continue;
      const at = (this.start[value] as number) - from;
      let i = from;
      while (i < to && this.chars[at + i] === lower(text.charCodeAt(i))) i++;
      if (i === to) return value;
    }
  }

  /**
   * After a `get` of the same word that missed: the word's value from now on. Values are small
   * non-negative integers the caller hands out, each word its own.
   */
  set(text: string, from: number, to: number, value: number): void {
    if (2 * (this.count + 1) > this.table.length >> 1) this.rehash();
    const n = to - from;
    if (this.used + n > this.chars.length) this.chars = grownBytes(this.chars, this.used + n);
    if (value >= this.start.length) {
      this.start = grownInts(this.start, value + 1);
      this.length = grownInts(this.length, value + 1);
    }
    for (let i = from; i < to; i++) this.chars[this.used + i - from] = lower(text.charCodeAt(i));
    this.start[value] = this.used;
    this.length[value] = n;
    this.used += n;
    this.place(this.lastHash, value);
    this.count++;
  }

  private place(h: number, value: number): void {
    const table = this.table;
    const mask = (table.length >> 1) - 1;
    let s = (h ^ (h >>> 15)) & mask;
    while (table[(s << 1) + 1] !== EMPTY) s = (s + 1) & mask;
    table[s << 1] = h;
    table[(s << 1) + 1] = value;
  }

  private rehash(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2).fill(EMPTY);
    for (let s = 0; s < old.length; s += 2) if (old[s + 1] !== EMPTY) this.place(old[s] as number, old[s + 1] as number);
  }
}

/** ASCII lower case of a character code (the caller's words are ASCII letters and digits). */
function lower(c: number): number {
  return c >= 65 && c <= 90 ? c | 32 : c;
}

function capacity(has: number, need: number): number {
  let cap = has * 2;
  while (cap < need) cap *= 2;
  return cap;
}

function grownBytes(a: Uint8Array, need: number): Uint8Array {
  const out = new Uint8Array(capacity(a.length, need));
  out.set(a);
  return out;
}

function grownInts(a: Int32Array, need: number): Int32Array {
  const out = new Int32Array(capacity(a.length, need));
  out.set(a);
  return out;
}
