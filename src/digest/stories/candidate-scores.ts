/**
 * The first pass of the clusterer's candidate search (`StoryClusterer.bestCluster`): the stories
 * listed under a vector's heaviest terms, each scored by the weight it shares with the vector, and
 * the best few kept for the exact cosine. Its scratch is kept from one search to the next (per story
 * in typed arrays, valid where `seen` holds the search's stamp; the lists never shortened): the
 * search runs for every item and every merge check, and its arrays made anew were collector work.
 */
import type { Postings } from "./postings.js";
import type { StorySpans } from "./story-spans.js";
import { topKInto } from "./top-k.js";

export interface CandidateLimits {
  /** Heaviest terms of a vector looked up. */
  maxQueryTerms: number;
  /** A term listing more stories than this is skipped (too common to tell stories apart). */
  maxPostings: number;
  /** Stories kept for the exact cosine. */
  maxCandidates: number;
}

export class CandidateScores {
  /** The stories of the last `shortlist`, best first (its first entries: as many as it returned). */
  readonly stories: number[] = [];
  private seen = new Int32Array(1024);
  private shared = new Float64Array(1024);
  private readonly candidates: number[] = [];
  private readonly terms: number[] = [];
  private readonly scores: number[] = [];
  private stamp = 0;

  constructor(
    private readonly limits: CandidateLimits,
    private readonly postings: Postings,
    private readonly spans: StorySpans,
    private readonly windowMs: number,
    /** The live story a (possibly merged) story went into. */
    private readonly find: (ci: number) => number,
  ) {}

  /** Room for story `ci` (stories are numbered from 0 as they are made). */
  open(ci: number): void {
    if (ci < this.seen.length) return;
    const seen = new Int32Array(2 * this.seen.length);
    seen.set(this.seen);
    this.seen = seen;
    const shared = new Float64Array(2 * this.shared.length);
    shared.set(this.shared);
    this.shared = shared;
  }

  /**
   * The live stories other than `exclude` listed under the vector's heaviest terms, by the weight
   * they share with it (a story out of the window at `time` below any): how many of the best, with a
   * positive score, are now at the start of `stories`.
   */
  shortlist(terms: Int32Array, weights: Float64Array, time: number, exclude: number): number {
    const stamp = ++this.stamp;
    const { seen, shared, candidates, spans, postings } = this;
    let count = 0;
    const queried = topKInto(this.terms, this.scores, null, weights, this.limits.maxQueryTerms, -Infinity, weights.length);
    for (let q = 0; q < queried; q++) {
      const i = this.terms[q] as number;
      const term = terms[i] as number;
      const size = postings.size(term);
      if (size === 0 || size > this.limits.maxPostings) continue;
      const w = weights[i] as number;
      const entries = postings.entries;
      for (let e = postings.offset(term), end = e + size; e < end; e++) {
        const raw = entries[e] as number;
        const ci = spans.isRoot(raw) ? raw : this.find(raw);
        if (ci === exclude) continue;
        if (seen[ci] !== stamp) {
          seen[ci] = stamp;
          shared[ci] = spans.inWindow(ci, time, this.windowMs) ? 0 : Number.NEGATIVE_INFINITY;
          candidates[count++] = ci;
        }
        shared[ci] = (shared[ci] as number) + w;
      }
    }
    return topKInto(this.stories, this.scores, candidates, shared, this.limits.maxCandidates, 0, count);
  }
}
