/**
 * Replays a labelled scenario through the real engine: one feed per outlet in the given store, items
 * stored by the real repositories as each hourly poll would first see them, the real clustering
 * (`clusterNewItems`) after every poll with the clock at that hour, and at the end of each scenario
 * day the real selection (`selectStories`) for a channel that follows no topic.
 *
 * When an item is first seen: a dated item at its publication time (rounded up to the next poll); an
 * item dated long before the scenario (old news re-surfacing) at the time of the dated item before it
 * in the file; an undated item in its feed's first poll, at the start, since a reader cannot know
 * when it was published and a feed lists such entries from the moment one subscribes.
 * Background items (real feeds) are spread evenly over the scenario's days, each feed in its own
 * order, so the scenario meets other news in the same clustering window.
 */
import { createHash } from "node:crypto";
import { silentLogger } from "../../core/logger.js";
import type { Store } from "../../core/ports.js";
import type { NewItem, Story } from "../../core/types.js";
import { canonicalUrl } from "../ingest/canonical-url.js";
import { loadDevelopments } from "../development-story.js";
import { loadLinks, prepareStories, selectStories } from "../select-stories.js";
import { clusterNewItems } from "../stories/build-stories.js";
import { linkNewStories } from "../stories/link-stories.js";
import type { ClusterOptions } from "../stories/cluster-options.js";
import type { ScenarioItem } from "./scenario-file.js";
import type { ScenarioDigest, ScenarioRun } from "./scenario-run.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Dated items this long before the scenario's first day are old news re-surfacing, not its days. */
const OLD_AFTER = 7 * DAY;

export interface BackgroundFeed {
  title: string;
  url: string;
  /** Items as the real ingest normalised them; their feedId and dates are replaced. */
  items: NewItem[];
}

export interface RunScenarioOptions {
  background?: readonly BackgroundFeed[];
  cluster?: Partial<ClusterOptions>;
  pollEveryMs?: number;
}

const hash = (s: string): string => createHash("sha256").update(s).digest("hex").slice(0, 24);

/** The scenario's days: UTC midnight before the earliest current item to midnight after the latest. */
export function scenarioWindow(items: readonly ScenarioItem[]): { start: number; end: number } {
  const dated = items.map((i) => i.published).filter((p): p is number => p !== null).sort((a, b) => a - b);
  if (dated.length === 0) throw new Error("the scenario has no dated item");
  const median = dated[Math.floor(dated.length / 2)] as number;
  const current = dated.filter((p) => p >= median - OLD_AFTER);
  const start = Math.floor((current[0] as number) / DAY) * DAY;
  const end = Math.floor((current[current.length - 1] as number) / DAY) * DAY + DAY;
  return { start, end };
}

/** When each item is first seen (see the module comment). */
export function appearanceTimes(items: readonly ScenarioItem[], window: { start: number }): Map<string, number> {
  const out = new Map<string, number>();
  let last = window.start;
  for (const item of [...items].sort((a, b) => a.line - b.line)) {
    if (item.published === null) out.set(item.id, window.start);
    else if (item.published < window.start - OLD_AFTER) out.set(item.id, Math.max(last, window.start));
    else {
      out.set(item.id, Math.max(item.published, window.start));
      last = Math.max(last, item.published);
    }
  }
  return out;
}

export async function runScenario(store: Store, items: readonly ScenarioItem[], opts: RunScenarioOptions = {}): Promise<ScenarioRun> {
  const pollEvery = opts.pollEveryMs ?? HOUR;
  const window = scenarioWindow(items);
  const appear = appearanceTimes(items, window);
  const start = new Date(window.start);

  const feedIds = new Map<string, string>();
  for (const source of new Set(items.map((i) => i.source))) {
    const slug = source.toLowerCase().replace(/[^a-z0-9]+/g, "-");
    const feed = await store.feeds.add({ url: `https://${slug}.scenario.invalid/feed`, scope: { kind: "global" }, title: source }, start);
    feedIds.set(source, feed.id);
  }
  const queue: { at: number; item: NewItem }[] = [];
  const itemIds = new Map<string, string>();
  for (const s of items) {
    const feedId = feedIds.get(s.source) as string;
    const id = `it_${hash(`${feedId}:${s.id}`)}`;
    itemIds.set(s.id, id);
    const at = appear.get(s.id) as number;
    queue.push({
      at,
      item: {
        id,
        feedId,
        hash: hash(s.id),
        guid: s.id,
        url: s.url,
        canonicalUrl: canonicalUrl(s.url),
        title: s.title,
        summary: s.summary,
        contentHash: hash(`${s.title}\u0000${s.summary}`),
        imageUrl: null,
        author: null,
        publishedAt: new Date(s.published ?? at),
        dateIsFallback: s.published === null,
      },
    });
  }
  const background = new Map<string, string>();
  for (const feed of opts.background ?? []) {
    const stored = await store.feeds.add({ url: feed.url, scope: { kind: "global" }, title: feed.title }, start);
    const ordered = [...feed.items].sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime());
    ordered.forEach((item, k) => {
      const at = window.start + Math.floor(((k + 0.5) / ordered.length) * (window.end - window.start));
      const id = `bg_${hash(`${stored.id}:${item.id}`)}`;
      background.set(id, feed.title);
      queue.push({ at, item: { ...item, id, feedId: stored.id, publishedAt: new Date(at), dateIsFallback: false } });
    });
  }
  queue.sort((a, b) => a.at - b.at);

  const digests: ScenarioDigest[] = [];
  // One destination following everything, with the real ledger's delivered-story marks (so merges
  // of delivered stories are carried over as in production).
  const destination = await store.destinations.upsert(
    { platform: "console", chatId: "scenario", kind: "channel", timeOfDay: "00:00", timeZone: "UTC" },
    start,
  );
  const firstSeen = new Map<string, number>();
  const scenarioIdOf = new Map([...itemIds].map(([s, id]) => [id, s]));
  let next = 0;
  let lastDigest = window.start;
  for (let t = window.start; t <= window.end; t += pollEvery) {
    const due: NewItem[] = [];
    while (next < queue.length && (queue[next] as { at: number }).at <= t) due.push((queue[next++] as { item: NewItem }).item);
    if (due.length) {
      await store.items.upsertMany(due, new Date(t));
      for (const it of due) {
        const s = scenarioIdOf.get(it.id);
        if (s) firstSeen.set(s, t);
      }
      const clustered = await clusterNewItems({ store, logger: silentLogger }, { now: new Date(t), ...(opts.cluster ? { options: opts.cluster } : {}) });
      // As the pipeline does: new and grown stories are linked to earlier ones (follow-ups, more coverage).
      const touched = clustered.stories.filter((r) => r.status !== "failed").map((r) => r.storyId);
      await linkNewStories({ store, logger: silentLogger }, { now: new Date(t), storyIds: touched });
    }
    if (t > window.start && (t - window.start) % DAY === 0) {
      digests.push(await digestAt(store, t, lastDigest, destination.id));
      lastDigest = t;
    }
  }

  const storyOf = new Map<string, string>();
  const stored = await store.items.getMany([...itemIds.values(), ...background.keys()]);
  for (const it of stored) if (it.storyId) storyOf.set(it.id, it.storyId);
  const stories = new Map<string, Story>();
  for (const s of await store.stories.getMany([...new Set(storyOf.values())])) stories.set(s.id, s);
  const links = new Map([...(await loadLinks(store, [...stories.values()]))].map(([id, l]) => [id, { earlierStoryId: l.earlierStoryId, kind: l.kind }]));
  return { items, itemIds, storyOf, stories, background, digests, window, firstSeen, links };
}

/** The day's digest for a channel following no topic: the real selection, no size cap. */
async function digestAt(store: Store, at: number, since: number, destinationId: string): Promise<ScenarioDigest> {
  const listed = await store.stories.listSince(new Date(since));
  const delivered = await store.deliveries.deliveredStoryIds(destinationId);
  const prepared = prepareStories(listed);
  const selection = selectStories(prepared, {
    links: await loadLinks(store, listed),
    since: new Date(since),
    topics: [],
    include: [],
    exclude: [],
    delivered,
    maxStories: Number.MAX_SAFE_INTEGER,
    developments: await loadDevelopments(store, listed, (id) => delivered.has(id)),
  });
  const stories: ScenarioDigest["stories"] = [];
  await store.deliveries.markDelivered(destinationId, selection.stories.map((s) => s.id), null, new Date(at));
  for (const story of selection.stories) {
    const followUp = selection.followUps?.get(story.id);
    stories.push({
      story,
      itemIds: (await store.items.listByStory(story.id)).map((i) => i.id),
      ...(followUp ? { followUp: { kind: followUp.kind, earlierStoryId: followUp.earlierStoryId } } : {}),
    });
  }
  const coverage: NonNullable<ScenarioDigest["coverage"]> = [];
  for (const id of selection.moreCoverageIds ?? []) coverage.push({ storyId: id, itemIds: (await store.items.listByStory(id)).map((i) => i.id) });
  return { at, stories, moreCoverage: selection.moreCoverage ?? 0, coverage };
}
