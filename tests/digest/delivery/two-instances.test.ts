/**
 * Item 7 of the fault findings: two instances on one Postgres, one bot token, a fake Bot API enforcing
 * the global cap and refusing (and counting) every request sent while a 429's retry_after runs. Each
 * instance is the real composition (config → createBots → pipeline) with its own store connection.
 * A control run without the shared budget shows the fault (each instance paces itself alone: together
 * they overrun the cap); with it, the pair stays under the cap, and a 429 holds back both.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.js";
import { silentLogger } from "../../../src/core/logger.js";
import type { Messenger } from "../../../src/core/messenger.js";
import type { Store } from "../../../src/core/ports.js";
import type { Platform } from "../../../src/core/types.js";
import type { DeliveryOutcome } from "../../../src/digest/deliver.js";
import { createFeedFetcher } from "../../../src/digest/ingest/feed-fetcher.js";
import { createPipeline } from "../../../src/digest/pipeline.js";
import { createBots } from "../../../src/wire-bots.js";
import { startFakeTelegram, type FakeTelegram } from "../../fakes/telegram/fake-telegram.js";
import { createFixture, testDatabaseUrl, type DialectFixture } from "../../store/store-fixture.js";
import { figures, seedDestinations, seedStories } from "./telegram-world.js";

const CAP = 20;
// Well under the cap for the pair together (12 of 20: room for the loopback jitter of a loaded machine,
// where grants bunch up on their way to the fake), yet two instances pacing alone (24/s) overrun it.
const RATE = 12;
const PER_RUN = 80;

if (!testDatabaseUrl) console.log("two-instance Telegram delivery: skipped (set TEST_DATABASE_URL for Postgres)");

describe.runIf(Boolean(testDatabaseUrl))("two instances, one bot token, one Postgres", () => {
  let fx: DialectFixture;
  let stores: Store[] = [];
  let fake: FakeTelegram;
  let nextChat = 700_000;

  beforeAll(async () => {
    fake = await startFakeTelegram({ rateLimits: { globalPerSecond: CAP, retryAfter: "enforce" } });
    fx = await createFixture("postgres");
    stores = [await fx.open(), await fx.open()];
    await seedStories(stores[0]!, { stories: 2, summaryChars: 200 });
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await fake?.close();
    await fx?.cleanup();
  });

  async function instance(store: Store, instanceId: string) {
    const config = loadConfig({
      DATABASE_URL: testDatabaseUrl,
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      TELEGRAM_GLOBAL_RATE: String(RATE),
    });
    const bots = await createBots(config, { store, logger: silentLogger, chatFetcher: createFeedFetcher(), now: () => new Date() });
    const messengers = new Map<Platform, Messenger>(bots.map((b) => [b.platform, b.messenger]));
    return createPipeline({ store, fetcher: createFeedFetcher(), messengers, logger: silentLogger, instanceId }, { pollIntervalMs: 3_600_000, maxItemsPerFeed: 10 });
  }

  /** Both instances deliver every due digest at once; the fake's figures for this run only. */
  async function run(shared: boolean, during?: (sentSoFar: () => number) => Promise<void>) {
    // Each run starts on a quiet Bot API: the control run's last 429 may still be holding the token
    // (its retry_after) and its last second of sends still fills the fake's window.
    await new Promise((r) => setTimeout(r, 3000));
    const chats = await seedDestinations(stores[0]!, fake, PER_RUN, (nextChat += 1000));
    const storesFor = shared ? stores : stores.map((s) => ({ ...s, sendBudget: null }));
    const [a, b] = await Promise.all([instance(storesFor[0]!, "A"), instance(storesFor[1]!, "B")]);
    const since = fake.calls.length;
    const statsBefore = fake.rateStats();
    const started = Date.now();
    const sendsNow = () => fake.calls.slice(since).filter((c) => c.method === "sendMessage" && c.ok).length;
    const outcomes: DeliveryOutcome[][] = await Promise.all([a.deliverDue(new Date()), b.deliverDue(new Date()), during?.(sendsNow).then(() => [])].filter(Boolean) as Promise<DeliveryOutcome[]>[]);
    // Digests left for a later tick (rate-limited) are finished the way the next tick would.
    for (let i = 0; i < 5 && figures(fake, chats).incomplete + chats.filter((c) => fake.messages(c).length === 0).length > 0; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      outcomes.push(await a.deliverDue(new Date()));
    }
    const stats = fake.rateStats();
    const f = figures(fake, chats);
    return {
      ms: Date.now() - started,
      outcomes: outcomes.flat(),
      f,
      refused: stats.refused - statsBefore.refused,
      duringRetryAfter: stats.sentDuringRetryAfter - statsBefore.sentDuringRetryAfter,
      maxPerSecond: stats.maxPerSecond,
      delivered: chats.filter((c) => fake.messages(c).some((m) => m.fromBot)).length,
    };
  }

  it("without the shared budget (control): the pair overruns the global cap", async () => {
    const r = await run(false);
    console.log(`[two instances, local pacing only] ${PER_RUN} digests in ${r.ms} ms; 429s ${r.refused}; sent during retry_after ${r.duringRetryAfter}; delivered ${r.delivered}; duplicated ${r.f.duplicated}`);
    expect(r.refused).toBeGreaterThan(0);
  }, 60_000);

  it("with the shared budget: under the cap, no 429, nothing sent during a retry_after, each digest once", async () => {
    const r = await run(true);
    console.log(`[two instances, shared budget] ${PER_RUN} digests in ${r.ms} ms; 429s ${r.refused} (over caps so far: ${JSON.stringify(fake.rateStats().overCap)}); sent during retry_after ${r.duringRetryAfter}; most in one second ${fake.rateStats().maxPerSecond}; delivered ${r.delivered}; duplicated ${r.f.duplicated}`);
    expect(r.refused).toBe(0);
    expect(r.duringRetryAfter).toBe(0);
    expect(r.delivered).toBe(PER_RUN);
    expect(r.f.duplicated).toBe(0);
    expect(r.outcomes.filter((o) => o.status === "sent")).toHaveLength(PER_RUN);
  }, 60_000);

  it("a 429 to one instance holds back every send of both for its retry_after", async () => {
    let heldFrom = 0;
    const r = await run(true, async (sends) => {
      while (sends() < 20) await new Promise((res) => setTimeout(res, 10));
      fake.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 2", parameters: { retry_after: 2 } });
      heldFrom = Date.now();
    });
    const hit = fake.calls.find((c) => c.method === "sendMessage" && c.error?.error_code === 429 && c.time >= heldFrom);
    expect(hit).toBeDefined();
    const during = fake.calls.filter((c) => c.method === "sendMessage" && c.time > hit!.time && c.time < hit!.time + 2000);
    console.log(`[two instances, a 429 with retry_after 2] requests during the retry_after: ${during.length} (refused for it: ${r.duringRetryAfter}); delivered ${r.delivered}; duplicated ${r.f.duplicated}`);
    // Only requests already on their way when the 429 came (at most one in-flight permit per instance).
    expect(during.length).toBeLessThanOrEqual(2 * 4);
    expect(r.delivered).toBe(PER_RUN);
    expect(r.f.duplicated).toBe(0);
  }, 60_000);
});
