/**
 * The clusterer's use of news evidence (names and event words, see `story-evidence.ts`) against its
 * live stories: which names are specific, what a story is about, strong-evidence joins, subject
 * conflicts and same-subject merges. Reads the clusterer's state through a narrow view.
 */
import type { ClusterDoc } from "./cluster-doc.js";
import type { Best, Cluster, DocEntry } from "./cluster-state.js";
import { dfPrior } from "./df-prior.js";
import { EVIDENCE_FLOOR, eventClasses, nameTerms, SPECIFIC_MAX_ITEMS, SPECIFIC_MAX_STORIES } from "./story-evidence.js";
import type { Prepared } from "./term-stats.js";
import { TextMemo } from "./text-memo.js";
import { isDistinctiveFigure } from "./text-tokens.js";

export interface ClusterView {
  readonly clusters: readonly Cluster[];
  /** Term id → stories whose centroid has it (may hold merged or expired stories: use `find`). */
  readonly postings: ReadonlyMap<number, readonly number[]>;
  find(ci: number): number;
  inWindow(ci: number, time: number): boolean;
  cosine(doc: DocEntry, ci: number): number;
  /** Items of the run's statistics containing the term. */
  docFrequency(term: number): number;
  readonly docs: readonly DocEntry[];
  termId(term: string): number;
}

const names = new TextMemo((text) => nameTerms(text, dfPrior()));

/** A document's names (whole text and title) as term ids, and its event classes. */
export function docEvidence(
  doc: ClusterDoc,
  prepared: Prepared,
  termId: (term: string) => number,
): Pick<DocEntry, "names" | "titleNames" | "events" | "figures"> {
  // Distinct terms have distinct ids: the ids are deduplicated instead of the strings (one lookup each).
  const titleIds = distinctIds(names.get(doc.title), termId);
  const all = doc.summary ? distinctIds(names.get(doc.summary), termId, titleIds) : titleIds;
  const figures: number[] = [];
  for (const terms of [prepared.titleTerms, prepared.summaryTerms]) {
    for (const t of terms) if (isDistinctiveFigure(t)) figures.push(termId(t));
  }
  return {
    names: Int32Array.from(all),
    titleNames: Int32Array.from(titleIds),
    events: eventClasses(prepared.titleTerms) | eventClasses(prepared.summaryTerms),
    figures: Int32Array.from(distinctIds([], termId, figures)),
  };
}

/** `before` followed by the ids of `terms` it lacks, first occurrences in order. */
function distinctIds(terms: readonly string[], termId: (term: string) => number, before: readonly number[] = []): number[] {
  const out: number[] = [];
  for (const id of before) if (!out.includes(id)) out.push(id);
  for (const t of terms) {
    const id = termId(t);
    if (!out.includes(id)) out.push(id);
  }
  return out;
}

/** Few stories and items of the window contain the term: it can tell which story an item belongs to. */
export function isSpecific(v: ClusterView, term: number): boolean {
  return (v.postings.get(term)?.length ?? 0) <= SPECIFIC_MAX_STORIES && v.docFrequency(term) <= SPECIFIC_MAX_ITEMS;
}

/** Specific names in at least a third of a story's headlines: what the story is about. */
export function dominantNames(v: ClusterView, ci: number): number[] {
  const c = v.clusters[ci] as Cluster;
  const out: number[] = [];
  for (const [t, n] of c.titleNames) if (n * 3 >= c.members.length && isSpecific(v, t)) out.push(t);
  return out;
}

/** Both stories' headlines are about one specific name. */
export function sameSubject(v: ClusterView, a: number, b: number): boolean {
  const other = new Set(dominantNames(v, b));
  return dominantNames(v, a).some((t) => other.has(t));
}

/**
 * The item's headline names a specific thing the story never mentions, and the story's headlines
 * are about a specific thing the item never mentions: different subjects.
 */
export function subjectsConflict(v: ClusterView, doc: DocEntry, ci: number): boolean {
  const c = v.clusters[ci] as Cluster;
  const dominant = dominantNames(v, ci);
  if (dominant.length === 0 || doc.titleNames.some((t) => dominant.includes(t))) return false;
  if (!doc.titleNames.some((t) => isSpecific(v, t) && !c.centroid.has(t))) return false;
  const own = new Set(doc.terms);
  return dominant.some((t) => !own.has(t));
}

/** Both quote distinctive figures and share none of them: different facts. */
function figuresDiffer(v: ClusterView, doc: DocEntry, c: Cluster): boolean {
  if (doc.figures.length === 0 || doc.figures.some((f) => c.centroid.has(f))) return false;
  return c.members.some((m) => (v.docs[m]?.figures.length ?? 0) > 0);
}

/** The best story sharing a specific name and a kind of event with the item, at cosine ≥ EVIDENCE_FLOOR. */
export function evidenceMatch(v: ClusterView, doc: DocEntry): Best {
  let best: Best = { cluster: -1, similarity: 0 };
  if (doc.events === 0) return best;
  for (const name of doc.names) {
    const list = v.postings.get(name);
    if (!list || !isSpecific(v, name)) continue;
    for (const raw of list) {
      const ci = v.find(raw);
      const c = v.clusters[ci] as Cluster;
      if (!v.inWindow(ci, doc.time) || (c.events & doc.events) === 0 || figuresDiffer(v, doc, c)) continue;
      const sim = v.cosine(doc, ci);
      if (sim >= EVIDENCE_FLOOR && sim > best.similarity && !subjectsConflict(v, doc, ci)) best = { cluster: ci, similarity: sim };
    }
  }
  return best;
}
