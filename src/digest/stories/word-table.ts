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
  /**
   * The last `get`'s word as it counts (lower case, digit runs as asked), and its length: the
   * comparison and a `set` read it here rather than the text again (a character of a string costs
   * more to read than a byte of an array: the text's second reading was a fifth of reading a text).
   */
  private word = new Uint8Array(64);
  private wordLength = 0;

  /**
   * `digitRuns`: a run of digits counts as one "0" (a word's template key, see `strip-boilerplate.ts`);
   * otherwise every character counts.
   */
  constructor(private readonly digitRuns = false) {}

  /** The value of `text.slice(from, to).toLowerCase()` (an ASCII word; digit runs as "0" if asked), -1 when not set. */
  get(text: string, from: number, to: number): number {
    if (to - from > this.word.length) this.word = new Uint8Array(2 * (to - from));
    const word = this.word;
    let h = 0x811c9dc5;
    let n = 0;
    for (let i = from; i < to; i++) {
      const c = this.charAt(text, i, from);
      if (c < 0) continue;
      h = Math.imul(h ^ c, 0x01000193);
      word[n++] = c;
    }
    return this.find(h, n);
  }

  /** The value of the word `this.word[0..n)` of hash `h`, -1 when not set (kept for a `set`). */
  private find(h: number, n: number): number {
    const word = this.word;
    this.lastHash = h;
    this.wordLength = n;
    const table = this.table;
    const mask = (table.length >> 1) - 1;
    for (let s = (h ^ (h >>> 15)) & mask; ; s = (s + 1) & mask) {
      const value = table[(s << 1) + 1] as number;
      if (value === EMPTY) return -1;
      if (table[s << 1] !== h || this.length[value] !== n) continue;
      const at = this.start[value] as number;
      let j = 0;
      while (j < n && this.chars[at + j] === word[j]) j++;
      if (j === n) return value;
    }
  }

  /** `get` of an ASCII word given as bytes (`bytes[from..to)`, see `TokenTerms.read`). */
  getBytes(bytes: Uint8Array, from: number, to: number): number {
    if (to - from > this.word.length) this.word = new Uint8Array(2 * (to - from));
    const word = this.word;
    let h = 0x811c9dc5;
    let n = 0;
    for (let i = from; i < to; i++) {
      let c = bytes[i] as number;
      if (c >= 48 && c <= 57 && this.digitRuns) {
        if (i > from && isDigit(bytes[i - 1] as number)) continue;
        c = 48;
      } else if (c >= 65 && c <= 90) c |= 32;
      h = Math.imul(h ^ c, 0x01000193);
      word[n++] = c;
    }
    return this.find(h, n);
  }

  /**
   * After a `get` (or `getBytes`) that missed: that word's value from now on (the word is the one
   * the lookup kept, not read again). Values are small non-negative integers the caller hands out,
   * each word its own.
   */
  set(value: number): void {
    if (2 * (this.count + 1) > this.table.length >> 1) this.rehash();
    if (this.used + this.wordLength > this.chars.length) this.chars = grownBytes(this.chars, this.used + this.wordLength);
    if (value >= this.start.length) {
      this.start = grownInts(this.start, value + 1);
      this.length = grownInts(this.length, value + 1);
    }
    const n = this.wordLength;
    for (let j = 0; j < n; j++) this.chars[this.used + j] = this.word[j] as number;
    this.start[value] = this.used;
    this.length[value] = n;
    this.used += n;
    this.place(this.lastHash, value);
    this.count++;
  }

  /** FNV-1a over a set word's stored characters (lower case), continuing from state `h`. */
  hashFrom(h: number, value: number): number {
    const chars = this.chars;
    const end = (this.start[value] as number) + (this.length[value] as number);
    for (let i = this.start[value] as number; i < end; i++) h = Math.imul(h ^ (chars[i] as number), 0x01000193);
    return h;
  }

  /** The character the word has at `i` (lower case), -1 for a digit continuing a run when runs count as one. */
  private charAt(text: string, i: number, from: number): number {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57 && this.digitRuns) return i > from && isDigit(text.charCodeAt(i - 1)) ? -1 : 48;
    return c >= 65 && c <= 90 ? c | 32 : c;
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

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
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
