/**
 * One clustering run's cache of what each distinct lower-case token means: its content term id, and
 * what name extraction asks of it (see `wordFacts`). Content terms and names are cut from the same
 * text by different tokenisers, but both look at a token only through its lower-case string, so one
 * cache serves both: a token costs one Map lookup instead of a stop-word lookup, a stem, a prior
 * lookup and a term id lookup each time it occurs. Exactly the terms and names of `contentTerms` and
 * `splitNames`, as ids; scoped to one run, as term ids are.
 */
import type { DfPrior } from "./df-prior.js";
import { EVENT_OF, scanNames, wordFacts, type WordFacts } from "./story-evidence.js";
import type { PreparedIds, TermStats } from "./term-stats.js";
import { isDistinctiveFigure, isFiller, scanContent, stem } from "./text-tokens.js";
import type { Int32Slab } from "./typed-slab.js";

interface TokenFacts extends WordFacts {
  /** Term id of `term`, -1 until first asked for (ids are handed out in the order the uncached code did). */
  id: number;
}

/** A text's names as term ids (first occurrences, in order) and which are proper names. */
export interface NameIds {
  ids: number[];
  proper: boolean[];
}

export class TokenTerms {
  private readonly facts = new Map<string, TokenFacts>();
  /** Content term id by token; -1 for a filler token. Kept apart from `facts`: most tokens are never looked at as names. */
  private readonly contentIds = new Map<string, number>();
  /** Per term id: event class mask and distinctive-figure flag, -1 until computed. */
  private readonly eventMask: number[] = [];
  private readonly figure: number[] = [];
  private readonly scratch: number[] = [];

  constructor(
    private readonly stats: TermStats,
    private readonly prior: DfPrior,
    private readonly slab: Int32Slab,
  ) {}

  /** Term ids of `contentTerms(title)` and `contentTerms(summary)`. */
  ids(title: string, summary: string | undefined): PreparedIds {
    const titleIds = this.content(title);
    return { titleIds, summaryIds: summary ? this.content(summary) : this.slab.take(0) };
  }

  private content(text: string): Int32Array {
    const out = this.scratch;
    out.length = 0;
    scanContent(
      text,
      (tok) => {
        let id = this.contentIds.get(tok);
        if (id === undefined) this.contentIds.set(tok, (id = isFiller(tok) ? -1 : this.stats.termId(stem(tok))));
        if (id >= 0) out.push(id);
      },
      (term) => out.push(this.stats.termId(term)),
    );
    const ids = this.slab.take(out.length);
    for (let i = 0; i < out.length; i++) ids[i] = out[i] as number;
    return ids;
  }

  /** `splitNames(text)` as term ids (the ids a `termId` of each name would give). */
  names(text: string): NameIds {
    const ids: number[] = [];
    const proper: boolean[] = [];
    scanNames(
      text,
      (lower) => this.factsOf(lower),
      (f, p) => {
        if (f.id < 0) f.id = this.stats.termId(f.term);
        const at = ids.indexOf(f.id);
        if (at < 0) {
          ids.push(f.id);
          proper.push(p);
        } else proper[at] = proper[at] === true || p;
      },
    );
    return { ids, proper };
  }

  private factsOf(lower: string): TokenFacts {
    let f = this.facts.get(lower);
    if (f === undefined) {
      const w = wordFacts(lower, this.prior);
      this.facts.set(lower, (f = { filler: w.filler, unit: w.unit, term: w.term, event: w.event, share: w.share, id: -1 }));
    }
    return f;
  }

  /** `eventClasses([term])` of a term id. */
  eventsOf(id: number): number {
    let m = this.eventMask[id];
    if (m === undefined || m < 0) {
      for (let i = this.eventMask.length; i < id; i++) this.eventMask.push(-1);
      this.eventMask[id] = m = EVENT_OF.get(this.stats.term(id)) ?? 0;
    }
    return m;
  }

  /** `isDistinctiveFigure` of a term id. */
  isFigure(id: number): boolean {
    let f = this.figure[id];
    if (f === undefined || f < 0) {
      for (let i = this.figure.length; i < id; i++) this.figure.push(-1);
      this.figure[id] = f = isDistinctiveFigure(this.stats.term(id)) ? 1 : 0;
    }
    return f === 1;
  }
}
