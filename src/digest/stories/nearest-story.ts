/**
 * A fragment of one or two items merges into the established story it is clearly nearest to. Each
 * item joined or started its story when it came, against the stories of that moment: a piece that
 * told the event its own way ("'It feels like AI from the movies': Altman bets on a voice assistant
 * you can interrupt" beside GPT-4o's launch; "An agent trained on many games does almost as well …"
 * beside "SIMA: a generalist AI agent …"; "Founders Fund leads $21 million bet on a coding agent"
 * beside Devin's launch) stayed apart, and the event's later reports grew the story it would have
 * joined, but no merge threshold (0.25–0.3, for two stories of many items) brought them together.
 * Looking again once the event is established, an editor sees that the fragment is about nothing
 * else: among all stories, that one is nearest, by far.
 *
 * A fragment (at most `MAX_FRAGMENT` items, no headline announcing a development) merges into its
 * nearest story when that story
 * - is established: `MIN_STORY` items or more (several outlets made the event their subject);
 * - is as near as an item with a summary must be to join (`MIN_SIMILARITY`, the centroid cosine with
 *   no small-story penalty) and `MARGIN` times nearer than the next story: a piece half-like two
 *   stories is about neither (same-company news of one day sits at 1.0–1.2 times its next);
 * - shares no outlet with it (an outlet writes one piece per event: `source-diversity.ts`);
 * - was told in the same hours (mean times at most `MAX_GAP_MS` apart), neither develops the other
 *   (`developsFrom`), and no item of the fragment is about another subject (`subjectsConflict`)
 *   unless its text names the story's core (`mentionsCore`: Donald Glover's studio testing Veo).
 *
 * Measured (every set; dev scenario alone / with the feeds, UCI, own February / March / April), with
 * `holder-similarity.ts`, which lets a follower of a merged fragment still find it: F1 0.964 / 0.961 /
 * 0.840 / 0.909 / 0.903 / 0.905 → 0.978 / 0.975 / 0.840 / 0.921 / 0.913 / 0.916; events whole 9 / 8 /
 * – / 5 / 4 / 5 → 11 / 10 / – / 6 / 6 / 6; follow-ups and stories re-presented unchanged; February's
 * AI filter recall 0.958 → 0.975. Variants (each outlet left out, times jittered): mean F1 0.9565 /
 * 0.9537 / – / 0.9092 / 0.8947 / 0.8976 → 0.9693 / 0.9655 / – / 0.9191 / 0.9051 / 0.9075, events
 * whole 8.42 / 7.26 / – / 4.95 / 3.79 / 4.37 → 10.00 / 8.89 / – / 5.84 / 5.37 / 5.32; follow-ups
 * unchanged but April's variants' precision (0.751 → 0.725). The core-name exception alone: dev
 * 0.973 → 0.978 (10 → 11 whole), with the feeds 0.970 → 0.975 (9 → 10), variants 0.9654 → 0.9693 and
 * 0.9610 → 0.9655; the own files unchanged. Altman's piece joins at 0.201, 2.4 times its next; "US
 * senators unveil …" (0.134) is no clear nearest (evidence places it: `evidence-rejoin.ts`). Cost:
 * one candidate search per touched story and per fragment near one (100k items 6.9 → 7.0 s).
 */
import type { CandidateScores } from "./candidate-scores.js";
import { mentionsCore, subjectsConflict, type ClusterView } from "./cluster-evidence.js";
import { meanTime, type Cluster, type DocEntry } from "./cluster-state.js";
import { developsFrom } from "./later-development.js";
import { rejoinOnEvidence } from "./evidence-rejoin.js";

/** Largest story that counts as a fragment. */
export const MAX_FRAGMENT = 2;
/** Smallest story that counts as an established event. */
export const MIN_STORY = 3;
/** Least centroid cosine, as `joinThresholdWithSummary`. */
export const MIN_SIMILARITY = 0.2;
/** How many times nearer the story must be than the next one. */
export const MARGIN = 1.3;
/** Most hours between the two stories' mean times, as for complementary fragments. */
export const MAX_GAP_MS = 6 * 3_600_000;

/** The nearest live story to a story's centroid, the next one's similarity and the stories searched (`StoryClusterer`). */
export interface Nearest {
  cluster: number;
  similarity: number;
  next: number;
  shortlist: number[];
}
export type NearestTwo = (ci: number) => Nearest;

/**
 * The stories nearest to story `ci`'s centroid among those sharing its rarest terms (the clusterer's
 * candidate search, `candidate-scores.ts`), by centroid cosine.
 */
export function nearestStories(v: ClusterView, scores: Pick<CandidateScores, "shortlist" | "stories">, ci: number): Nearest {
  const c = v.clusters[ci] as Cluster;
  const { terms, weights } = c.centroid.scaled(Math.sqrt(c.norm2) || 1, true);
  const count = scores.shortlist(terms, weights, c.last, ci);
  const out: Nearest = { cluster: -1, similarity: 0, next: 0, shortlist: [] };
  for (let k = 0; k < count; k++) {
    const o = v.find(scores.stories[k] as number);
    if (o === ci || o < 0 || out.shortlist.includes(o)) continue;
    out.shortlist.push(o);
    const other = v.clusters[o] as Cluster;
    let dot = 0;
    for (let i = 0; i < terms.length; i++) dot += (weights[i] ?? 0) * other.centroid.weightOf(terms[i] ?? -1);
    const sim = dot / (Math.sqrt(other.norm2) || 1);
    if (sim > out.similarity) [out.next, out.similarity, out.cluster] = [out.similarity, sim, o];
    else if (sim > out.next) out.next = sim;
  }
  return out;
}

/** The story fragment `ci` should merge into, or -1 (see the module comment). */
export function nearestEstablished(v: ClusterView, ci: number, nearest: NearestTwo): number {
  const c = v.clusters[ci] as Cluster;
  if (c.members.length === 0 || c.members.length > MAX_FRAGMENT) return -1;
  if (c.members.some((m) => (v.docs[m] as DocEntry).develops)) return -1;
  const best = nearest(ci);
  if (best.cluster < 0 || best.similarity < MIN_SIMILARITY || best.similarity < MARGIN * best.next) return -1;
  const b = v.clusters[best.cluster] as Cluster;
  if (b.members.length < MIN_STORY) return -1;
  for (const s of c.sources?.keys() ?? []) if (b.sources?.has(s)) return -1;
  const [ta, tb] = [meanTime(c), meanTime(b)];
  if (ta !== undefined && tb !== undefined && Math.abs(ta - tb) > MAX_GAP_MS) return -1;
  if (developsFrom(v.docs, c, b) || developsFrom(v.docs, b, c)) return -1;
  // A fragment whose own text names the story's core ("Veo" in Donald Glover's piece on Google's new
  // video tool, whose headline names Glover) is about that story: the subject conflict, which keeps a
  // company's other news of the day apart at join time, gives way here, where the story is clearly nearest.
  for (const m of c.members) if (subjectsConflict(v, v.docs[m] as DocEntry, best.cluster) && !mentionsCore(v, v.docs[m] as DocEntry, best.cluster)) return -1;
  return best.cluster;
}

/**
 * After a batch: the fragments among the touched stories and among the stories a touched story is
 * near (a grown story may now be a fragment's clear nearest) merge into their nearest established
 * story (`nearestEstablished`), or a lone item into the story evidence now finds for it
 * (`rejoinOnEvidence`); `merge` returns the survivor. Each story's search is made once
 * until a merge changes a centroid.
 */
export function mergeNearFragments(v: ClusterView, touched: Iterable<number>, search: NearestTwo, merge: (a: number, b: number) => number): void {
  const memo = new Map<number, Nearest>();
  const nearest = (ci: number): Nearest => {
    let n = memo.get(ci);
    if (!n) memo.set(ci, (n = search(ci)));
    return n;
  };
  const stories = new Set<number>();
  const gathered = new Set<number>();
  for (const raw of touched) {
    const ci = v.find(raw);
    if (ci < 0 || gathered.has(ci)) continue;
    gathered.add(ci);
    stories.add(ci);
    for (const o of nearest(ci).shortlist) stories.add(o);
  }
  const done = new Set<number>();
  for (const raw of stories) {
    const ci = v.find(raw);
    if (ci < 0 || done.has(ci)) continue;
    done.add(ci);
    let into = nearestEstablished(v, ci, nearest);
    if (into < 0) into = rejoinOnEvidence(v, ci, nearest); // a lone item placed as it would be now (`evidence-rejoin.ts`)
    if (into < 0) continue;
    memo.clear();
    done.add(merge(ci, into));
  }
}
