/**
 * Each story's time span (first and last item) and whether it is still a live root, in typed
 * arrays beside the story objects: the candidate search looks at every story named in a term's
 * posting list, and reading the story object for its root and its span was a cache miss per entry
 * (the largest part of the search's first pass). The objects stay the record; `StoryClusterer`
 * writes both wherever a span or a root changes (new story, new member, merge).
 */
export class StorySpans {
  /** Per story: first and last item time, side by side (one cache line for both). */
  private span = new Float64Array(2 * 1024);
  /** Per story: 1 while it is a root (not merged into another). */
  private root = new Uint8Array(1024);
  private count = 0;

  /** A new story (index `ci`, the next one) of one item at `time`. */
  open(ci: number, time: number): void {
    if (ci >= this.root.length) {
      const span = new Float64Array(2 * this.span.length);
      span.set(this.span);
      const root = new Uint8Array(2 * this.root.length);
      root.set(this.root);
      [this.span, this.root] = [span, root];
    }
    this.span[2 * ci] = time;
    this.span[2 * ci + 1] = time;
    this.root[ci] = 1;
    this.count = Math.max(this.count, ci + 1);
  }

  /** The story's span now runs from `first` to `last`. */
  set(ci: number, first: number, last: number): void {
    this.span[2 * ci] = first;
    this.span[2 * ci + 1] = last;
  }

  /** The story was merged into another. */
  close(ci: number): void {
    this.root[ci] = 0;
  }

  /** Still its own root: `liveStory` of it is itself. */
  isRoot(ci: number): boolean {
    return this.root[ci] === 1;
  }

  /** `time` lies within `windowMs` of the story's span (no story: false). */
  inWindow(ci: number, time: number, windowMs: number): boolean {
    return ci >= 0 && ci < this.count && time - (this.span[2 * ci + 1] as number) <= windowMs && (this.span[2 * ci] as number) - time <= windowMs;
  }
}
