/**
 * The real newsdesk wired the way src/main.ts wires it — config from an env object, a migrated SQLite
 * store, the operator's catalogue (an OPML of loopback feeds), createBots, the pipeline — but with a
 * clock the test moves: time passes by calling `ingest(now)` and `deliverDue(now)` instead of cron.
 */
import { createBots } from "../../src/wire-bots.js";
import { loadConfig, type Env } from "../../src/config.js";
import type { BotAdapter } from "../../src/core/bot.js";
import { silentLogger, type Logger } from "../../src/core/logger.js";
import type { Messenger } from "../../src/core/messenger.js";
import type { Store } from "../../src/core/ports.js";
import type { Platform } from "../../src/core/types.js";
import { syncFeedCatalogue } from "../../src/digest/feed-catalogue.js";
import { createFeedFetcher } from "../../src/digest/ingest/feed-fetcher.js";
import { createPipeline, type Pipeline } from "../../src/digest/pipeline.js";
import { ensureBuiltinTopics } from "../../src/digest/seed-topics.js";
import { groundedSummariesFor } from "../../src/digest/summaries/grounded-summaries.js";
import { openStore } from "../../src/store/open-store.js";
import { fixtureFeed, startFeedServer, type FeedRoute, type FeedServer } from "../fakes/feed-server.js";

/** The scenario's feeds and their outlets' names, as an operator's OPML would title them. */
export const SCENARIO: Readonly<Record<string, string>> = {
  "scenario-circuit-ledger.xml": "Circuit Ledger",
  "scenario-model-wire.xml": "The Model Wire",
  "scenario-byte-review.xml": "Byte Review",
  "scenario-pixel-post.xml": "Pixel Post",
  "scenario-frontier-dispatch.xml": "Frontier Dispatch",
  "scenario-signal-noise.xml": "Signal & Noise",
};
export const SCENARIO_FILES = Object.keys(SCENARIO);

/** The six outlets that cover the Sora leak. */
export const SORA_OUTLETS = Object.values(SCENARIO);

export interface ExtraItem {
  guid: string;
  title: string;
  description: string;
  /** ISO instant. */
  publishedAt: string;
}

/** One scenario feed with its 26 November 2024 news moved to `newsDay` (UTC), plus extra RSS items. */
export function scenarioFeed(file: string, newsDay: Date, extra: readonly ExtraItem[] = []): string {
  const rfc = newsDay.toUTCString().slice(0, 16); // "Mon, 23 Nov 2026"
  const iso = newsDay.toISOString().slice(0, 10);
  let xml = fixtureFeed(file).toString("utf8").replaceAll("Tue, 26 Nov 2024", rfc).replaceAll("2024-11-26T", `${iso}T`);
  if (extra.length > 0) {
    if (!xml.includes("</channel>")) throw new Error(`${file} is not RSS: extra items go into an RSS feed`);
    const items = extra
      .map(
        (e) =>
          `<item><title>${e.title}</title><link>https://circuitledger.example/extra/${e.guid}</link>` +
          `<guid isPermaLink="false">${e.guid}</guid><pubDate>${new Date(e.publishedAt).toUTCString()}</pubDate>` +
          `<description>${e.description}</description></item>`,
      )
      .join("\n");
    xml = xml.replace("<channel>", `<channel>\n${items}`);
  }
  return xml;
}

/** Serve the six scenario feeds as news of `newsDay`, with conditional GET like a real server. */
export function serveScenario(feeds: FeedServer, newsDay: Date, extra: Partial<Record<string, readonly ExtraItem[]>> = {}, version = "v1"): void {
  for (const f of SCENARIO_FILES) {
    const items = extra[f] ?? [];
    // A changed body gets a new ETag; an unchanged one keeps answering 304.
    const tag = items.length > 0 ? `${version}-${items.length}` : "v1";
    const route: FeedRoute = { body: scenarioFeed(f, newsDay, items), etag: `"${f}-${tag}"` };
    feeds.route(`/${f}`, route);
  }
}

export interface Clock {
  now(): Date;
  set(iso: string): Date;
}

export function testClock(iso: string): Clock {
  let t = new Date(iso);
  return {
    now: () => new Date(t.getTime()),
    set(next) {
      t = new Date(next);
      return t;
    },
  };
}

export interface Newsdesk {
  store: Store;
  feeds: FeedServer;
  pipeline: Pipeline;
  bots: BotAdapter[];
  clock: Clock;
  /** The scheduler's poll at `iso`: due feeds are fetched, new items clustered. */
  ingestAt(iso: string): Promise<Awaited<ReturnType<Pipeline["ingest"]>>>;
  /** The scheduler's tick at `iso`. */
  tickAt(iso: string): ReturnType<Pipeline["deliverDue"]>;
  close(): Promise<void>;
}

/**
 * Start newsdesk with `env` (bot tokens and API roots of the fakes) at the clock's time. The feed
 * server must already serve the scenario; its URLs are the operator's catalogue.
 */
export async function startNewsdesk(env: Env, clock: Clock, opts: { logger?: Logger } = {}): Promise<Newsdesk> {
  const logger = opts.logger ?? silentLogger;
  const feeds = await startFeedServer();
  serveScenario(feeds, new Date(clock.now().getTime() - 86_400_000));
  const config = loadConfig({ DATABASE_URL: "sqlite::memory:", INSTANCE_ID: "e2e", ...env });
  const store = await openStore(config.databaseUrl);
  await ensureBuiltinTopics(store, clock.now());
  const outlines = SCENARIO_FILES.map((f) => `<outline type="rss" text="${SCENARIO[f]!.replace("&", "&amp;")}" xmlUrl="${feeds.url}/${f}"/>`).join("");
  await syncFeedCatalogue(store, `<?xml version="1.0"?><opml version="2.0"><head/><body>${outlines}</body></opml>`, clock.now());

  const fetcher = createFeedFetcher({ allowHosts: [feeds.hostPort], timeoutMs: 5000 });
  const chatFetcher = createFeedFetcher({ allowHosts: [feeds.hostPort], timeoutMs: 5000, allowFile: false });
  const bots = await createBots(config, { store, logger, chatFetcher, now: () => clock.now() });
  const messengers = new Map<Platform, Messenger>(bots.map((b) => [b.platform, b.messenger]));
  const pipeline = createPipeline(
    {
      store,
      fetcher,
      messengers,
      logger,
      instanceId: config.instanceId ?? "e2e",
      ...(config.llm ? { summaries: groundedSummariesFor(config.llm, { store, logger }) } : {}),
    },
    { pollIntervalMs: config.feedPollIntervalMs, maxItemsPerFeed: config.feedMaxItems, cluster: { windowHours: config.clusterWindowHours } },
  );
  const started: BotAdapter[] = [];
  for (const b of bots) {
    await b.start();
    started.push(b);
  }
  return {
    store,
    feeds,
    pipeline,
    bots,
    clock,
    ingestAt: (iso) => pipeline.ingest(clock.set(iso)),
    tickAt: (iso) => pipeline.deliverDue(clock.set(iso)),
    async close() {
      for (const b of started) await b.stop().catch(() => {});
      fetcher.close();
      chatFetcher.close();
      await feeds.close();
      await store.close();
    },
  };
}

/** Waits until `cond` holds (replies are sent asynchronously by the bots). */
export async function until(what: string, cond: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
