/**
 * Fragments of one event told by complementary outlets. Outlets word one event so differently that
 * its coverage can start as two or three stories ("Falcon 2 VLM turns pictures into text …" beside
 * "Abu Dhabi's TII releases Falcon 2 …"; "Gates, chains and the wrong side of the road: inside
 * NHTSA's Waymo file" beside "US safety regulator investigates Waymo …"), whose centroids stay below
 * the merge threshold. An editor still sees one event when the fragments:
 * - are about the same rare name: it is in every headline of the smaller fragment and in a third of
 *   the other's, the window hardly mentions it anywhere else (the fragments hold 80% of its texts,
 *   at most 15% of the window's items name it), and it is not a capitalised common word ("Pro");
 * - were written by different outlets: an outlet writes one piece per event, so two stories of one
 *   outlet about one name are its two pieces of news, while fragments of one event are the other
 *   outlets' pieces (the same company's other news of the day comes from the same newsrooms);
 * - were told in the same hours (mean times at most 6 h apart), neither is a later development
 *   of the other (`developsFrom`), and they do not tell different kinds of event (`kind-of-event.ts`);
 * - still share words: centroid cosine at least 0.2 (0.15 for an event several outlets headline: `fragment-floor.ts`).
 * Why not names alone: pairs of different events share two or three names at similar cosines (I/O
 * day: "Gemini 1.5 Pro"); disjoint outlets, the same hours and a name the window keeps for them are
 * what set fragments apart. The pass runs after each batch over the stories it touched
 * (`StoryClusterer.settle`).
 */
import { headlineName, membersWith, textsWith, type ClusterView } from "./cluster-evidence.js";
import { meanTime, type Cluster } from "./cluster-state.js";
import { namesNoStory } from "./common-word.js";
import { otherKindOfEvent } from "./kind-of-event.js";
import { developsFrom } from "./later-development.js";
import { fragmentFloor } from "./fragment-floor.js";
import { SPECIFIC_MAX_ITEMS } from "./story-evidence.js";

/** Hours between the fragments' mean times beyond which they are two events about one name. */
const MAX_GAP_MS = 6 * 3_600_000;
/** Least share of the window's texts with the name that the fragments about it hold. */
const MIN_CONFINED = 0.8;
/** Least texts naming it in the fragments: one event is news for several outlets. */
const MIN_TEXTS = 3;
/** Most share of the window's items naming it: beyond, it is a beat ("AI", a company on its big day). */
const MAX_WINDOW_SHARE = 0.15;

/** Merge touched stories with complementary fragments of their event; `merge` returns the survivor. */
export function mergeFragments(v: ClusterView, touched: Iterable<number>, merge: (a: number, b: number) => number): void {
  const done = new Set<number>();
  for (const raw of touched) {
    let a = v.find(raw);
    if (a < 0 || done.has(a)) continue;
    for (const b of fragmentsOf(v, a)) a = merge(a, v.find(b));
    done.add(a);
  }
}

function centroidCosine(a: Cluster, b: Cluster): number {
  const [small, large] = a.centroid.size <= b.centroid.size ? [a, b] : [b, a];
  let dot = 0;
  for (let i = 0; i < small.centroid.size; i++) dot += small.centroid.weightAt(i) * large.centroid.weightOf(small.centroid.termAt(i));
  return dot / (Math.sqrt(a.norm2 * b.norm2) || 1);
}

/** Stories to merge into `a`: the other fragments of the event told by its headline names. */
function fragmentsOf(v: ClusterView, a: number): number[] {
  const A = v.clusters[a] as Cluster;
  const ta = meanTime(A);
  if (ta === undefined) return [];
  const out: number[] = [];
  let sources: Set<number> | undefined;
  let heads: Map<number, number> | undefined;
  const maxDf = Math.min(SPECIFIC_MAX_ITEMS, MAX_WINDOW_SHARE * v.docs.length);
  for (let i = 0; i < A.names.size; i++) {
    const t = A.names.termAt(i); // by index: an iterator made an object per name of every story settled
    const df = v.docFrequency(t);
    if (df > maxDf) continue;
    const n = (heads ??= membersWith(v, A, "headline")).get(t) ?? 0;
    if (n * 3 < A.members.length) continue;
    // Stories of the same hours about the name (a story days away is another event: the gap below).
    const group: number[] = [];
    for (let e = 0, at = v.postings.offset(t), size = v.postings.size(t); e < size; e++) {
      const b = v.find(v.postings.entries[at + e] as number);
      if (b === a || b < 0 || group.includes(b)) continue;
      const B = v.clusters[b] as Cluster;
      const tb = meanTime(B);
      if (tb !== undefined && Math.abs(ta - tb) <= MAX_GAP_MS && headlineName(v, B, t)) group.push(b);
    }
    if (group.length === 0) continue;
    // The stories about the name hold (nearly) every text of the window naming it, and several.
    let texts = textsWith(v, A, t);
    for (const b of group) texts += textsWith(v, v.clusters[b] as Cluster, t);
    if (texts < MIN_TEXTS || texts < MIN_CONFINED * df) continue;
    if (namesNoStory(v.term(t))) continue; // "Pro", "Flash", "Studio" name a line of things, not one thing
    for (const b of group) {
      const B = v.clusters[b] as Cluster;
      if (out.includes(b)) continue;
      // The smaller fragment (both, at equal size) is wholly about the name: a piece that only
      // mentions it is other news ("Google extends SynthID watermarks to … video" names Veo in its summary).
      const [sa, sb] = [A.members.length, B.members.length];
      if ((sb <= sa && !headlineName(v, B, t, 1)) || (sa <= sb && n < sa)) continue;
      sources ??= new Set(A.sources?.keys() ?? []);
      if ([...(B.sources?.keys() ?? [])].some((s) => sources?.has(s))) continue;
      const sim = centroidCosine(A, B);
      // Least cosine: as close as an item with a summary must be to join a story; the small-story
      // penalty and the merge threshold kept them apart (lower for an established event: `fragment-floor.ts`).
      const floor = fragmentFloor(sa, sb, n === sa && headlineName(v, B, t, 1));
      if (sim < floor || developsFrom(v.docs, A, B) || developsFrom(v.docs, B, A) || otherKindOfEvent(A, B)) continue;
      out.push(b);
      for (const s of B.sources?.keys() ?? []) sources.add(s);
    }
  }
  return out;
}
