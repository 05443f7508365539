/**
 * The store-backed story engine the pipeline calls after polling: unclustered items join existing
 * stories of the window or start new ones; touched stories are re-assembled (headline, sources,
 * topics, score, summary) and saved. The in-memory index is rebuilt from the window's items each run,
 * so it needs no tables of its own and survives restarts.
 */
import { createHash } from "node:crypto";
import { describeError } from "../../core/errors.js";
import type { Logger } from "../../core/logger.js";
import type { Store } from "../../core/ports.js";
import type { Item, Story, StoryTopic, Topic } from "../../core/types.js";
import { assembleStory, type FeedInfo, type StoryMember } from "./assemble-story.js";
import { resolveClusterOptions, type ClusterOptions } from "./cluster-options.js";
import type { RankOptions } from "./rank-story.js";
import { StoryClusterer, type ClusterDoc, type ClusterMerge } from "./story-clusterer.js";
import { boilerplateCleaner } from "./strip-boilerplate.js";
import { extractiveSummarizer, type Summarizer } from "./summarizer.js";
import { BUILTIN_TOPICS } from "./topic-catalog.js";
import { TopicMatcher } from "./topic-matcher.js";

export interface ClusterDeps {
  store: Store;
  logger: Logger;
  summarizer?: Summarizer;
}

export interface ClusterRunOptions {
  now: Date;
  options?: Partial<ClusterOptions>;
  rank?: Partial<RankOptions>;
  /** Most unclustered items taken per run (the rest wait for the next run). */
  limit?: number;
}

export interface StoryResult {
  storyId: string;
  status: "created" | "updated" | "failed";
  /** Items newly assigned to the story in this run (incl. those of stories merged into it). */
  itemIds: string[];
  error?: string;
}

export interface ClusterRunResult {
  /** Unclustered items processed. */
  items: number;
  stories: StoryResult[];
  /** Stored stories merged into another one and removed. */
  merged: ClusterMerge[];
}

/** Story ids derive from the first item: re-running on the same data gives the same ids. */
interface ItemEvidence {
  topics: StoryTopic[];
  gated: StoryTopic[];
  ai: number;
}

export function storyIdFor(itemId: string): string {
  return `st_${createHash("sha256").update(itemId).digest("hex").slice(0, 20)}`;
}

export function itemToDoc(item: Item): ClusterDoc {
  // A future date (bad feed clock) must not hold a story open: use the earlier of published/first seen.
  const time = Math.min(item.publishedAt.getTime(), item.firstSeenAt.getTime());
  return { id: item.id, title: item.title, summary: item.summary, url: item.canonicalUrl, source: item.feedId, time, undated: item.dateIsFallback };
}

/** Built-in topics (from the store, else the catalogue) plus every community's own. */
export async function loadAllTopics(store: Store): Promise<Topic[]> {
  const builtin = await store.topics.list(null);
  const byId = new Map<string, Topic>((builtin.length ? builtin : BUILTIN_TOPICS).map((t) => [t.id, t]));
  for (const community of await store.communities.list()) {
    for (const t of await store.topics.list(community.id)) if (!byId.has(t.id)) byId.set(t.id, t);
  }
  return [...byId.values()];
}

export async function clusterNewItems(deps: ClusterDeps, opts: ClusterRunOptions): Promise<ClusterRunResult> {
  const { store, logger } = deps;
  const options = resolveClusterOptions(opts.options);
  const fresh = await store.items.listUnclustered(opts.limit);
  if (fresh.length === 0) return { items: 0, stories: [], merged: [] };

  const windowStart = new Date(opts.now.getTime() - options.windowHours * 3_600_000);
  const known = (await store.items.listSince(windowStart)).filter((i) => i.storyId !== null);
  const feeds = new Map<string, FeedInfo>(
    (await store.feeds.list({ includeDisabled: true })).map((f) => [
      f.id,
      { title: f.title, sourceWeight: f.sourceWeight, createdAt: f.createdAt, siteUrl: f.siteUrl ?? f.url },
    ]),
  );
  const matcher = new TopicMatcher(await loadAllTopics(store));
  // Each feed's template text ("Score: … Comments: …", "The post … appeared first on …") is learned
  // from the window and removed before clustering, tagging and summarising; stored items keep it.
  const strip = boilerplateCleaner(
    [...known, ...fresh],
    new Map([...feeds].map(([id, f]) => [id, f.title])),
  );
  const clean = (item: Item): Item => {
    const summary = strip(item);
    return summary === item.summary ? item : { ...item, summary };
  };
  known.splice(0, known.length, ...known.map(clean));
  fresh.splice(0, fresh.length, ...fresh.map(clean));

  const clusterer = new StoryClusterer(options, (doc) => storyIdFor(doc.id));
  // Ties by content (`hash`: guid, link or text), not by id: ids hash a feed's random id, and the
  // order of same-time items decides which story starts first, so the same feeds gave other stories.
  const byTime = (a: Item, b: Item): number => itemToDoc(a).time - itemToDoc(b).time || a.hash.localeCompare(b.hash) || a.id.localeCompare(b.id);
  known.sort(byTime);
  fresh.sort(byTime);
  for (const item of [...known, ...fresh]) clusterer.observe(itemToDoc(item));
  for (const item of known) clusterer.add(itemToDoc(item), item.storyId ?? undefined);
  for (const item of fresh) clusterer.add(itemToDoc(item));
  // The batch's stories then take in fragments of their event other outlets started (`complementary-fragments.ts`).
  clusterer.settle(fresh.map((i) => i.id));

  const storedIds = new Set(known.map((i) => i.storyId as string));
  const mergedStored = clusterer.mergeLog().filter((m) => storedIds.has(m.from));
  const freshIds = new Set(fresh.map((i) => i.id));
  const touched = new Set(fresh.map((i) => clusterer.clusterKeyOf(i.id)));
  for (const m of mergedStored) touched.add(finalKey(clusterer.mergeLog(), m.into));

  const itemsById = new Map([...known, ...fresh].map((i) => [i.id, i]));
  const topicCache = new Map<string, ItemEvidence>();
  const results: StoryResult[] = [];
  const toSave: { story: Story; assign: string[]; created: boolean }[] = [];
  for (const key of touched) {
    try {
      // Items of the story older than the window (and of stories merged into it) are loaded too.
      const absorbed = mergedStored.filter((m) => finalKey(clusterer.mergeLog(), m.into) === key).map((m) => m.from);
      const older: Item[] = [];
      for (const id of [key, ...absorbed]) {
        if (storedIds.has(id)) older.push(...(await store.items.listByStory(id)).map(clean));
      }
      const members = collectMembers(clusterer.members(key), itemsById, older, matcher, topicCache);
      const story = await assembleStory(key, members, feeds, {
        now: opts.now,
        preferredSources: options.preferredSources,
        rank: opts.rank,
        summarizer: deps.summarizer ?? extractiveSummarizer,
      });
      const assign = members
        .map((m) => m.item)
        .filter((i) => freshIds.has(i.id) || i.storyId !== key)
        .map((i) => i.id);
      toSave.push({ story, assign, created: !storedIds.has(key) });
    } catch (err) {
      results.push({ storyId: key, status: "failed", itemIds: [], error: describeError(err) });
      logger.error({ err, storyId: key }, "assembling a story failed");
    }
  }

  await saveStories(store, logger, toSave, results);
  for (const m of mergedStored) {
    try {
      // A destination that received a story merged away has received the story it became: without
      // this, the grown story (new id) would be presented to it again as new (issue 11). Its
      // placements go along, so a later development replies to the message readers saw.
      const into = finalKey(clusterer.mergeLog(), m.into);
      await store.deliveries.carryOver(m.from, into);
      await store.storyMessages.carryOver(m.from, into);
      await store.stories.remove(m.from);
    } catch (err) {
      logger.warn({ err, storyId: m.from }, "carrying over or removing a merged story failed");
    }
  }
  logger.info(
    { items: fresh.length, stories: results.length, merged: mergedStored.length },
    "clustered new items into stories",
  );
  return { items: fresh.length, stories: results, merged: mergedStored };
}

function finalKey(log: readonly ClusterMerge[], key: string): string {
  let k = key;
  for (const m of log) if (m.from === k) k = m.into;
  return k;
}

function collectMembers(
  inMemory: { docId: string; centrality: number }[],
  itemsById: Map<string, Item>,
  older: Item[],
  matcher: TopicMatcher,
  cache: Map<string, ItemEvidence>,
): StoryMember[] {
  const centrality = new Map(inMemory.map((m) => [m.docId, m.centrality]));
  const all = new Map<string, Item>();
  for (const m of inMemory) {
    const item = itemsById.get(m.docId);
    if (item) all.set(item.id, item);
  }
  for (const item of older) if (!all.has(item.id)) all.set(item.id, item);
  return [...all.values()].map((item) => {
    let evidence = cache.get(item.id);
    if (!evidence) {
      // With the item's address, a paper on an arXiv-like host is Research (as the eval's labelled stories are).
      const a = matcher.analyse(item.title, item.summary, item.url);
      const plain = (ts: typeof a.topics): StoryTopic[] => ts.map((t) => ({ topicId: t.topicId, confidence: t.confidence }));
      evidence = { topics: plain(a.topics), gated: plain(a.gated), ai: a.ai };
      cache.set(item.id, evidence);
    }
    // Items outside the window are not in the index: they count as typical but not central.
    return { item, centrality: centrality.get(item.id) ?? 0.3, ...evidence };
  });
}

/** Save in bulk; if the batch fails, save one by one so one bad story does not lose the others. */
async function saveStories(
  store: Store,
  logger: Logger,
  batch: { story: Story; assign: string[]; created: boolean }[],
  results: StoryResult[],
): Promise<void> {
  let bulkSaved = true;
  try {
    await store.stories.saveMany(batch.map((b) => b.story));
  } catch (err) {
    bulkSaved = false;
    logger.warn({ err }, "saving stories in bulk failed; saving one by one");
  }
  for (const b of batch) {
    try {
      if (!bulkSaved) await store.stories.save(b.story);
      if (b.assign.length) await store.items.assignStory(b.assign, b.story.id);
      results.push({ storyId: b.story.id, status: b.created ? "created" : "updated", itemIds: b.assign });
    } catch (err) {
      results.push({ storyId: b.story.id, status: "failed", itemIds: [], error: describeError(err) });
      logger.error({ err, storyId: b.story.id }, "saving a story failed");
    }
  }
}
