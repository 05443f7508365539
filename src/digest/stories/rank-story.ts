/**
 * A story's score: coverage (distinct outlets), recency, source weight and topic confidence, as one
 * multiplicative number so that no single factor can be gamed by inflating another.
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
}

export function scoreStory(input: RankInput, now: Date, opts: Partial<RankOptions> = {}): number {
  const { halfLifeHours, untopicedFactor } = { ...DEFAULT_RANK_OPTIONS, ...opts };
  // log2: the second outlet matters more than the tenth.
  const coverage = 1 + Math.log2(Math.max(1, input.outlets));
  const weight = input.sourceWeights.length ? Math.max(...input.sourceWeights) : 1;
  const ageHours = Math.max(0, (now.getTime() - input.firstSeenAt.getTime()) / 3_600_000);
  const recency = Math.pow(0.5, ageHours / halfLifeHours);
  const topic = input.topicConfidences.length ? 0.5 + 0.5 * Math.max(...input.topicConfidences) : untopicedFactor;
  return Math.round(coverage * weight * recency * topic * 10_000) / 10_000;
}
