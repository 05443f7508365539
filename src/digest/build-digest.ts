/**
 * The platform-neutral digest document: a dated title, then ranked stories with headline, link,
 * summary, a few sources ("+N more"), the coverage (outlets, first, primary source) and topic tags. Adapters render it; nothing here knows a platform.
 */
import type { Store } from "../core/ports.js";
import type { DigestDoc, DigestStory, KeywordFilter, Story, StoryFollowUp, Topic } from "../core/types.js";
import { formatInZone } from "../core/zoned-format.js";
import { describeFollowUps } from "./follow-up-context.js";
import {
  DEFAULT_LOOKBACK_HOURS,
  DEFAULT_MAX_STORIES,
  loadFeedScope,
  loadLinks,
  prepareStories,
  selectStories,
} from "./select-stories.js";
import { realTopics } from "./stories/ai-filter.js";
import { loadAllTopics } from "./stories/build-stories.js";
import { storyCoverage } from "./story-coverage.js";
import { attachStoredSummaries } from "./summaries/stored-summaries.js";

export interface BuildDigestOptions {
  /** The destination's local date, YYYY-MM-DD. */
  date: string;
  title?: string;
  maxStories: number;
  /** Sources listed by name before "+N more" (default 3). */
  maxSourcesShown?: number;
  /** Matched stories beyond `stories` (e.g. from selection), added to `more`. */
  more?: number;
  /** Stories that develop an earlier one, by story id (see StoryFollowUp). */
  followUps?: ReadonlyMap<string, StoryFollowUp>;
  /** Received stories left out because they only gained coverage. */
  moreCoverage?: number;
  /** The destination's time zone, for the coverage line's times (default UTC). */
  timeZone?: string;
}

/** "AI news — Tuesday 26 November 2024" for "2024-11-26" (English, the date itself, no time zone shift). */
export function digestTitle(date: string, prefix = "AI news"): string {
  const d = new Date(`${date}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return prefix;
  const text = formatInZone("longDate", d, "UTC");
  return `${prefix} — ${text.replace(",", "")}`;
}

/** The local date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(now: Date, timeZone: string): string {
  return formatInZone("day", now, timeZone);
}

export function buildDigest(
  stories: readonly Story[],
  topicsById: ReadonlyMap<string, Pick<Topic, "id" | "name">>,
  opts: BuildDigestOptions,
): DigestDoc {
  const shown = stories.slice(0, Math.max(0, opts.maxStories));
  const maxSources = opts.maxSourcesShown ?? 3;
  return {
    title: opts.title ?? digestTitle(opts.date),
    date: opts.date,
    stories: shown.map((s) => {
      const story = toDigestStory(s, topicsById, maxSources, opts.timeZone ?? "UTC", opts.date);
      const followUp = opts.followUps?.get(s.id);
      return followUp ? { ...story, followUp } : story;
    }),
    more: stories.length - shown.length + (opts.more ?? 0),
    ...(opts.moreCoverage ? { moreCoverage: opts.moreCoverage } : {}),
  };
}

function toDigestStory(
  story: Story,
  topicsById: ReadonlyMap<string, Pick<Topic, "id" | "name">>,
  maxSources: number,
  timeZone: string,
  date: string,
): DigestStory {
  return {
    id: story.id,
    title: story.title,
    url: story.url,
    summary: story.summary,
    ...(story.cited?.length ? { citations: citationsOf(story) } : {}),
    imageUrl: story.imageUrl,
    sources: story.sources.slice(0, maxSources).map((s) => ({ name: s.name, url: s.url })),
    moreSources: Math.max(0, story.sources.length - maxSources),
    // Unknown ids (a topic since deleted) are dropped rather than shown as raw ids. Only the confident
    // tags are shown, at most three: a passing mention ("Nvidia also invested") is not what a story is about.
    topics: shownTopics(story)
      .flatMap((t) => {
        const topic = topicsById.get(t.topicId);
        return topic ? [{ id: topic.id, name: topic.name }] : [];
      }),
    score: story.score,
    coverage: storyCoverage(story, timeZone, date),
  };
}

/** Cited sentences with the URL of each cited source (any source, not only those listed by name). */
function citationsOf(story: Story): NonNullable<DigestStory["citations"]> {
  return (story.cited ?? []).map((c) => ({
    text: c.text,
    sources: c.sources.flatMap((n) => {
      const source = story.sources[n - 1];
      return source ? [{ n, url: source.url }] : [];
    }),
  }));
}

/** Tags shown on a story: confidence ≥ SHOWN_TOPIC_CONFIDENCE, best first, at most 3 (else the best one). */
export const SHOWN_TOPIC_CONFIDENCE = 0.7;

function shownTopics(story: Story): Story["topics"] {
  const sorted = realTopics(story.topics).sort((a, b) => b.confidence - a.confidence);
  const confident = sorted.filter((t) => t.confidence >= SHOWN_TOPIC_CONFIDENCE).slice(0, 3);
  return confident.length ? confident : sorted.slice(0, 1);
}

/** What a destination would receive now, described without a destination row (CLI, /digest). */
export interface PreviewOptions {
  topics?: readonly string[];
  filters?: readonly Pick<KeywordFilter, "mode" | "word">[];
  /** Selection starts here (default: 24 h before now). */
  since?: Date | null;
  maxStories?: number;
  timeZone?: string;
  /** Destination whose delivered stories are left out, if any. */
  destinationId?: string | null;
  /** Whose digest this is: stories from other communities' own feeds are left out. */
  communityId?: string | null;
  maxSourcesShown?: number;
  title?: string;
  /** Show the grounded summaries already made for these stories (LLM_* configured); never calls a model. */
  groundedSummaries?: boolean;
}

export async function previewDigest(store: Store, opts: PreviewOptions, now: Date): Promise<DigestDoc> {
  const since = opts.since ?? new Date(now.getTime() - DEFAULT_LOOKBACK_HOURS * 3_600_000);
  const stories = await store.stories.listSince(since);
  const delivered =
    opts.destinationId && stories.length
      ? await store.deliveries.deliveredStoryIds(opts.destinationId, stories.map((s) => s.id))
      : new Set<string>();
  const maxStories = opts.maxStories ?? DEFAULT_MAX_STORIES;
  const selection = selectStories(prepareStories(stories), {
    since,
    topics: opts.topics ?? [],
    include: (opts.filters ?? []).filter((f) => f.mode === "include").map((f) => f.word),
    exclude: (opts.filters ?? []).filter((f) => f.mode === "exclude").map((f) => f.word),
    delivered,
    maxStories,
    feedScope: await loadFeedScope(store),
    communityId: opts.communityId ?? null,
    links: await loadLinks(store, stories),
  });
  // A preview shows follow-ups as the digest will: updates with the message they reply to.
  const followUps = selection.followUps?.size ? await describeFollowUps(store, opts.destinationId ?? "", selection.followUps) : undefined;
  const topics = await loadAllTopics(store);
  const shown = opts.groundedSummaries ? await attachStoredSummaries(store, selection.stories) : selection.stories;
  return buildDigest(shown, new Map(topics.map((t) => [t.id, t])), {
    date: localDate(now, opts.timeZone ?? "UTC"),
    maxStories,
    more: selection.more,
    ...(followUps ? { followUps } : {}),
    ...(selection.moreCoverage ? { moreCoverage: selection.moreCoverage } : {}),
    timeZone: opts.timeZone ?? "UTC",
    ...(opts.title ? { title: opts.title } : {}),
    ...(opts.maxSourcesShown !== undefined ? { maxSourcesShown: opts.maxSourcesShown } : {}),
  });
}
