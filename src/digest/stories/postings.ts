/**
 * The clusterer's inverted index: term id → stories whose centroid has the term (may hold merged or
 * expired stories until the next sweep). An array by term id rather than a Map: term ids are small
 * and dense, and hashing the key of each of the millions of lookups per 100k items cost more.
 */
export class Postings {
  private readonly lists: (number[] | undefined)[] = [];

  get(term: number): readonly number[] | undefined {
    return this.lists[term];
  }

  /** Add a story to a term's list (the caller adds each story once per term). */
  add(term: number, story: number): void {
    let list = this.lists[term];
    if (!list) {
      // Filled up to the id first: writing far past the end would turn the array into a dictionary.
      while (this.lists.length < term) this.lists.push(undefined);
      this.lists[term] = list = [];
    }
    list.push(story);
  }

  /** Keep only the stories `keep` accepts, in order; a term left with none has no list. */
  retain(keep: (story: number) => boolean): void {
    for (let term = 0; term < this.lists.length; term++) {
      const list = this.lists[term];
      if (!list) continue;
      let kept = 0;
      for (const ci of list) if (keep(ci)) list[kept++] = ci;
      if (kept === 0) this.lists[term] = undefined;
      else list.length = kept;
    }
  }
}
