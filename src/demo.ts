/**
 * The offline demo (`npm start` with no tokens): the bundled sample feeds — our own fixtures,
 * including one AI story covered by six outlets — are ingested into the configured database through
 * the real pipeline (file: feeds, parse, normalise, store, cluster), and the digest a reader would get
 * that day is printed by the console platform. No network is used.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createConsoleMessenger } from "./bots/console/console-messenger.js";
import type { Logger } from "./core/logger.js";
import type { Store } from "./core/ports.js";
import type { Destination } from "./core/types.js";
import { createDigestService } from "./digest/digest-services.js";
import { createFeedFetcher } from "./digest/ingest/feed-fetcher.js";
import { createPipeline } from "./digest/pipeline.js";
import { packageRoot } from "./package-root.js";

export { packageRoot };

export const DEMO_FEEDS_DIR = join(packageRoot(), "tests", "fixtures", "feeds") + "/";

/**
 * Going live after trying the demo: the sample feeds (and so their stories) leave the database, so
 * invented news never reaches a real digest. Stories of removed feeds are no one's to select.
 */
export async function removeDemoFeeds(store: Store): Promise<number> {
  const prefix = pathToFileURL(DEMO_FEEDS_DIR).href;
  let n = 0;
  for (const f of await store.feeds.list({ includeDisabled: true })) {
    if (f.url.startsWith(prefix) && (await store.feeds.remove(f.id))) n++;
  }
  return n;
}

export interface DemoResult {
  feeds: number;
  newItems: number;
  stories: number;
}

export interface DemoOptions {
  maxStories?: number;
  timeZone?: string;
}

export async function runDemo(
  deps: { store: Store; logger: Logger; out: (s: string) => void },
  opts: DemoOptions = {},
): Promise<DemoResult> {
  const { store, logger, out } = deps;
  const maxStories = opts.maxStories ?? 10;
  const timeZone = opts.timeZone ?? "UTC";
  const files = readdirSync(DEMO_FEEDS_DIR).filter((f) => /^scenario-.*\.xml$/.test(f)).sort();
  const feedIds: string[] = [];
  const now = new Date();
  for (const f of files) {
    const url = pathToFileURL(`${DEMO_FEEDS_DIR}${f}`).href;
    const existing = await store.feeds.findByUrl(url, { kind: "global" });
    feedIds.push(existing ? existing.id : (await store.feeds.add({ url, scope: { kind: "global" } }, now)).id);
  }
  const fetcher = createFeedFetcher({ allowFile: true });
  const console = createConsoleMessenger({ write: out });
  const pipeline = createPipeline(
    { store, fetcher, messengers: new Map([["console", console]]), logger, instanceId: "demo" },
    { pollIntervalMs: 15 * 60_000, maxItemsPerFeed: 200 },
  );
  const report = await pipeline.ingest(now, { feedIds, force: true });
  fetcher.close();
  const failed = report.feeds.filter((r) => r.outcome === "failed");
  for (const r of failed) out(`feed ${r.url} failed: ${r.error?.message ?? "unknown error"}\n`);

  // Show today's digest; if the sample was ingested long ago, show the digest of the day it came in.
  const stories = await store.stories.listSince(new Date(0));
  const demoFeedIds = new Set(feedIds);
  const latest = Math.max(
    0,
    ...stories.filter((s) => s.sources.some((src) => demoFeedIds.has(src.feedId))).map((s) => s.lastSeenAt.getTime()),
  );
  const digestNow = new Date(Math.min(now.getTime(), latest + 60 * 60_000));
  const doc = await createDigestService(store, { maxStories }).preview({ maxStories, timeZone }, digestNow);
  const newItems = report.feeds.reduce((n, r) => n + r.newItems.length, 0);
  out(
    `Demo: ${files.length} sample feeds ingested (${newItems} new ${newItems === 1 ? "item" : "items"}). ` +
      `The sample news is from ${doc.date}; this is the digest a reader got that day:\n\n`,
  );
  const reader: Destination = {
    id: "demo",
    platform: "console",
    chatId: "terminal",
    threadId: null,
    kind: "channel",
    communityId: null,
    userId: null,
    timeOfDay: "08:00",
    timeZone,
    maxStories,
    active: true,
    inactiveReason: null,
    lastDigestAt: null,
    createdAt: now,
  };
  await console.sendDigest(reader, doc, { key: "demo", skipParts: 0, onSent: async () => {} });
  return { feeds: files.length, newItems, stories: doc.stories.length };
}
