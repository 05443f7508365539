/**
 * Discord adapter through the fake Discord:
 *  1. acknowledgement latency of slash commands arriving at 50 per second (target p99 ≤ 200 ms);
 *  2. one digest to each of 2,000 channels against a global cap C that the fake counts but does not
 *     enforce, so only our own pacing keeps us under it (target achieved/C ≥ 0.95, 0 over the cap).
 */
import { startFakeDiscord, type InteractOptions } from "../tests/fakes/discord/fake-discord.js";
import { Perm } from "../tests/fakes/discord/permission-bits.js";
import { digest, startHarness } from "../tests/bots/discord/harness.js";
import { testCommands } from "../tests/bots/discord/test-commands.js";
import type { Destination } from "../src/core/types.js";
import { verdict } from "./verdict.js";

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function ackLatency(): Promise<void> {
  const rate = 50;
  const total = 500;
  let guildId = "";
  let channelId = "";
  let userId = "";
  const h = await startHarness(testCommands, {
    setup: (fake) => {
      guildId = fake.addGuild({ name: "Bench" }).id;
      channelId = fake.addChannel(guildId, { name: "news" }).id;
      userId = fake.addMember(guildId, { username: "mod", permissions: Perm.ManageGuild }).userId;
    },
  });
  try {
    const pending: Promise<number>[] = [];
    const start = performance.now();
    for (let i = 0; i < total; i++) {
      // Alternate a store write (channel set) with a read-only command.
      const opts: Partial<InteractOptions> =
        i % 2 === 0
          ? { name: "channel", subcommand: "set", options: { time: `0${i % 10}:00` } }
          : { name: "follow", options: { topic: `t${i}` } };
      pending.push(h.fake.interact({ guildId, channelId, userId, ...opts }).then((r) => r.latencyMs ?? NaN));
      const due = start + ((i + 1) * 1000) / rate;
      await sleep(Math.max(0, due - performance.now()));
    }
    const lat = (await Promise.all(pending)).sort((a, b) => a - b);
    const offered = total / ((performance.now() - start) / 1000);
    const late = lat.filter((x) => x > 3000).length;
    console.log(`ack latency at ${offered.toFixed(1)} commands/s (${total} commands): p50 ${pct(lat, 50)} ms, p99 ${pct(lat, 99)} ms, max ${lat.at(-1)} ms, over 3 s: ${late}`);
    console.log(`  p99 / 200 ms target = ${(pct(lat, 99) / 200).toFixed(2)} (≤ 1 passes)`);
    verdict("discord ack latency p99", pct(lat, 99), 200, { better: "lower", unit: "ms" });
  } finally {
    await h.close();
  }
}

/** Mean fill of the sliding second, sampled every ms over the run after its first second. */
function meanWindowFill(times: number[], cap: number): number {
  const t = [...times].sort((a, b) => a - b);
  const first = t[0] ?? 0;
  const last = t.at(-1) ?? 0;
  let lo = 0;
  let hi = 0;
  let sum = 0;
  let samples = 0;
  for (let tau = first + 1000; tau <= last; tau++) {
    while (hi < t.length && (t[hi] ?? 0) <= tau) hi++;
    while (lo < hi && (t[lo] ?? 0) <= tau - 1000) lo++;
    sum += hi - lo;
    samples++;
  }
  return samples === 0 ? NaN : sum / samples / cap;
}

async function deliveryThroughput(): Promise<void> {
  const cap = 200;
  const channels = 2000;
  const fake = await startFakeDiscord({ globalPerSecond: cap, enforceRateLimits: false });
  const ids: string[] = [];
  for (let g = 0; g < 4; g++) {
    const guild = fake.addGuild({ name: `Bench ${g}` });
    for (let c = 0; c < channels / 4; c++) ids.push(fake.addChannel(guild.id, { name: `news-${c}` }).id);
  }
  const h = await startHarness([], { fakeDiscord: fake, bot: { globalRatePerSecond: cap } });
  try {
    const doc = digest(3);
    const before = fake.requests().length;
    const now = new Date();
    const dests: Destination[] = ids.map((chatId, i) => ({
      id: `d${i}`, platform: "discord", chatId, threadId: null, kind: "channel", communityId: null, userId: null,
      timeOfDay: "08:00", timeZone: "UTC", maxStories: 10, active: true, inactiveReason: null, lastDigestAt: null, createdAt: now,
    }));
    const started = performance.now();
    const results = await Promise.all(
      dests.map((d) => h.bot.messenger.sendDigest(d, doc, { key: `${d.id}/2026-11-24`, skipParts: 0, onSent: async () => {} })),
    );
    const seconds = (performance.now() - started) / 1000;
    const sent = fake.requests().slice(before).filter((r) => r.method === "POST" && r.path.endsWith("/messages"));
    const ok = results.filter((r) => r.ok).length;
    const stats = fake.rateLimitStats();
    const fill = meanWindowFill(sent.map((r) => r.at), cap);
    console.log(`delivery to ${channels} channels, global cap C = ${cap}/s: ${ok} ok in ${seconds.toFixed(2)} s (${(sent.length / seconds).toFixed(1)} messages/s overall)`);
    console.log(`  achieved / C (mean fill of the sliding second) = ${fill.toFixed(3)} (≥ 0.95 passes); accepted over the cap: ${stats.overCapAccepted}; 429s: ${stats.limited}`);
    verdict("discord achieved / C", fill, 0.95, { better: "higher", digits: 3 });
    verdict("discord messages accepted over the cap", stats.overCapAccepted, 0, { better: "lower" });
  } finally {
    await h.close();
  }
}

export async function run(): Promise<void> {
  await ackLatency();
  await deliveryThroughput();
}
