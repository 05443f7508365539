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
import type { DfPrior } from "./df-prior.js";

export interface Prepared {
  titleTerms: string[];
  summaryTerms: string[];
}

export class TermStats {
  private readonly termIds = new Map<string, number>();
  private readonly df: number[] = [];
  /** Prior document count per term id, looked up once per term. */
  private readonly priorDf: number[] = [];
  private observedDocs = 0;

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

  count(p: Prepared): void {
    this.observedDocs++;
    for (const term of new Set([...p.titleTerms, ...p.summaryTerms])) {
      const id = this.termId(term);
      this.df[id] = (this.df[id] ?? 0) + 1;
    }
  }

  /** Documents counted that contain the term (the instance's own count, no prior). */
  docFrequency(id: number): number {
    return this.df[id] ?? 0;
  }

  termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.termIds.size;
      this.termIds.set(term, id);
      this.priorDf.push(this.prior && this.priorDocs > 0 ? this.priorDocs * this.prior.share(term) : 0);
      this.df.push(0);
    }
    return id;
  }

  private idf(id: number): number {
    let df = this.df[id] ?? 0;
    let docs = this.observedDocs;
    if (this.priorDocs > 0 && this.prior) {
      df += this.priorDf[id] ?? 0;
      docs += this.priorDocs;
    }
    return Math.log((docs + 1) / (df + 1)) + 1;
  }

  /** Sublinear TF (title terms weighted up) × IDF, unit length. */
  vectorize(p: Prepared): { terms: Int32Array; weights: Float64Array } {
    const raw = new Map<number, number>();
    for (const t of p.titleTerms) {
      const id = this.termId(t);
      raw.set(id, (raw.get(id) ?? 0) + this.titleWeight);
    }
    for (const t of p.summaryTerms) {
      const id = this.termId(t);
      raw.set(id, (raw.get(id) ?? 0) + 1);
    }
    const terms = new Int32Array(raw.size);
    const weights = new Float64Array(raw.size);
    let i = 0;
    let norm2 = 0;
    for (const [id, tf] of raw) {
      // Rare terms keep full weight: down-weighting them makes two texts sharing only a common word
      // (the company name) look alike.
      const w = (tf >= 1 ? 1 + Math.log(tf) : tf) * this.idf(id);
      terms[i] = id;
      weights[i] = w;
      norm2 += w * w;
      i++;
    }
    const norm = Math.sqrt(norm2) || 1;
    for (let j = 0; j < weights.length; j++) weights[j] = (weights[j] ?? 0) / norm;
    return { terms, weights };
  }
}
