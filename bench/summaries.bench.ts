/**
 * Grounded summaries at scale (issue 13): a day of 10,000 destinations (24 delivery hours, varied
 * topics and limits) through the real pipeline — selection, grounded summaries, the ledger — with a
 * fake OpenAI-compatible model on loopback. Targets: model calls = distinct stories selected (each
 * story version summarised once, never per destination) and, with a budget below that, calls = the
 * budget, spent on the most important stories first.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createConsoleMessenger } from "../src/bots/console/console-messenger.js";
import { silentLogger } from "../src/core/logger.js";
import type { Messenger } from "../src/core/messenger.js";
import type { Store } from "../src/core/ports.js";
import type { NewItem, Platform, Story } from "../src/core/types.js";
import { createFeedFetcher } from "../src/digest/ingest/feed-fetcher.js";
import { createPipeline } from "../src/digest/pipeline.js";
import { ensureBuiltinTopics } from "../src/digest/seed-topics.js";
import { createGroundedSummaries, type SummaryRunReport } from "../src/digest/summaries/grounded-summaries.js";
import { createLlmClient } from "../src/digest/summaries/llm-client.js";
import { BUILTIN_TOPICS } from "../src/digest/stories/topic-catalog.js";
import { openStore } from "../src/store/open-store.js";
import { startFakeOpenAI } from "../tests/fakes/openai/fake-openai.js";
import { verdict } from "./verdict.js";

const DAY = "2026-11-24";
const STORIES = 400;

interface DayResult {
  calls: number;
  distinct: number;
  sent: number;
  seconds: number;
  summarised: Set<string>;
  selected: Set<string>;
  scores: Map<string, number>;
  reports: SummaryRunReport[];
}

async function seed(store: Store, destinations: number, hours: number, rand: () => number): Promise<Map<string, number>> {
  const t0 = new Date(`${DAY}T00:00:00Z`);
  await ensureBuiltinTopics(store, t0);
  const feeds: string[] = [];
  for (let f = 0; f < 20; f++) feeds.push((await store.feeds.add({ url: `https://outlet${f}.example/feed`, scope: { kind: "global" }, title: `Outlet ${f}` }, t0)).id);
  const topicIds = BUILTIN_TOPICS.map((t) => t.id);
  const scores = new Map<string, number>();
  const items: NewItem[] = [];
  const stories: Story[] = [];
  for (let s = 0; s < STORIES; s++) {
    const n = 1 + Math.floor(rand() * 3);
    const sources: Story["sources"] = [];
    for (let k = 0; k < n; k++) {
      const id = `i${s}-${k}`;
      const feedId = feeds[(s + k * 7) % feeds.length] as string;
      items.push({
        id, feedId, hash: id, guid: id, url: `https://outlet.example/${s}/${k}`, canonicalUrl: `https://outlet.example/${s}/${k}`,
        title: `Company ${s} releases model ${s} for developers`,
        summary: `Company ${s} released model ${s} to developers on ${k + 1} platforms. The model handles text and images.`,
        contentHash: id, imageUrl: null, author: null, publishedAt: new Date(t0.getTime() - 6 * 3_600_000), dateIsFallback: false,
      });
      sources.push({ name: `Outlet ${k}`, url: `https://outlet.example/${s}/${k}`, feedId, itemId: id });
    }
    const score = rand() * 5;
    scores.set(`st${s}`, score);
    stories.push({
      id: `st${s}`, headlineItemId: `i${s}-0`, title: `Company ${s} releases model ${s} for developers`, url: `https://outlet.example/${s}/0`,
      summary: `Company ${s} released model ${s}.`, imageUrl: null, sources,
      topics: [0, 1].map((k) => ({ topicId: topicIds[(s + k * 5) % topicIds.length] as string, confidence: 0.8 })),
      score, firstSeenAt: new Date(t0.getTime() - 6 * 3_600_000), lastSeenAt: new Date(t0.getTime() - 6 * 3_600_000),
    });
  }
  await store.items.upsertMany(items, new Date(t0.getTime() - 6 * 3_600_000));
  await store.stories.saveMany(stories);
  for (let d = 0; d < destinations; d++) {
    const dest = await store.destinations.upsert(
      { platform: "console", chatId: `c${d}`, kind: "channel", timeOfDay: `${String(d % hours).padStart(2, "0")}:00`, timeZone: "UTC", maxStories: 3 + (d % 8) },
      t0,
    );
    // A quarter follow nothing (every story); the rest one to three topics.
    if (d % 4 !== 0) for (const t of topicIds.filter(() => rand() < 0.12).slice(0, 3)) await store.subscriptions.add(dest.id, t, t0);
  }
  return scores;
}

async function runDay(destinations: number, hours: number, budget: number): Promise<DayResult> {
  let seed_ = 11;
  const rand = (): number => ((seed_ = (Math.imul(seed_, 1103515245) + 12345) >>> 0) / 4294967296);
  const dir = mkdtempSync(join(tmpdir(), "newsdesk-bench-summaries-"));
  const store = await openStore(`sqlite:${join(dir, "bench.db")}`);
  const model = await startFakeOpenAI();
  try {
    const scores = await seed(store, destinations, hours, rand);
    const reports: SummaryRunReport[] = [];
    const client = createLlmClient({ baseUrl: model.url, apiKey: null, model: "fake", timeoutMs: 10_000 });
    const inner = createGroundedSummaries({ store, client, logger: silentLogger }, { maxPerDay: budget });
    const summaries = {
      summarize: async (stories: readonly Story[], now: Date) => {
        const r = await inner.summarize(stories, now);
        reports.push(r.report);
        return r;
      },
    };
    const messengers = new Map<Platform, Messenger>([["console", createConsoleMessenger({ write: () => {} })]]);
    const fetcher = createFeedFetcher({ timeoutMs: 1_000 });
    const pipeline = createPipeline(
      { store, fetcher, messengers, logger: silentLogger, instanceId: "bench", summaries },
      { pollIntervalMs: 60_000, maxItemsPerFeed: 100 },
    );
    const started = performance.now();
    let sent = 0;
    const distinct = new Set<string>();
    for (let h = 0; h < hours; h++) {
      const outcomes = await pipeline.deliverDue(new Date(`${DAY}T${String(h).padStart(2, "0")}:00:30Z`));
      for (const o of outcomes) {
        if (o.status === "sent") sent++;
        for (const id of (await store.deliveries.find(o.destinationId, o.key))?.storyIds ?? []) distinct.add(id);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    fetcher.close();
    const summarised = new Set<string>();
    for (const r of model.requests) {
      const m = /Story: Company (\d+) /.exec(r.body.messages[1]?.content ?? "");
      if (m) summarised.add(`st${m[1]}`);
    }
    return { calls: model.requests.length, distinct: distinct.size, sent, seconds, summarised, selected: distinct, scores, reports };
  } finally {
    await model.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  const a = await runDay(10_000, 24, 1_000);
  console.log(
    `a day of 10,000 destinations (24 delivery hours), budget 1,000: ${a.sent} digests sent in ${a.seconds.toFixed(1)} s, ` +
      `${a.distinct} distinct stories selected, ${a.calls} model calls (${a.reports.length} runs; the rest from the cache)`,
  );
  verdict("calls − distinct stories (10,000 dest.)", Math.abs(a.calls - a.distinct), 0, { better: "lower" });
  verdict("model calls within the budget", a.calls, 1_000, { better: "lower" });

  // A budget below what one run selects: it must go to the most important stories of the run.
  const budget = 25;
  const b = await runDay(1_000, 1, budget);
  const best = [...b.scores.entries()]
    .filter(([id]) => b.selected.has(id))
    .sort((x, y) => y[1] - x[1])
    .slice(0, budget)
    .map(([id]) => id);
  const outsideTop = [...b.summarised].filter((id) => !best.includes(id)).length;
  console.log(
    `1,000 destinations due at once, budget ${budget}: ${b.distinct} distinct stories selected, ${b.calls} model calls, ` +
      `${outsideTop} of them outside the ${budget} best-scored selected stories`,
  );
  verdict(`calls with a budget of ${budget} < distinct`, Math.abs(b.calls - Math.min(budget, b.distinct)), 0, { better: "lower" });
  verdict("budget spent outside the most important", outsideTop, 0, { better: "lower" });
}
