/**
 * Scheduler and digest building at 10,000 destinations.
 *  - tick: findDue over 10,000 destinations in 40 zones × 8 times (target ≤ 50 ms);
 *  - build: load selection inputs from SQLite, select and build the DigestDoc for all 10,000
 *    (target ≤ 3 s).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Destination, Story } from "../src/core/types.js";
import { findDue } from "../src/core/schedule.js";
import { buildDigest } from "../src/digest/build-digest.js";
import { loadSelectionInputs, selectForMany } from "../src/digest/select-stories.js";
import { ensureBuiltinTopics } from "../src/digest/seed-topics.js";
import { BUILTIN_TOPICS } from "../src/digest/stories/topic-catalog.js";
import { openStore } from "../src/store/open-store.js";
import { verdict } from "./verdict.js";

const N = 10_000;
const zones = Intl.supportedValuesOf("timeZone").filter((_, i) => i % 10 === 0).slice(0, 40);
const times = ["06:00", "07:30", "08:00", "09:00", "12:00", "17:45", "20:00", "23:59"];

function destinations(now: Date): Destination[] {
  return Array.from({ length: N }, (_, i) => ({
    id: `d${i}`,
    platform: i % 2 ? "discord" : "telegram",
    chatId: `c${i}`,
    threadId: null,
    kind: i % 3 ? "channel" : "dm",
    communityId: null,
    userId: null,
    timeOfDay: times[i % times.length]!,
    timeZone: zones[i % zones.length]!,
    maxStories: 10,
    active: i % 50 !== 0,
    inactiveReason: null,
    lastDigestAt: i % 2 ? new Date(now.getTime() - 20 * 3_600_000) : null,
    createdAt: new Date(now.getTime() - 30 * 86_400_000),
  }));
}

export async function run(): Promise<void> {
  const now = new Date("2026-11-24T08:00:00Z");
  const dests = destinations(now);
  findDue(dests, now); // warm Intl formatters, as a running process has them
  const ticks: number[] = [];
  let due = 0;
  for (let m = 0; m < 20; m++) {
    const t0 = performance.now();
    due = findDue(dests, new Date(now.getTime() + m * 60_000)).length;
    ticks.push(performance.now() - t0);
  }
  ticks.sort((a, b) => a - b);
  const median = ticks[Math.floor(ticks.length / 2)]!;
  console.log(`scheduler tick, ${N} destinations: median ${median.toFixed(1)} ms, max ${ticks.at(-1)!.toFixed(1)} ms (${due} due) — target ≤ 50 ms, ratio ${(median / 50).toFixed(2)}`);
  verdict(`scheduler tick, ${N} destinations (median)`, median, 50, { better: "lower", unit: "ms", digits: 1 });

  const dir = mkdtempSync(join(tmpdir(), "newsdesk-bench-"));
  const store = await openStore(`sqlite:${join(dir, "b.db")}`);
  try {
    await ensureBuiltinTopics(store, now);
    const topicIds = BUILTIN_TOPICS.map((t) => t.id);
    const feedId = (await store.feeds.add({ url: "https://news.example/feed", scope: { kind: "global" } }, now)).id;
    const stories: Story[] = Array.from({ length: 600 }, (_, i) => ({
      id: `s${i}`,
      headlineItemId: `i${i}`,
      title: `Story ${i} about ${topicIds[i % topicIds.length]} and models`,
      url: `https://news.example/${i}`,
      summary: "Two sentences of summary. Another one.",
      imageUrl: null,
      sources: [{ name: "Outlet", url: `https://news.example/${i}`, feedId, itemId: `i${i}` }],
      topics: [{ topicId: topicIds[i % topicIds.length]!, confidence: 0.9 }],
      score: (i * 7919) % 100,
      firstSeenAt: new Date(now.getTime() - (i % 30) * 3_600_000),
      lastSeenAt: new Date(now.getTime() - (i % 30) * 3_600_000),
    }));
    await store.stories.saveMany(stories);
    const stored: Destination[] = [];
    for (const d of dests) {
      const s = await store.destinations.upsert({ platform: d.platform, chatId: d.chatId, kind: d.kind, timeOfDay: d.timeOfDay, timeZone: d.timeZone }, now);
      stored.push(s);
      if (Number(d.id.slice(1)) % 2 === 0) await store.subscriptions.add(s.id, topicIds[Number(d.id.slice(1)) % topicIds.length]!, now);
    }
    const t0 = performance.now();
    const { prepared, inputs } = await loadSelectionInputs(store, stored, now);
    const t1 = performance.now();
    const selections = selectForMany(prepared, inputs, now);
    const topicsById = new Map(BUILTIN_TOPICS.map((t) => [t.id, t]));
    let built = 0;
    let storiesOut = 0;
    for (const d of stored) {
      const sel = selections.get(d.id)!;
      const doc = buildDigest(sel.stories, topicsById, { date: "2026-11-24", maxStories: 10, more: sel.more });
      built++;
      storiesOut += doc.stories.length;
    }
    const t2 = performance.now();
    const total = (t2 - t0) / 1000;
    console.log(
      `digests built for ${built} destinations: ${total.toFixed(2)} s (load ${((t1 - t0) / 1000).toFixed(2)} s, select+build ${((t2 - t1) / 1000).toFixed(2)} s, ${(storiesOut / built).toFixed(1)} stories each) — target ≤ 3 s, ratio ${(total / 3).toFixed(2)}`,
    );
    verdict(`digests built for ${built} destinations`, total, 3, { better: "lower", unit: "s", digits: 2 });
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
