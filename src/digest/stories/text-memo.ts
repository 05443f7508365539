/**
 * A bounded memo of a pure function of text. Every clustering run re-reads the whole window (the
 * index is rebuilt from the store each time), so the same headlines and summaries are cut into terms
 * and names over and over; this keeps the last results. Bounded: when full it starts over, so memory
 * stays flat whatever the feeds send.
 */
export class TextMemo<T> {
  private readonly map = new Map<string, T>();

  constructor(
    private readonly fn: (text: string) => T,
    private readonly capacity = 50_000,
  ) {}

  get(text: string): T {
    let v = this.map.get(text);
    if (v === undefined) {
      v = this.fn(text);
      if (this.map.size >= this.capacity) this.map.clear();
      this.map.set(text, v);
    }
    return v;
  }
}
