/**
 * A lone item that evidence now places in a story formed after it. Evidence (a specific name and a
 * kind of event shared with a story, `evidenceMatch`) is weighed when an item comes, against the
 * stories of that moment; an item that came before its event's story had formed, or before the story
 * had the item's kind of event, stayed alone, though had it come an hour later it would have joined.
 * "US senators unveil long-awaited plan for artificial intelligence" came 90 minutes after
 * "Schumer's AI group asks for $32 billion …", which has no kind of event in common with it; once
 * "Civil-society groups say the Senate's AI plan goes easy on Big Tech" had joined that piece, the
 * senators' plan met it on "Schumer" and an unveiling (0.135), and no story was nearer. So after each
 * batch a one-item story among those the batch touched or came near is placed as the item would be
 * now: into the story evidence finds (its own left out), when that story has at least two members
 * (several outlets made it; between two lone items, the order they came in decides as at join time),
 * no story nearer the item rivals it (`rivalled`), and neither is a later development of the other.
 *
 * Measured (dev scenario alone / with the feeds, UCI, own February / March / April, headlines alone):
 * dev alone F1 0.978 → 0.983, events whole 11 → 12 of 12; with the feeds 0.975 → 0.980, 10 → 11;
 * UCI, the own files and every headline set unchanged. Variants (each outlet left out, times
 * jittered): dev 0.9693 → 0.9729 (events whole 10.00 → 10.68), with the feeds 0.9655 → 0.9686 (8.89 →
 * 9.47), February 0.9191 → 0.9193, March 0.9051 → 0.9049, April 0.9075 → 0.9080 (follow-up precision
 * 0.725 → 0.733); follow-ups otherwise unchanged. Into a story of one item as well: February variants
 * 0.9165, April 0.9027 (two lone items paired on a name). Cluster 100k items: within run-to-run noise.
 */
import { evidenceMatch, rivalled, type ClusterView } from "./cluster-evidence.js";
import type { Best, Cluster, DocEntry } from "./cluster-state.js";
import { developsFrom, laterDevelopment } from "./later-development.js";

/** Least members of the story a lone item joins on evidence afterwards. */
export const MIN_REJOIN_STORY = 2;

/** The story one-item story `ci` should merge into on evidence, or -1 (see the module comment). */
export function rejoinOnEvidence(v: ClusterView, ci: number, nearest: (ci: number) => Best): number {
  const c = v.clusters[ci] as Cluster;
  if (c.members.length !== 1) return -1;
  const doc = v.docs[c.members[0] as number] as DocEntry;
  // A headline announcing a development is left to the follow-up linker, as in the nearest-story pass.
  if (doc.develops) return -1;
  const found = evidenceMatch(v, doc, ci);
  if (found.cluster < 0) return -1;
  const target = v.clusters[found.cluster] as Cluster;
  if (target.members.length < MIN_REJOIN_STORY) return -1;
  if (laterDevelopment(doc, target) || developsFrom(v.docs, c, target) || developsFrom(v.docs, target, c)) return -1;
  // A story nearer the item by centroid (the nearest-story pass's search) says the name is a coincidence.
  if (rivalled(found, nearest(ci), v.smallStoryPenalty / target.members.length)) return -1;
  return found.cluster;
}
