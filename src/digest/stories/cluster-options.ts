/**
 * Tuning knobs of story clustering. Each says what it trades; the defaults were tuned on the labelled
 * UCI news set (see `newsdesk cluster eval`). The lead's config maps environment settings onto these.
 */
export interface ClusterOptions {
  /**
   * Items more than this many hours apart never share a story (measured against a story's newest and
   * oldest item). Longer: follow-ups join the original story; shorter: a recurring subject ("OpenAI
   * ships …") splits into one story per event, and the in-memory index stays smaller.
   */
  windowHours: number;
  /**
   * Minimum cosine similarity between a title-only item and a story's centroid for it to join.
   * Higher: purer stories, but coverage of one event splits into several stories (lower recall).
   * Lower: fewer, larger stories, at the risk of merging different events about the same company.
   */
  joinThreshold: number;
  /**
   * The same for items with a real summary (8+ content words). Longer texts share more incidental
   * words ("billion", "investors") with unrelated stories, so they need more overlap to count.
   */
  joinThresholdWithSummary: number;
  /**
   * Extra similarity demanded from an item joining a small story, divided by the story's size (a
   * one-item story needs joinThreshold + this). A young story's centroid is a single text, so a
   * shared word or two means little; a settled centroid is smoother and scores lower against its own
   * members. Higher: fewer accidental pairs, slower growth of new stories.
   */
  smallStoryPenalty: number;
  /**
   * Similarity taken off times the share of a story's items from the item's own source (feed): one
   * outlet seldom writes two items on one event (see `source-diversity.ts`). Higher: a feed's
   * different news of one day stay apart; too high splits a story one outlet covers repeatedly.
   * 0.35 is the middle of the range where every dev set is flat (0.33–0.4: UCI 0.836 throughout);
   * at 0.3 a Google I/O piece of an outlet already in the AI Overviews story joined it at 0.201
   * against 0.2 (scenario with background feeds: 7 → 8 of 12 events whole at 0.35).
   */
  sameSourcePenalty: number;
  /**
   * Similarity taken off times the time since a story's newest item, as a share of the window: one
   * event is told within hours, so a story quiet for a day or two is less likely the item's event
   * (a company's next launch, a follow-up). Higher: such items start their own story.
   */
  stalePenalty: number;
  /**
   * Minimum cosine between two story centroids for them to be merged (checked as stories grow).
   * Repairs an event split early on; lower merges more (and risks merging related-but-different news).
   * Set above 1 to disable merging. Applies to stories of mostly title-only items.
   */
  mergeThreshold: number;
  /** The same for stories built mostly from items with summaries (longer texts overlap more by chance). */
  mergeThresholdWithSummary: number;
  /**
   * Estimated Jaccard similarity of word bigrams (MinHash) at or above which an item counts as a
   * syndicated copy of an earlier item and joins its story whatever the centroid says. Lower catches
   * more heavily edited copies, at the risk of joining boilerplate-heavy posts from one outlet.
   */
  nearDuplicateThreshold: number;
  /**
   * Fallback for coverage worded too differently to pass the join threshold: an item joins a story
   * that quotes the same distinctive figure ("$35.1bn", "94%") and shares a headline word with it
   * (usually the company), if their cosine is at least this. Two reports of one event repeat its
   * figures; unrelated news about the same company rarely repeats a precise one. Above 1 disables it.
   */
  figureJoinThreshold: number;
  /** The figure fallback only looks this many hours around an item: a figure is news on its day. */
  figureWindowHours: number;
  /** Weight of title terms relative to summary terms. Titles name the event; summaries add context. */
  titleWeight: number;
  /**
   * How many of an item's rarest terms are used to look up candidate stories in the inverted index.
   * More: better recall on long texts, slower.
   */
  maxQueryTerms: number;
  /**
   * Terms whose posting list (stories containing them) is longer than this are too common to find
   * candidates with (still used in the similarity itself). Bounds the cost per item: keeps it near-linear.
   */
  maxPostings: number;
  /**
   * Of the candidate stories found, only this many (those sharing the most rare-term weight with the
   * item) get an exact similarity. Caps the cost per item when the window is dense; too low can miss
   * the right story when many stories share the item's rare words.
   */
  maxCandidates: number;
  /**
   * How many documents the shipped document-frequency prior counts as (see `df-prior.ts`). It makes
   * term weights independent of the instance's size: on a fresh instance the prior decides which
   * words are common, on a large one the instance's own statistics dominate. 0 disables the prior.
   */
  priorDocs: number;
  /** Feed ids (or source names) whose titles are preferred as a story's headline. */
  preferredSources: string[];
}

export const DEFAULT_CLUSTER_OPTIONS: Readonly<ClusterOptions> = Object.freeze({
  windowHours: 72,
  joinThreshold: 0.15,
  joinThresholdWithSummary: 0.2,
  smallStoryPenalty: 0.1,
  sameSourcePenalty: 0.35,
  stalePenalty: 0.1,
  mergeThreshold: 0.25,
  mergeThresholdWithSummary: 0.4,
  nearDuplicateThreshold: 0.7,
  figureJoinThreshold: 0.06,
  figureWindowHours: 36,
  titleWeight: 2,
  maxQueryTerms: 10,
  maxPostings: 600,
  maxCandidates: 8,
  priorDocs: 1000,
  preferredSources: [],
});

export function resolveClusterOptions(options?: Partial<ClusterOptions>): ClusterOptions {
  const merged = { ...DEFAULT_CLUSTER_OPTIONS, ...stripUndefined(options ?? {}) };
  return { ...merged, preferredSources: [...merged.preferredSources] };
}

function stripUndefined<T extends object>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>;
}
