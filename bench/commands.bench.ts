/**
 * Command layer costs on the real SQLite store (in memory):
 *  1. dispatch of common commands (subscribe, topics, channel show, status) in a community with
 *     200 channel destinations and 100 feeds — per-call latency, p50/p99;
 *  2. `status` at 20 vs 200 destinations in the community (ratio: it shows at most 20, so it should
 *     not grow 10×… except for the per-destination problem scan, which is linear);
 *  3. did-you-mean over the catalogue plus 50 custom topics, and time-zone autocomplete, per call.
 */
import { complete } from "../src/core/commands/complete.js";
import type { CommandDeps, Invocation, Place } from "../src/core/commands/context.js";
import { dispatch } from "../src/core/commands/dispatch.js";
import { commands } from "../src/core/commands/registry.js";
import { unknownTopicMessage } from "../src/core/commands/resolve-topic.js";
import { silentLogger } from "../src/core/logger.js";
import type { Store } from "../src/core/ports.js";
import { BUILTIN_TOPICS } from "../src/digest/stories/topic-catalog.js";
import { openStore } from "../src/store/open-store.js";
import { verdict } from "./verdict.js";

const NOW = new Date("2026-11-24T10:00:00Z");

async function seeded(destinations: number): Promise<{ store: Store; deps: CommandDeps; place: Place }> {
  const store = await openStore("sqlite::memory:");
  for (const t of BUILTIN_TOPICS) await store.topics.upsert(t, NOW);
  const deps: CommandDeps = {
    store,
    digests: { preview: async () => ({ title: "", date: "2026-11-24", stories: [], more: 0 }) },
    feeds: { check: async () => ({ ok: false, code: "http", reason: "offline" }) },
    logger: silentLogger,
    now: () => NOW,
    defaults: { timeOfDay: "08:00", timeZone: "Europe/London", maxStories: 10 },
  };
  const place: Place = { platform: "discord", communityId: "discord:G", communityName: "G", chatId: "c0", threadId: null, isPrivate: false };
  for (let i = 0; i < destinations; i++) {
    await dispatch(commands, inv("channel follow", { topic: "openai, agents" }, { ...place, chatId: `c${i}` }), deps);
  }
  for (let i = 0; i < 100; i++) {
    await store.feeds.add({ url: `https://f${i}.example/rss`, scope: { kind: "community", communityId: "discord:G" } }, NOW);
  }
  return { store, deps, place };
}

function inv(command: string, args: Invocation["args"], place: Place, userId = "u1"): Invocation {
  return { command, args, place, actor: { platform: "discord", userId, isModerator: true } };
}

async function timeCalls(n: number, f: (i: number) => Promise<unknown>): Promise<{ p50: number; p99: number; mean: number }> {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await f(i);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]!;
  return { p50: at(0.5), p99: at(0.99), mean: ms.reduce((a, b) => a + b, 0) / ms.length };
}

let refusals = 0;
/** Dispatch, counting refusals: a benchmark of error replies would measure the wrong thing. */
async function run1(i: Invocation, deps: CommandDeps): Promise<void> {
  if ((await dispatch(commands, i, deps)).error) refusals++;
}

const fmt = (r: { p50: number; p99: number; mean: number }) => `p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, mean ${r.mean.toFixed(2)} ms`;

export async function run(): Promise<void> {
  const big = await seeded(200);
  const { deps, place } = big;
  console.log(`subscribe:    ${fmt(await timeCalls(300, (i) => run1(inv("subscribe", { topic: "openai" }, place, `m${i}`), deps)))}`);
  console.log(`topics:       ${fmt(await timeCalls(300, (i) => run1(inv("topics", {}, place, `m${i}`), deps)))}`);
  console.log(`channel show: ${fmt(await timeCalls(300, () => run1(inv("channel show", {}, place), deps)))}`);
  const status200 = await timeCalls(50, () => run1(inv("status", {}, place), deps));
  console.log(`status (200 destinations, 100 feeds): ${fmt(status200)}`);
  await big.store.close();

  const small = await seeded(20);
  const status20 = await timeCalls(50, () => run1(inv("status", {}, small.place), small.deps));
  console.log(`status (20 destinations, 100 feeds):  ${fmt(status20)}`);
  console.log(`status t(200)/t(20) = ${(status200.p50 / status20.p50).toFixed(2)} (linear scan of latest deliveries; target ≤ 10)`);
  verdict("commands status t(200)/t(20) (p50)", status200.p50 / status20.p50, 10, { better: "lower", digits: 2 });

  for (let i = 0; i < 50; i++) {
    await dispatch(commands, inv("topic create", { name: `Custom topic ${i}`, keywords: `word${i}` }, small.place), small.deps);
  }
  const topics = await small.store.topics.list("discord:G");
  const typos = ["opneai", "antropic", "custom topc 17", "zzzz", "agnets", "open-wieghts"];
  const t0 = performance.now();
  const N = 20_000;
  for (let i = 0; i < N; i++) unknownTopicMessage(topics, typos[i % typos.length]!);
  const didYouMean = (performance.now() - t0) / N;
  console.log(`did-you-mean over ${topics.length} topics: ${(didYouMean * 1000).toFixed(1)} µs per lookup`);
  console.log(`timezone autocomplete: ${fmt(await timeCalls(2000, (i) => complete("timezone", ["eu", "new", "berl", "a", ""][i % 5]!, { store: small.store, communityId: null })))}`);
  await small.store.close();
  console.log(`refused replies during timing: ${refusals} (expected 0)`);
  verdict("commands refused during timing", refusals, 0, { better: "lower" });
}
