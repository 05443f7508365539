/**
 * A story's score, from the signals a news editor weighs, as one multiplicative number so that no
 * single factor can be gamed by inflating another:
 *
 *   score = coverage × source weight × recency × topic × primary × engagement
 *
 * - coverage = 1 + log2(distinct outlets): how many newsrooms judged it worth a story; the second
 *   outlet matters more than the tenth (1 → 1, 2 → 2, 8 → 4).
 * - source weight: the operator's weight of the best source (1 = normal).
 * - recency = 0.5^(age / halfLifeHours): yesterday's news fades.
 * - topic = 0.5 + 0.5 × best topic confidence (an AI story with no topic: `untopicedFactor`).
 * - primary = 1.2 when the organisation's own post or the paper is among the sources: the story is
 *   confirmed at the source, and readers can read it there.
 * - engagement = 1 + 0.1 × log10(1 + points + 2 × comments), at most 1.4: a discussion with hundreds of
 *   comments is interest an outlet count does not show, but it never outweighs a second outlet
 *   (a 1-outlet item with 5,000 points scores 1.37 × … against 2 × … for two outlets).
 *
 * Equal scores are ordered by outlets, then primary source, then recency (see `compareStories`),
 * never by ids.
 */
export interface RankOptions {
  /** Hours after which the recency factor halves. */
  halfLifeHours: number;
  /** Factor for a story with no topic at all (still shown to destinations that follow nothing). */
  untopicedFactor: number;
}

export const DEFAULT_RANK_OPTIONS: Readonly<RankOptions> = Object.freeze({ halfLifeHours: 18, untopicedFactor: 0.5 });

export interface RankInput {
  /** Number of distinct outlets (feeds) covering the story. */
  outlets: number;
  /** Source weights of those outlets (1 = normal). */
  sourceWeights: number[];
  /** The story's topic confidences (0..1). */
  topicConfidences: number[];
  /** When the story was first seen. */
  firstSeenAt: Date;
  /** A primary source is among the sources. */
  hasPrimary?: boolean;
  /** Best points/comments an aggregator feed reported for it. */
  engagement?: { points: number; comments: number } | null;
}

export const PRIMARY_FACTOR = 1.2;
export const MAX_ENGAGEMENT_FACTOR = 1.4;

export function engagementFactor(e: { points: number; comments: number } | null | undefined): number {
  if (!e) return 1;
  const interest = Math.max(0, e.points) + 2 * Math.max(0, e.comments);
  return Math.min(MAX_ENGAGEMENT_FACTOR, 1 + 0.1 * Math.log10(1 + interest));
}

export function scoreStory(input: RankInput, now: Date, opts: Partial<RankOptions> = {}): number {
  const { halfLifeHours, untopicedFactor } = { ...DEFAULT_RANK_OPTIONS, ...opts };
  // log2: the second outlet matters more than the tenth.
  const coverage = 1 + Math.log2(Math.max(1, input.outlets));
  const weight = input.sourceWeights.length ? Math.max(...input.sourceWeights) : 1;
  const ageHours = Math.max(0, (now.getTime() - input.firstSeenAt.getTime()) / 3_600_000);
  const recency = Math.pow(0.5, ageHours / halfLifeHours);
  const topic = input.topicConfidences.length ? 0.5 + 0.5 * Math.max(...input.topicConfidences) : untopicedFactor;
  const primary = input.hasPrimary ? PRIMARY_FACTOR : 1;
  return Math.round(coverage * weight * recency * topic * primary * engagementFactor(input.engagement) * 10_000) / 10_000;
}
