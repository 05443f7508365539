/**
 * Fallback for coverage worded too differently to pass the join threshold: a story near in time
 * that quotes one of the item's distinctive figures ("$35.1bn", "94%") and has a member whose
 * headline shares a word with the item's, with cosine (no small-story penalty) ≥ the threshold.
 */
import type { ClusterView } from "./cluster-evidence.js";
import type { Best, Cluster, DocEntry } from "./cluster-state.js";
import { sourceShare } from "./source-diversity.js";

/** Stories quoting a figure beyond which it is too common to link an item by. */
const FIGURE_MAX_STORIES = 4;

export function figureMatch(v: ClusterView, doc: DocEntry, opts: { threshold: number; gapMs: number }): Best {
  let best: Best = { cluster: -1, similarity: 0 };
  if (doc.headline.length === 0 || opts.threshold > 1) return best;
  // The item's distinctive figures, title's first, each once.
  for (const f of doc.figures) {
    const size = v.postings.size(f);
    // A figure many stories quote ("2.5%" for a rate) tells nothing about which one this is.
    if (size === 0 || size > FIGURE_MAX_STORIES) continue;
    for (let e = 0, at = v.postings.offset(f); e < size; e++) {
      const ci = v.find(v.postings.entries[at + e] as number);
      const c = v.clusters[ci] as Cluster;
      if (doc.time - c.last > opts.gapMs || c.first - doc.time > opts.gapMs || !sharesHeadlineWord(v, doc, c)) continue;
      // As for names (see `evidenceMatch`): a fallback bridges outlets, not one outlet's two items.
      if (sourceShare(c, doc.source) > 0) continue;
      const sim = v.cosine(doc, ci);
      if (sim >= opts.threshold && sim > best.similarity) best = { cluster: ci, similarity: sim };
    }
  }
  return best;
}

/** A member's headline shares a word with the item's (a loop: under tsx, a closure made per call was named at run time). */
function sharesHeadlineWord(v: ClusterView, doc: DocEntry, c: Cluster): boolean {
  for (const m of c.members) if (v.docs[m]?.headline.some((t) => doc.headline.includes(t))) return true;
  return false;
}
