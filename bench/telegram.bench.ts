/**
 * Telegram delivery at scale: 10,000 private-chat digests through the fake Bot API, whose global cap is set
 * to C messages/s in "observe" mode (it accepts everything but counts what goes over a cap). The adapter's
 * limiter is configured at the same C. Goals: achieved rate / C ≥ 0.95, 0 over any cap, 0 lost, 0 duplicated.
 */
import { createTelegramBot } from "../src/bots/telegram/telegram-bot.js";
import type { PlatformEvents } from "../src/core/bot.js";
import { silentLogger } from "../src/core/logger.js";
import type { DigestDoc, Destination } from "../src/core/types.js";
import { startFakeTelegram } from "../tests/fakes/telegram/fake-telegram.js";
import { verdict } from "./verdict.js";

const N = 10_000;
const C = 300;
const FIRST_USER = 5_000_000;

const doc: DigestDoc = {
  title: "AI news — Tuesday 24 November 2026",
  date: "2026-11-24",
  more: 0,
  stories: Array.from({ length: 5 }, (_, i) => ({
    id: `s${i}`,
    title: `Story ${i} & <friends>`,
    url: `https://news.example/${i}`,
    summary: "A short summary of what happened, as the digest shows it.",
    imageUrl: null,
    sources: [{ name: "Wire", url: "https://wire.example" }],
    moreSources: 0,
    topics: [{ id: "openai", name: "OpenAI" }],
    score: 1,
  })),
};

function destination(i: number): Destination {
  const chatId = String(FIRST_USER + i);
  return {
    id: `d${i}`, platform: "telegram", chatId, threadId: null, kind: "dm", communityId: null, userId: chatId,
    timeOfDay: "08:00", timeZone: "UTC", maxStories: 10, active: true, inactiveReason: null, lastDigestAt: null,
    createdAt: new Date(),
  };
}

export async function run(): Promise<void> {
  const fake = await startFakeTelegram({ rateLimits: { mode: "observe", globalPerSecond: C } });
  for (let i = 0; i < N; i++) fake.addUser({ id: FIRST_USER + i, first_name: `User ${i}` });
  let events = 0;
  const noEvents: PlatformEvents = {
    removedFromCommunity: async () => void events++,
    chatMigrated: async () => void events++,
    chatUnreachable: async () => void events++,
  };
  const adapter = createTelegramBot(
    { token: fake.token, apiRoot: fake.apiRoot, linkPreviews: false, globalRatePerSecond: C, maxRetries: 3 },
    { commands: [], commandDeps: undefined as never, events: noEvents, logger: silentLogger },
  );
  try {
    let onSent = 0;
    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        adapter.messenger.sendDigest(destination(i), doc, { key: `d${i}:2026-11-24`, skipParts: 0, onSent: async () => void onSent++ }),
      ),
    );
    const wallS = (performance.now() - started) / 1000;

    const stats = fake.rateStats();
    const accepted = fake.limiter.accepted;
    const perChat = new Map<number, number>();
    for (const m of accepted) perChat.set(m.chatId, (perChat.get(m.chatId) ?? 0) + 1);
    const lost = N - perChat.size;
    const duplicated = [...perChat.values()].filter((n) => n > 1).length;
    const failed = results.filter((r) => !r.ok).length;
    const first = accepted[0]?.time ?? 0;
    const last = accepted.at(-1)?.time ?? 0;
    // Steady rate: the mean of whole clock seconds, leaving out the partial first and last ones.
    const seconds = [...fake.limiter.perSecond().entries()].sort((a, b) => a[0] - b[0]).slice(1, -1).map(([, n]) => n);
    const rate = seconds.reduce((a, b) => a + b, 0) / Math.max(1, seconds.length);
    const overCap = stats.overCap.global + stats.overCap.chat + stats.overCap.group;

    console.log(`messages: ${accepted.length} accepted of ${N}, ${failed} failed sends, ${onSent} onSent calls, ${events} events`);
    console.log(`cap C: ${C} msg/s; achieved: ${rate.toFixed(1)} msg/s (mean of ${seconds.length} whole seconds, min ${Math.min(...seconds)})`);
    console.log(`span first→last message: ${((last - first) / 1000).toFixed(2)} s; overall ${(accepted.length / wallS).toFixed(1)} msg/s (wall ${wallS.toFixed(2)} s)`);
    console.log(`achieved / C: ${(rate / C).toFixed(3)} (goal ≥ 0.95)`);
    console.log(`busiest 1 s window: ${stats.maxPerSecond} (cap ${C}); busiest chat: ${stats.maxPerSecondInOneChat}/s`);
    console.log(`over the cap: ${overCap} (global ${stats.overCap.global}, chat ${stats.overCap.chat}, group ${stats.overCap.group}) (goal 0)`);
    console.log(`lost: ${lost} (goal 0); duplicated: ${duplicated} (goal 0)`);
    verdict("telegram achieved / C", rate / C, 0.95, { better: "higher", digits: 3 });
    verdict("telegram messages over the cap", overCap, 0, { better: "lower" });
    verdict("telegram digests lost", lost, 0, { better: "lower" });
    verdict("telegram digests duplicated", duplicated, 0, { better: "lower" });
  } finally {
    await adapter.stop();
    await fake.close();
  }
}
