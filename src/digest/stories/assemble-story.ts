/**
 * Turns a cluster of items into a `Story`: the headline (chosen deliberately), every source, the
 * union of topics, the score and the summary. Pure apart from the injected summariser.
 */
import type { Item, Story, StorySource, StoryTopic } from "../../core/types.js";
import { scoreStory, type RankOptions } from "./rank-story.js";
import { AI_NEWS_CONFIDENCE, aiTag } from "./ai-filter.js";
import { bestEngagement } from "./engagement.js";
import { shortOutletName } from "./outlet-name.js";
import { findPrimarySource } from "./primary-source.js";
import { combineTopics } from "./topic-matcher.js";
import type { Summarizer } from "./summarizer.js";

/** What the story needs to know about an item's feed. */
export interface FeedInfo {
  title: string | null;
  sourceWeight: number;
  /** The feed's site, for the short outlet name's fallback (else the item's own host). */
  siteUrl?: string | null;
}

export interface StoryMember {
  item: Item;
  /** Cosine to the story centroid: how typical the item is of the story. */
  centrality: number;
  topics: StoryTopic[];
  /** The item's own AI evidence (0..1, see `TopicMatcher.analyse`); absent = judged by its topics. */
  ai?: number;
  /** Topics held back for want of AI context in the item itself; they count if the story is AI news. */
  gated?: StoryTopic[];
}

export interface AssembleOptions {
  now: Date;
  /** Feed ids or outlet names preferred for the headline. */
  preferredSources?: readonly string[];
  rank?: Partial<RankOptions>;
  summarizer: Summarizer;
}

/** Outlet name: the feed title's short brand part (`shortOutletName`), else the site's or item's host. */
export function sourceName(item: Item, feed: FeedInfo | undefined): string {
  return shortOutletName(feed?.title, feed?.siteUrl ?? item.url) ?? shortOutletName(null, item.url) ?? item.feedId;
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
      publishedAt: new Date(newsTime(item)).toISOString(),
    }));
}

/**
 * Find the story's primary source (see `findPrimarySource`) among its items and mark it on its outlet's
 * source, pointing that source at the primary item. True when there is one.
 */
export function markPrimarySource(members: readonly StoryMember[], sources: StorySource[]): boolean {
  const found = findPrimarySource(
    members.map((m) => m.item.url),
    members.map((m) => m.item.title),
  );
  const item = found ? members[found.index]?.item : undefined;
  if (!found || !item) return false;
  const source = sources.find((s) => s.feedId === item.feedId);
  if (!source) return false;
  source.url = item.url;
  source.itemId = item.id;
  source.primaryHost = found.host;
  return true;
}

/**
 * Items older than this when first seen are backlog (a feed just added, a catalogue import), not news.
 * Such an item counts at its publication time, so a story made only of backlog is old and never
 * reaches a digest, while an item fetched a little late still counts as seen now.
 */
export const BACKLOG_AFTER_MS = 48 * 3_600_000;

export function newsTime(item: Item): number {
  const seen = item.firstSeenAt.getTime();
  const published = item.publishedAt.getTime();
  return !item.dateIsFallback && published < seen - BACKLOG_AFTER_MS ? published : seen;
}

export async function assembleStory(
  id: string,
  members: readonly StoryMember[],
  feeds: ReadonlyMap<string, FeedInfo>,
  opts: AssembleOptions,
): Promise<Story> {
  const headline = chooseHeadline(members, feeds, opts.preferredSources);
  const sources = collectSources(members, headline, feeds);
  const primary = markPrimarySource(members, sources);
  const verdict = aiTag(members.map((m) => m.ai ?? (m.topics.length ? 1 : 0)));
  // The story's AI context is every item's: "Google flipped the switch" in one report of an AI search
  // launch is about Google's AI even though that sentence alone is not.
  const isAi = verdict.confidence >= AI_NEWS_CONFIDENCE;
  const topics = combineTopics(members.map((m) => (isAi && m.gated?.length ? [...m.topics, ...m.gated] : m.topics)));
  const seen = members.map((m) => newsTime(m.item));
  const firstSeenAt = new Date(Math.min(...seen));
  const byCentrality = [...members].sort((a, b) => b.centrality - a.centrality);
  const texts = [headline.item.summary, ...byCentrality.filter((m) => m !== headline).map((m) => m.item.summary)];
  const engagement = bestEngagement(texts);
  const summary = await opts.summarizer.summarize({ title: headline.item.title, texts: texts.filter(Boolean) });
  const score = scoreStory(
    {
      outlets: sources.length,
      sourceWeights: sources.map((s) => feeds.get(s.feedId)?.sourceWeight ?? 1),
      topicConfidences: topics.map((t) => t.confidence),
      firstSeenAt,
      hasPrimary: primary,
      engagement,
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
    topics: [...topics, verdict],
    score,
    firstSeenAt,
    lastSeenAt: new Date(Math.max(...seen)),
  };
}
