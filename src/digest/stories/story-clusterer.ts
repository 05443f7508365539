/**
 * The in-memory, incremental story clusterer. Stages per item: exact duplicate (canonical URL,
 * normalised title) → near-duplicate (MinHash LSH) → centroid similarity over TF-IDF vectors, with
 * candidate stories found through an inverted index (term → stories) so the cost per item stays
 * bounded. Centroid linkage (not single-link) keeps a chain of loosely related items from gluing
 * different events together; stories whose centroids converge are merged as they grow.
 * Pure and synchronous: the store-backed wrapper is `build-stories.ts`.
 */
import type { AddResult, ClusterDoc, ClusterMerge, JoinReason } from "./cluster-doc.js";
import { resolveClusterOptions, type ClusterOptions } from "./cluster-options.js";
import { headlinesOnly, liveStory, mergeThreshold, staleness, type Best, type Cluster, type DocEntry } from "./cluster-state.js";
import { dfPrior } from "./df-prior.js";
import { NameCounts } from "./name-counts.js";
import { NearDuplicateIndex } from "./near-duplicates.js";
import { Postings } from "./postings.js";
import { TermStats } from "./term-stats.js";
import { TokenTerms } from "./token-terms.js";
import { readDocText, unpackText, type PackedText } from "./doc-text.js";
import { figureMatch } from "./figure-match.js";
import { mergeFragments } from "./complementary-fragments.js";
import { mergeNearFragments, nearestStories } from "./nearest-story.js";
import { countNames, docEvidence, evidenceMatch, headlineIds, headlineNameMatch, mergeNames, rivalled, sameSubject, sharesWords, subjectsConflict, type ClusterView } from "./cluster-evidence.js";
import { announcesDevelopment } from "./follow-up-linker.js";
import { countTime, developsFrom, laterDevelopment } from "./later-development.js";
import { countSource, mergeSources, SourceIds, sourceShare } from "./source-diversity.js";
import { SHARED_WORDS_MERGE, storiesShareWords } from "./stories-share-words.js";
import { isBeatWord } from "./common-word.js";
import { TermWeights } from "./term-weights.js";
import { TypedPool } from "./typed-pool.js";
import { StorySpans } from "./story-spans.js";
import { Int32Slab, Uint32Slab } from "./typed-slab.js";
import { CandidateScores } from "./candidate-scores.js";

export type { AddResult, ClusterDoc, ClusterMerge, JoinReason } from "./cluster-doc.js";
const SWEEP_EVERY = 2048;
/** A story is re-checked for merging each time it grows by this factor (1.3 beat doubling). */
const MERGE_GROWTH = 1.3;
/** From this many summary terms on, an item is judged by `joinThresholdWithSummary`. */
const MIN_SUMMARY_TERMS = 8;
/** Share of the merge threshold two stories about the same specific name must reach (see `sameSubject`). */
const SAME_SUBJECT_MERGE = 0.75;
const MAX_MERGES = 4; // merge checks in a row after one item joins (see `maybeMerge`)

export class StoryClusterer {
  readonly options: ClusterOptions;
  private readonly windowMs: number;
  private readonly stats: TermStats;
  /** Observed, not yet added: what was read of their texts (see `doc-text.ts`). */
  private readonly pending = new Map<string, PackedText>();
  private readonly docs: DocEntry[] = [];
  private readonly docIndex = new Map<string, number>();
  private readonly clusters: Cluster[] = [];
  private readonly keyIndex = new Map<string, number>();
  private readonly postings = new Postings();
  private readonly urlKeys = new Map<string, number>();
  private readonly titleKeys = new Map<string, number>();
  private readonly nearDupes = new NearDuplicateIndex<number>();
  private readonly merges: ClusterMerge[] = [];
  private readonly scores: CandidateScores; // the candidate search's first pass
  private readonly view: ClusterView;
  private readonly sourceIds = new SourceIds();
  /** Words that count towards two stories' shared words (`storiesShareWords`): not the beat's. */
  private readonly notBeat = (t: number): boolean => !isBeatWord(this.stats.term(t));
  private readonly ints = new Int32Slab(); // a document's evidence arrays (see `typed-slab.ts`)
  private readonly tokens: TokenTerms;
  /** What reading a text needs (see `doc-text.ts`). */
  private readonly reading: Parameters<typeof readDocText>[1];
  private maxTime = -Infinity;
  private addsSinceSweep = 0;
  private alive = new Uint8Array(0); // scratch of `sweep`
  private readonly spans = new StorySpans(); // each story's span and root, as the objects have them
  private readonly pool = new TypedPool(); // the stories' growing tables (see `typed-pool.ts`)

  constructor(
    options?: Partial<ClusterOptions>,
    private readonly newKey: (doc: ClusterDoc) => string = (doc) => doc.id,
    /** Memoise texts across runs (the live engine re-reads its window); a one-off batch reads each text once. */
    private readonly memo = true,
  ) {
    this.options = resolveClusterOptions(options);
    this.windowMs = this.options.windowHours * 3_600_000;
    this.stats = new TermStats(this.options.titleWeight, dfPrior(), this.options.priorDocs);
    // A text's lists are packed once read (see `PackedText`): what reading hands out is short-lived.
    this.tokens = new TokenTerms(this.stats, dfPrior(), new Int32Slab());
    // Near-duplicate signatures come from a slab of their own (see `typed-slab.ts`).
    this.reading = { tokens: this.tokens, stats: this.stats, memo, ints: this.ints, sigs: new Uint32Slab() };
    this.scores = new CandidateScores(this.options, this.postings, this.spans, this.windowMs, (ci) => this.find(ci));
    this.view = {
      clusters: this.clusters,
      postings: this.postings,
      find: (ci) => this.find(ci),
      inWindow: (ci, time) => this.inWindow(ci, time),
      cosine: (doc, ci) => this.cosine(doc, ci),
      staleness: (ci, time) => staleness(this.clusters[ci] as Cluster, time, this.windowMs, this.options.stalePenalty),
      docFrequency: (term) => this.stats.docFrequency(term),
      smallStoryPenalty: this.options.smallStoryPenalty,
      docs: this.docs,
      termId: (term) => this.stats.termId(term),
      term: (id) => this.stats.term(id),
    };
  }

  /** Count a document's terms in the IDF statistics (done by `add` when not done before). */
  observe(doc: ClusterDoc): void {
    if (this.pending.has(doc.id) || this.docIndex.has(doc.id)) return;
    const text = readDocText(doc, this.reading);
    this.pending.set(doc.id, text);
    this.stats.count({ titleIds: text.ints.subarray(0, text.title), summaryIds: text.ints.subarray(text.title, text.title + text.summary + text.address) });
  }

  /** Assign a document to a story (or to `forceKey`, when rebuilding known assignments). */
  add(doc: ClusterDoc, forceKey?: string): AddResult {
    const existing = this.docIndex.get(doc.id);
    if (existing !== undefined) {
      const key = this.clusterKeyOf(existing);
      return { docId: doc.id, clusterKey: key, reason: "forced", similarity: 1 };
    }
    const packed = this.pending.get(doc.id) ?? (this.observe(doc), this.pending.get(doc.id) as PackedText);
    this.pending.delete(doc.id);
    const prepared = unpackText(packed);
    const { terms, weights } = this.stats.vectorize(prepared);
    const headline = headlineIds(prepared.titleIds, this.tokens, this.ints); // from the slab, no list per item
    const [develops, undated, source] = [announcesDevelopment(doc.title), doc.undated === true, this.sourceIds.of(doc.source)];
    // The summary's own terms decide its threshold, not the address's (`address-words.ts`).
    const withSummary = prepared.summaryIds.length - prepared.addressTerms >= MIN_SUMMARY_TERMS;
    const evidence = docEvidence(prepared, this.tokens, this.ints);
    // Every field written out (no spread): objects built by a spread were several times slower to read.
    const { names, titleNames, titleProper, events, figures } = evidence;
    const entry: DocEntry = { id: doc.id, terms, weights, address: prepared.addressTerms, cluster: -1, time: doc.time, headline, develops, undated, source, names, titleNames, titleProper, events, figures };
    const docIdx = this.docs.length;
    this.docs.push(entry);
    this.docIndex.set(doc.id, docIdx);
    if (doc.time > this.maxTime) this.maxTime = doc.time;
    const { titleKey, sig } = prepared;
    let target: number;
    let reason: JoinReason = "new";
    let similarity: number;
    if (forceKey !== undefined) {
      target = this.keyIndex.get(forceKey) ?? this.createCluster(forceKey, doc.time);
      reason = "forced";
      similarity = 1;
    } else {
      const byUrl = doc.url ? this.urlKeys.get(doc.url) : undefined;
      const byTitle = titleKey !== undefined ? this.titleKeys.get(titleKey) : undefined;
      if (byUrl !== undefined) {
        target = this.find(byUrl);
        reason = "url";
        similarity = 1;
      } else if (byTitle !== undefined && this.inWindow(this.find(byTitle), doc.time)) {
        target = this.find(byTitle);
        reason = "title";
        similarity = 1;
      } else {
        const dupe = sig ? this.nearDupes.find(sig, this.options.nearDuplicateThreshold) : null;
        const dupeCluster = dupe ? this.find(this.docs[dupe.value]?.cluster ?? -1) : -1;
        if (dupe && dupeCluster >= 0 && this.inWindow(dupeCluster, doc.time)) {
          target = dupeCluster;
          reason = "near-duplicate";
          similarity = dupe.similarity;
        } else {
          const best = this.bestCluster(terms, weights, doc.time, -1, entry.source);
          const threshold = withSummary ? this.options.joinThresholdWithSummary : this.options.joinThreshold;
          let evidence = evidenceMatch(this.view, entry);
          if (evidence.cluster >= 0 && laterDevelopment(entry, this.clusters[evidence.cluster] as Cluster)) evidence = { cluster: -1, similarity: 0 };
          // Evidence bridges wordings of one event, not a story less like the item than another is.
          if (rivalled(evidence, best, this.smallStory(evidence.cluster))) evidence = { cluster: -1, similarity: 0 };
          const fits = best.cluster >= 0 && best.similarity >= threshold && sharesWords(entry, this.clusters[best.cluster] as Cluster) && !subjectsConflict(this.view, entry, best.cluster) && !laterDevelopment(entry, this.clusters[best.cluster] as Cluster);
          if (fits) {
            target = best.cluster;
            reason = "similar";
            similarity = best.similarity;
          } else if (evidence.cluster >= 0 || ((evidence = headlineNameMatch(this.view, entry, this.options.joinThreshold)).cluster >= 0 && !rivalled(evidence, best, this.smallStory(evidence.cluster)))) {
            ({ cluster: target, similarity } = evidence);
            reason = "evidence";
          } else {
            ({ cluster: target, similarity } = figureMatch(this.view, entry, {
              threshold: this.options.figureJoinThreshold,
              gapMs: Math.min(this.options.figureWindowHours * 3_600_000, this.windowMs),
            }));
            if (target >= 0 && (subjectsConflict(this.view, entry, target) || laterDevelopment(entry, this.clusters[target] as Cluster))) target = -1;
            if (target >= 0) reason = "figure";
          }
        }
      }
      if (target < 0) target = this.createCluster(this.uniqueKey(this.newKey(doc)), doc.time);
    }

    this.attach(docIdx, target);
    if (withSummary) (this.clusters[target] as Cluster).withSummary++;
    if (doc.url) this.urlKeys.set(doc.url, target);
    if (titleKey !== undefined) this.titleKeys.set(titleKey, target);
    if (sig) this.nearDupes.add(sig, docIdx);
    for (let ci = target, k = 0; reason !== "forced" && ci >= 0 && k < MAX_MERGES; k++) ci = this.maybeMerge(ci, doc.time, k > 0);
    if (++this.addsSinceSweep >= SWEEP_EVERY) this.sweep();
    return { docId: doc.id, clusterKey: this.clusterKeyOf(docIdx), reason, similarity };
  }

  /** The story key a document ended in (after any merges). */
  clusterKeyOf(docIdxOrId: number | string): string {
    const idx = typeof docIdxOrId === "number" ? docIdxOrId : this.docIndex.get(docIdxOrId);
    const doc = idx === undefined ? undefined : this.docs[idx];
    if (!doc) throw new Error(`unknown document ${String(docIdxOrId)}`);
    return this.clusters[this.find(doc.cluster)]?.key ?? "";
  }

  /** Stories merged into others, in order (`from` no longer exists). */
  mergeLog(): readonly ClusterMerge[] {
    return this.merges;
  }

  /** Member document ids of a live story, with each one's cosine to the story centroid (centrality). */
  members(key: string): { docId: string; centrality: number }[] {
    const idx = this.keyIndex.get(key);
    const c = idx === undefined ? undefined : this.clusters[idx];
    if (!c || c.parent !== idx) return [];
    const norm = Math.sqrt(c.norm2) || 1;
    return c.members.map((m) => {
      const d = this.docs[m] as DocEntry;
      return { docId: d.id, centrality: this.dot(d.terms, d.weights, c.centroid) / norm };
    });
  }

  /** Every document's story key, in insertion order. */
  assignments(): { docId: string; clusterKey: string }[] {
    return this.docs.map((d, i) => ({ docId: d.id, clusterKey: this.clusterKeyOf(i) }));
  }

  /** After a batch: merge the stories of these documents with fragments of their event (`complementary-fragments.ts`). */
  settle(docIds: readonly string[]): void {
    const touched = docIds.map((id) => this.docs[this.docIndex.get(id) ?? -1]?.cluster ?? -1);
    mergeFragments(this.view, touched, (a, b) => this.mergeInto(a, b));
    mergeNearFragments(this.view, touched, (ci) => nearestStories(this.view, this.scores, ci), (a, b) => this.mergeInto(a, b));
  }

  private dot(terms: Int32Array, weights: Float64Array, centroid: TermWeights): number {
    let s = 0;
    for (let i = 0; i < terms.length; i++) s += (weights[i] ?? 0) * centroid.weightOf(terms[i] ?? -1);
    return s;
  }

  private cosine(doc: DocEntry, ci: number): number {
    const c = this.clusters[ci] as Cluster;
    return this.dot(doc.terms, doc.weights, c.centroid) / (Math.sqrt(c.norm2) || 1);
  }

  private inWindow(cluster: number, time: number): boolean {
    return this.spans.inWindow(cluster, time, this.windowMs);
  }

  /** Best live story for a vector among those sharing its rarest terms (skipping `exclude`). */
  private bestCluster(terms: Int32Array, weights: Float64Array, time: number, exclude: number, source?: number): Best {
    // Pass 1 (cheap): stories sharing the rarest terms (`candidate-scores.ts`). Pass 2: the exact
    // centroid cosine for the best few only, so dense windows do not cost quadratically.
    const count = this.scores.shortlist(terms, weights, time, exclude);
    let best = -1;
    let bestSim = 0;
    for (let s = 0; s < count; s++) {
      const ci = this.scores.stories[s] as number;
      const c = this.clusters[ci] as Cluster;
      let sim = this.dot(terms, weights, c.centroid) / (Math.sqrt(c.norm2) || 1);
      // A small story's centroid is one or two texts: demand more overlap than from a settled centroid;
      // a story largely written by the item's own source is rarely more of it (`source-diversity.ts`);
      // and news is told within hours (`staleness`).
      if (source !== undefined) sim -= this.options.smallStoryPenalty / c.members.length + staleness(c, time, this.windowMs, this.options.stalePenalty) + this.options.sameSourcePenalty * sourceShare(c, source);
      if (sim > bestSim) {
        bestSim = sim;
        best = ci;
      }
    }
    return { cluster: best, similarity: bestSim };
  }

  /** What `bestCluster` takes off a story's similarity for being small (see `smallStoryPenalty`). */
  private smallStory(ci: number): number {
    return ci < 0 ? 0 : this.options.smallStoryPenalty / (this.clusters[ci] as Cluster).members.length;
  }

  private createCluster(key: string, time: number): number {
    const idx = this.clusters.length;
    const [centroid, titleNames, names] = [new TermWeights(this.pool), new NameCounts(this.pool), new NameCounts(this.pool)];
    // Every field written out (no spread), as for documents (see `add`).
    this.clusters.push({ key, parent: idx, centroid, norm2: 0, members: [], first: time, last: time, timeSum: 0, dated: 0, checkedAt: 1, withSummary: 0, events: 0, titleNames, names, frequent: undefined });
    this.spans.open(idx, time);
    this.scores.open(idx);
    this.keyIndex.set(key, idx);
    return idx;
  }

  private uniqueKey(key: string): string {
    if (!this.keyIndex.has(key)) return key;
    let n = 2;
    while (this.keyIndex.has(`${key}~${n}`)) n++;
    return `${key}~${n}`;
  }

  private attach(docIdx: number, clusterIdx: number): void {
    const d = this.docs[docIdx] as DocEntry;
    const c = this.clusters[clusterIdx] as Cluster;
    d.cluster = clusterIdx;
    c.members.push(docIdx);
    c.events |= d.events;
    countSource(c, d.source);
    countNames(c, d);
    if (d.time < c.first) c.first = d.time;
    if (d.time > c.last) c.last = d.time;
    this.spans.set(clusterIdx, c.first, c.last);
    countTime(c, d);
    if (c.centroid.size === 0) c.centroid.reserve(d.terms.length);
    for (let i = 0; i < d.terms.length; i++) this.addToCentroid(clusterIdx, d.terms[i] ?? 0, d.weights[i] ?? 0);
  }

  private addToCentroid(clusterIdx: number, term: number, w: number): void {
    const c = this.clusters[clusterIdx] as Cluster;
    const old = c.centroid.addTo(term, w);
    if (old === undefined) this.postings.add(term, clusterIdx);
    const o = old ?? 0;
    c.norm2 += 2 * o * w + w * w;
  }

  /**
   * As a story grows, merge it with a story whose centroid has become close enough: the winner, or -1.
   * A merged story is checked `again` at once: one growth step may bring several fragments close.
   */
  private maybeMerge(ci: number, time: number, again: boolean): number {
    const c = this.clusters[ci] as Cluster;
    // Module functions, no closures: under tsx (esbuild's keepNames) each closure made per check was named at run time.
    if ((!again && c.members.length < MERGE_GROWTH * c.checkedAt) || mergeThreshold(this.options, c) > 1) return -1;
    c.checkedAt = c.members.length;
    const norm = Math.sqrt(c.norm2) || 1;
    const { terms, weights } = c.centroid.scaled(norm, true);
    const best = this.bestCluster(terms, weights, time, ci);
    if (best.cluster < 0) return -1;
    // Headlines about one specific name need less overlap, if they share more than it; either story of long texts, the stricter threshold.
    const other = this.clusters[best.cluster] as Cluster;
    const shared = storiesShareWords(c, other, this.notBeat);
    const pair = Math.max(mergeThreshold(this.options, c), mergeThreshold(this.options, other));
    const discount = shared && sameSubject(this.view, ci, best.cluster) ? SAME_SUBJECT_MERGE : shared && headlinesOnly(c) && headlinesOnly(other) ? SHARED_WORDS_MERGE : 1;
    if (best.similarity < pair * discount) return -1;
    // A story of later developments stays apart from the event it develops (see `DEVELOPMENT_GAP_MS`).
    const [a, b] = [this.clusters[ci] as Cluster, this.clusters[best.cluster] as Cluster];
    if (developsFrom(this.docs, a, b) || developsFrom(this.docs, b, a)) return -1;
    return this.mergeInto(ci, best.cluster);
  }

  /** Merge two live stories; the survivor. Keeps the older story's key: it may already be stored and delivered. */
  private mergeInto(a: number, b: number): number {
    const [winner, loser] = a < b ? [a, b] : [b, a];
    const w = this.clusters[winner] as Cluster;
    const l = this.clusters[loser] as Cluster;
    for (let i = 0; i < l.centroid.size; i++) this.addToCentroid(winner, l.centroid.termAt(i), l.centroid.weightAt(i));
    w.members.push(...l.members);
    w.first = Math.min(w.first, l.first);
    w.last = Math.max(w.last, l.last);
    this.spans.set(winner, w.first, w.last);
    w.timeSum += l.timeSum;
    w.dated += l.dated;
    w.checkedAt = Math.max(w.checkedAt, w.members.length / 2);
    w.withSummary += l.withSummary;
    w.events |= l.events;
    mergeSources(w, l);
    mergeNames(w, l);
    l.parent = winner;
    this.spans.close(loser);
    l.centroid.clear();
    l.members = [];
    this.keyIndex.delete(l.key);
    this.merges.push({ from: l.key, into: w.key });
    return winner;
  }

  private find(ci: number): number {
    return liveStory(this.clusters, ci);
  }

  /** Drop stories that fell out of the window (and merged ones) from the inverted index. */
  private sweep(): void {
    this.addsSinceSweep = 0;
    const horizon = this.maxTime - this.windowMs;
    // Each story judged once, into a byte per story: the lists name stories many times over, and a
    // look at each one's object was a cache miss per entry.
    if (this.alive.length < this.clusters.length) this.alive = new Uint8Array(2 * this.clusters.length);
    this.clusters.forEach((c, ci) => (this.alive[ci] = c.parent === ci && c.last >= horizon ? 1 : 0));
    this.postings.retain(this.alive);
    const live = (ci: number): boolean => (this.clusters[this.find(ci)] as Cluster).last >= horizon;
    for (const keys of [this.urlKeys, this.titleKeys]) keys.forEach((ci, k) => live(ci) || keys.delete(k));
    this.nearDupes.prune((docIdx) => (this.docs[docIdx]?.time ?? 0) >= horizon);
  }
}
