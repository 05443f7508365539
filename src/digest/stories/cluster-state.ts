import type { ClusterOptions } from "./cluster-options.js";
import type { NameCounts } from "./name-counts.js";
import type { TermWeights } from "./term-weights.js";

/** The clusterer's per-document and per-story state (indices into its arrays, not objects). */
export type Best = { cluster: number; similarity: number };

export interface DocEntry {
  id: string;
  terms: Int32Array;
  weights: Float64Array;
  /**
   * The last this many of `terms` are the address's words (`address-words.ts`), not the text's:
   * `vectorize` keeps terms in order of first occurrence, and the address's come last, none of them
   * in the title or the summary.
   */
  address: number;
  cluster: number;
  time: number;
  /** Title term ids, figures left out: what the headline is about (see `figureMatch`). */
  headline: Int32Array;
  /** Name-like term ids of the whole text, and of the title alone (see `story-evidence.ts`). */
  names: Int32Array;
  titleNames: Int32Array;
  /** The title's proper names only (no rare lower-case words: see `nameTerms`). */
  titleProper: Int32Array;
  /** Event classes mentioned (bit mask). */
  events: number;
  /** Distinctive figure term ids ("35.1b", "94%"). */
  figures: Int32Array;
  /** The headline announces a development (a response, a reaction, a ruling …: see `laterDevelopment`). */
  develops: boolean;
  /** The time is a first-seen fallback (no usable date): it says nothing about when the story broke. */
  undated: boolean;
  /** Interned source (feed) id, -1 when unknown (see `source-diversity.ts`). */
  source: number;
}

export interface Cluster {
  key: string;
  /** Union-find parent; itself while alive. */
  parent: number;
  centroid: TermWeights;
  norm2: number;
  members: number[];
  first: number;
  last: number;
  /** Sum and count of the dated members' times: their mean is when the story broke (see `laterDevelopment`). */
  timeSum: number;
  dated: number;
  /** Members that had a real summary: decides which merge threshold applies. */
  withSummary: number;
  /** Size at the last merge check: checks happen as a story doubles, not on every item. */
  checkedAt: number;
  /** Event classes its members mention (bit mask). */
  events: number;
  /** Name term id → members whose title has it: what the story's headlines are about. */
  titleNames: NameCounts;
  /** Name term id → members whose text (title or summary) has it. */
  names: NameCounts;
  /**
   * Its frequent names at a size (see `dominantNames`), recounted when the size changed. On the story
   * rather than in a WeakMap: tens of thousands of weak entries were work for every full collection.
   */
  frequent: { size: number; headlines: number[]; all: number[]; core?: number[] } | undefined;
  /** Source id → members from that source (see `source-diversity.ts`); made at the first known source. */
  sources?: Map<number, number>;
}

/** The live story a (possibly merged) story went into: union-find root, with path compression. */
export function liveStory(clusters: readonly Cluster[], ci: number): number {
  let root = ci;
  while (root >= 0 && (clusters[root] as Cluster).parent !== root) root = (clusters[root] as Cluster).parent;
  // Path compression: later lookups of merged stories are O(1).
  let cur = ci;
  while (cur >= 0 && cur !== root) {
    const next = (clusters[cur] as Cluster).parent;
    (clusters[cur] as Cluster).parent = root;
    cur = next;
  }
  return root;
}

/** When the story broke: the mean time of its dated members (an undated item's time is only when it was seen); undefined when none is dated. */
export function meanTime(c: Cluster): number | undefined {
  return c.dated > 0 ? c.timeSum / c.dated : undefined;
}

/** An item this long after a story's mean time comes the next day (see `NEXT_DAY_PENALTY`). */
export const NEXT_DAY_MS = 24 * 3_600_000;
/**
 * What an item a day after a story's mean time pays whatever the story's size. The age penalty below
 * is shared by the members, so a story of dozens of items takes in the next day's news on its
 * subject as if it were more coverage: the next day's market wrap into the first day's (UCI), the
 * Commission's questions to platforms on AI fakes, the day after the AI Act vote, into Google's
 * limits on Gemini's election answers (March). The next morning's columns and explainers come
 * within the day and pay nothing. Measured: March F1 0.896 → 0.903 (variants 0.8900 → 0.8947), UCI
 * 0.838 → 0.840; dev alone and with the feeds, February and April unchanged; variants: dev 0.9566
 * → 0.9565 (events whole 8.37 → 8.42), with the feeds 0.9538 → 0.9537, February 0.9091 → 0.9092,
 * April 0.8974 → 0.8976. 18–24 h and 0.02–0.03 give the same; 12 h cost the dev file with the
 * feeds an event (8 → 7 of 12), 0.05 cost April a story re-presented as new.
 */
export const NEXT_DAY_PENALTY = 0.03;

/**
 * What a story's age takes off an item's similarity to it: news is told within hours, so a small
 * story that broke a day or two before `time` (mean of its dated items: an undated item's time is
 * only when it was seen) is less likely the item's event. `penalty` at a window's age, shared by
 * the members, and `NEXT_DAY_PENALTY` from a day on, not shared.
 */
export function staleness(c: Cluster, time: number, windowMs: number, penalty: number): number {
  const mean = meanTime(c);
  if (mean === undefined) return 0;
  const since = time - mean;
  const age = Math.min(1, Math.max(0, since) / windowMs);
  return (penalty * age) / c.members.length + (since > NEXT_DAY_MS ? NEXT_DAY_PENALTY : 0);
}

/** Most of the story's members have no summary: merges take the headline threshold. */
export function headlinesOnly(c: Cluster): boolean {
  return c.withSummary * 2 < c.members.length;
}

/** The threshold a merge of the story must reach (the stricter of two stories' applies to their pair). */
export function mergeThreshold(o: Pick<ClusterOptions, "mergeThreshold" | "mergeThresholdWithSummary">, c: Cluster): number {
  return headlinesOnly(c) ? o.mergeThreshold : o.mergeThresholdWithSummary;
}
