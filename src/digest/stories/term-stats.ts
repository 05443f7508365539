/**
 * Term statistics for TF-IDF: term ids, document frequencies, and unit-length vectors. Terms are
 * counted for a whole batch before it is clustered, so early items of a batch get realistic weights.
 *
 * Document frequencies blend the shipped prior (see `df-prior.ts`) with the instance's own counts:
 * the prior counts as `priorDocs` documents, so it decides on a fresh instance and fades as the
 * instance's own statistics grow. A term the prior does not know (a name, a product, a model) is
 * rare until the instance sees it often: a company every feed mentions becomes common here, the
 * name of the one product an event is about stays rare.
 */
import { BEAT_SHARE, isBeatWord, isPhrase } from "./common-word.js";
import type { DfPrior } from "./df-prior.js";
import { Float64Slab, Int32Slab } from "./typed-slab.js";

export interface Prepared {
  titleTerms: string[];
  summaryTerms: string[];
}

/** The term ids of a `Prepared`, in the same order. */
export interface PreparedIds {
  titleIds: Int32Array;
  summaryIds: Int32Array;
}

export class TermStats {
  private readonly termIds = new Map<string, number>();
  private readonly df: number[] = [];
  /** Prior document count per term id, looked up once per term. */
  private readonly priorDf: number[] = [];
  private observedDocs = 0;
  /** Per term id: its idf, and the `observedDocs` it was computed at (see `idf`). */
  private readonly idfAt: number[] = [];
  private readonly idfValue: number[] = [];
  /** Scratch per term id, valid where `stampOf` holds the current stamp (see `count`, `vectorize`). */
  private readonly stampOf: number[] = [];
  private readonly tf: number[] = [];
  /** Scratch of `vectorize`: a document's distinct term ids in order of first occurrence. */
  private readonly order: number[] = [];
  private stamp = 0;
  /**
   * Per term id: 1 for a name phrase (`phraseTerm`), which is in a vector at weight 0: its words
   * weigh there already, and it is there to be found (postings, `has`, counts) as a name of the text
   * (`cluster-evidence.ts`). Weighed again as a rare term, the phrases of one text that no other
   * shares pulled it away from its event: on the March scenario "Artificial Intelligence Act: MEPs
   * adopt landmark law" stayed out of the AI Act vote (F1 0.857 at weight 0, 0.852 at full weight).
   */
  private readonly phrase: number[] = [];
  /** Term id → term. */
  private readonly terms: string[] = [];
  /**
   * The typed arrays handed out come from shared chunks (see `typed-slab.ts`): a document's ids
   * (dropped once it is added, so their chunks go early) apart from its vector (kept for the run).
   */
  private readonly idChunks = new Int32Slab();
  private readonly ints = new Int32Slab();
  private readonly floats = new Float64Slab();

  constructor(
    private readonly titleWeight: number,
    private readonly prior?: DfPrior,
    private readonly priorDocs = 0,
  ) {}

  /** Count documents seen outside this run (the instance's long-run statistics), terms only. */
  countTerms(terms: Iterable<string>): void {
    this.observedDocs++;
    for (const term of new Set(terms)) {
      const id = this.termId(term);
      this.df[id] = (this.df[id] ?? 0) + 1;
    }
  }

  /** Term ids of a prepared text's title and summary terms (handed out in that order). */
  ids(p: Prepared): PreparedIds {
    const titleIds = this.idChunks.take(p.titleTerms.length);
    for (let i = 0; i < titleIds.length; i++) titleIds[i] = this.termId(p.titleTerms[i] as string);
    const summaryIds = this.idChunks.take(p.summaryTerms.length);
    for (let i = 0; i < summaryIds.length; i++) summaryIds[i] = this.termId(p.summaryTerms[i] as string);
    return { titleIds, summaryIds };
  }

  private idsOf(p: Prepared | PreparedIds): PreparedIds {
    return "titleIds" in p ? p : this.ids(p);
  }

  /** Count a document of this run (its terms, or their ids when the caller has them already). */
  count(p: Prepared | PreparedIds): void {
    const ids = this.idsOf(p);
    this.observedDocs++;
    const stamp = this.nextStamp();
    for (const list of [ids.titleIds, ids.summaryIds]) {
      for (const id of list) {
        if (this.stampOf[id] === stamp) continue;
        this.stampOf[id] = stamp;
        this.df[id] = (this.df[id] ?? 0) + 1;
      }
    }
  }

  /** Documents counted that contain the term (the instance's own count, no prior). */
  docFrequency(id: number): number {
    return this.df[id] ?? 0;
  }

  /** The term of an id (the run's one copy of the string). */
  term(id: number): string {
    return this.terms[id] ?? "";
  }

  termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.termIds.size;
      this.termIds.set(term, id);
      this.terms.push(term);
      this.phrase.push(isPhrase(term) ? 1 : 0);
      // A beat word is common in news whatever the prior's subtitles say (see `BEAT_SHARE`).
      const share = this.prior ? (isBeatWord(term) ? Math.max(BEAT_SHARE, this.prior.share(term)) : this.prior.share(term)) : 0;
      this.priorDf.push(this.priorDocs > 0 ? this.priorDocs * share : 0);
      this.df.push(0);
      this.stampOf.push(0);
      this.tf.push(0);
      this.idfAt.push(-1);
      this.idfValue.push(0);
    }
    return id;
  }

  private idf(id: number): number {
    // Document frequencies change only as documents are counted, which moves `observedDocs`: an idf
    // computed at the current count is still exact (a batch adds all its items at one count).
    if (this.idfAt[id] === this.observedDocs) return this.idfValue[id] as number;
    let df = this.df[id] ?? 0;
    let docs = this.observedDocs;
    if (this.priorDocs > 0 && this.prior) {
      df += this.priorDf[id] ?? 0;
      docs += this.priorDocs;
    }
    const idf = Math.log((docs + 1) / (df + 1)) + 1;
    this.idfAt[id] = this.observedDocs;
    this.idfValue[id] = idf;
    return idf;
  }

  /** Sublinear TF (title terms weighted up) × IDF, unit length. */
  vectorize(p: Prepared | PreparedIds): { terms: Int32Array; weights: Float64Array } {
    const ids = this.idsOf(p);
    // Raw term frequencies in per-term scratch slots, terms kept in order of first occurrence.
    const stamp = this.nextStamp();
    const order = this.order;
    let n = 0;
    for (let k = 0; k < ids.titleIds.length + ids.summaryIds.length; k++) {
      const title = k < ids.titleIds.length;
      const id = (title ? ids.titleIds[k] : ids.summaryIds[k - ids.titleIds.length]) as number;
      if (this.stampOf[id] !== stamp) {
        this.stampOf[id] = stamp;
        this.tf[id] = 0;
        order[n++] = id;
      }
      this.tf[id] = (this.tf[id] ?? 0) + (title ? this.titleWeight : 1);
    }
    const terms = this.ints.take(n);
    const weights = this.floats.take(n);
    let norm2 = 0;
    for (let i = 0; i < n; i++) {
      const id = order[i] as number;
      const tf = this.tf[id] ?? 0;
      // Rare terms keep full weight: down-weighting them makes two texts sharing only a common word
      // (the company name) look alike.
      const w = this.phrase[id] === 1 ? 0 : (tf >= 1 ? 1 + Math.log(tf) : tf) * this.idf(id);
      terms[i] = id;
      weights[i] = w;
      norm2 += w * w;
    }
    const norm = Math.sqrt(norm2) || 1;
    for (let j = 0; j < weights.length; j++) weights[j] = (weights[j] ?? 0) / norm;
    return { terms, weights };
  }

  /** A fresh mark for the per-term scratch slots (no clearing between documents). */
  private nextStamp(): number {
    return ++this.stamp;
  }
}
