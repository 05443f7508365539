/**
 * Evidence against the members that hold the name, not only the story's centroid. A story of many
 * items tells many aspects of its event; a piece that follows one aspect ("The 'Her' problem: do we
 * want an assistant that flirts back?", the morning after the GPT-4o launch) shares its specific
 * name ("Altman") and its kind of event with the one member that told that aspect ("Altman bets on
 * a voice assistant you can interrupt", cosine 0.19) and little with the rest: against the
 * centroid of eight reports it scored under the evidence floor and came back the next day as news
 * of its own, although its event had been delivered. So `evidenceMatch` also compares the item
 * with each member whose text holds the shared name, as with a story of that one item: paying the
 * small-story penalty of one item (`smallStoryPenalty`), as `bestCluster` would.
 *
 * Only for stories of `MIN_MEMBERS` or more: a smaller story's centroid is its members already. The
 * members holding a specific name are few (`SPECIFIC_MAX_ITEMS` at most), so this costs little.
 * Alone it changes no story on any set; it matters once fragments merge into their nearest story
 * (`nearest-story.ts`): Altman's piece merged into GPT-4o's launch, and without this the column that
 * had followed it came back as new the next day (dev scenario: 1 story re-presented instead of 0).
 */
import type { DocEntry } from "./cluster-state.js";

/** Stories smaller than this are compared by their centroid alone (it is their members). */
export const MIN_MEMBERS = 3;

/** Cosine of two items' term vectors (terms in any order, each once). */
export function itemCosine(a: DocEntry, b: DocEntry): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.weights.length; i++) {
    const w = a.weights[i] ?? 0;
    na += w * w;
    const j = b.terms.indexOf(a.terms[i] ?? -1);
    if (j >= 0) dot += w * (b.weights[j] ?? 0);
  }
  for (let j = 0; j < b.weights.length; j++) nb += (b.weights[j] ?? 0) ** 2;
  return dot === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/**
 * The item's best similarity to a member of the story whose text holds `name`, less `penalty` (the
 * small-story penalty of one item), or -Infinity for a story under `MIN_MEMBERS`.
 */
export function holderSimilarity(doc: DocEntry, members: readonly number[], docs: readonly DocEntry[], name: number, penalty: number): number {
  if (members.length < MIN_MEMBERS) return -Infinity;
  let best = -Infinity;
  for (const m of members) {
    const d = docs[m];
    if (!d || !d.names.includes(name)) continue;
    const sim = itemCosine(doc, d) - penalty;
    if (sim > best) best = sim;
  }
  return best;
}
