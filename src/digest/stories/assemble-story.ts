/**
 * Turns a cluster of items into a `Story`: the headline (chosen deliberately), every source, the
 * union of topics, the score and the summary. Pure apart from the injected summariser.
 */
import type { Item, Story, StorySource, StoryTopic } from "../../core/types.js";
import { scoreStory, type RankOptions } from "./rank-story.js";
import { combineTopics } from "./topic-matcher.js";
import type { Summarizer } from "./summarizer.js";

/** What the story needs to know about an item's feed. */
export interface FeedInfo {
  title: string | null;
  sourceWeight: number;
  /** When the feed was added: undated items of its first poll are backlog (see `newsTime`). */
  createdAt?: Date;
}

export interface StoryMember {
  item: Item;
  /** Cosine to the story centroid: how typical the item is of the story. */
  centrality: number;
  topics: StoryTopic[];
}

export interface AssembleOptions {
  now: Date;
  /** Feed ids or outlet names preferred for the headline. */
  preferredSources?: readonly string[];
  rank?: Partial<RankOptions>;
  summarizer: Summarizer;
}

/** Outlet name: the feed's title, else the item's host. */
export function sourceName(item: Item, feed: FeedInfo | undefined): string {
  if (feed?.title) return feed.title;
  try {
    return new URL(item.url).hostname.replace(/^www\./, "");
  } catch {
    return item.feedId;
  }
}

/**
 * The headline item: the most central title (it says what most reports say), favouring preferred and
 * heavier sources, and avoiding titles the feed cut off with an ellipsis.
 */
export function chooseHeadline(
  members: readonly StoryMember[],
  feeds: ReadonlyMap<string, FeedInfo>,
  preferredSources: readonly string[] = [],
): StoryMember {
  const preferred = new Set(preferredSources.map((s) => s.toLowerCase()));
  let best: StoryMember | undefined;
  let bestScore = -Infinity;
  for (const m of members) {
    const feed = feeds.get(m.item.feedId);
    const isPreferred =
      preferred.has(m.item.feedId.toLowerCase()) || preferred.has(sourceName(m.item, feed).toLowerCase());
    const weight = Math.min(2, Math.max(0.5, feed?.sourceWeight ?? 1));
    const truncated = /(?:\.\.\.|…)\s*$/.test(m.item.title) ? 0.8 : 1;
    const score = (0.2 + m.centrality) * weight * (isPreferred ? 1.5 : 1) * truncated;
    const better =
      score > bestScore + 1e-9 ||
      (Math.abs(score - bestScore) <= 1e-9 && best !== undefined && m.item.publishedAt < best.item.publishedAt);
    if (better) {
      best = m;
      bestScore = score;
    }
  }
  if (!best) throw new Error("a story needs at least one item");
  return best;
}

/** One source per outlet (its earliest item), the headline's outlet first, then by weight. */
export function collectSources(
  members: readonly StoryMember[],
  headline: StoryMember,
  feeds: ReadonlyMap<string, FeedInfo>,
): StorySource[] {
  const byFeed = new Map<string, Item>();
  const ordered = [...members].sort((a, b) => a.item.publishedAt.getTime() - b.item.publishedAt.getTime());
  byFeed.set(headline.item.feedId, headline.item);
  for (const m of ordered) if (!byFeed.has(m.item.feedId)) byFeed.set(m.item.feedId, m.item);
  const weight = (feedId: string): number => feeds.get(feedId)?.sourceWeight ?? 1;
  return [...byFeed.values()]
    .sort((a, b) =>
      a === headline.item ? -1 : b === headline.item ? 1 : weight(b.feedId) - weight(a.feedId),
    )
    .map((item) => ({
      name: sourceName(item, feeds.get(item.feedId)),
      // Links shown to readers are the feed's own; the canonical form (no www, https, sorted query) is
      // for de-duplication only and may not resolve.
      url: item.url,
      feedId: item.feedId,
      itemId: item.id,
    }));
}

/**
 * Items older than this when first seen are backlog (a feed just added, a catalogue import), not news.
 * Such an item counts at its publication time, so a story made only of backlog is old and never
 * reaches a digest, while an item fetched a little late still counts as seen now.
 */
export const BACKLOG_AFTER_MS = 48 * 3_600_000;

/**
 * An item without a usable date seen within this long of its feed being added came with the feed's
 * first poll: it is whatever the feed listed then, of unknown age, so it is backlog. (A feed is
 * polled right after it is added; the margin covers a first fetch that failed and was retried.)
 */
export const FIRST_POLL_WINDOW_MS = 6 * 3_600_000;
/** The age an undated backlog item counts as: older than any digest looks back. */
export const UNDATED_BACKLOG_AGE_MS = 30 * 24 * 3_600_000;

export function newsTime(item: Item, feed?: Pick<FeedInfo, "createdAt">): number {
  const seen = item.firstSeenAt.getTime();
  const published = item.publishedAt.getTime();
  if (item.dateIsFallback) {
    const added = feed?.createdAt?.getTime();
    return added !== undefined && seen - added <= FIRST_POLL_WINDOW_MS ? seen - UNDATED_BACKLOG_AGE_MS : seen;
  }
  return published < seen - BACKLOG_AFTER_MS ? published : seen;
}

export async function assembleStory(
  id: string,
  members: readonly StoryMember[],
  feeds: ReadonlyMap<string, FeedInfo>,
  opts: AssembleOptions,
): Promise<Story> {
  const headline = chooseHeadline(members, feeds, opts.preferredSources);
  const sources = collectSources(members, headline, feeds);
  const topics = combineTopics(members.map((m) => m.topics));
  const seen = members.map((m) => newsTime(m.item, feeds.get(m.item.feedId)));
  // A story is as new as its news: backlog members (counted at their old time) do not age a story
  // that fresh coverage keeps current.
  const current = seen.filter((t, i) => t >= (members[i] as StoryMember).item.firstSeenAt.getTime());
  const firstSeenAt = new Date(Math.min(...(current.length ? current : seen)));
  const byCentrality = [...members].sort((a, b) => b.centrality - a.centrality);
  const texts = [headline.item.summary, ...byCentrality.filter((m) => m !== headline).map((m) => m.item.summary)];
  const summary = await opts.summarizer.summarize({ title: headline.item.title, texts: texts.filter(Boolean) });
  const score = scoreStory(
    {
      outlets: sources.length,
      sourceWeights: sources.map((s) => feeds.get(s.feedId)?.sourceWeight ?? 1),
      topicConfidences: topics.map((t) => t.confidence),
      firstSeenAt,
    },
    opts.now,
    opts.rank,
  );
  return {
    id,
    headlineItemId: headline.item.id,
    title: headline.item.title,
    url: headline.item.url,
    summary,
    imageUrl: headline.item.imageUrl ?? members.find((m) => m.item.imageUrl)?.item.imageUrl ?? null,
    sources,
    topics,
    score,
    firstSeenAt,
    lastSeenAt: new Date(Math.max(...seen)),
  };
}
