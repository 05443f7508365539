/**
 * Item 8 of the fault findings: a claim's lease must run from the moment of the claim (the database's
 * clock) and each renewal from the moment of the renewal, never from the start of the run. Here one
 * digest tick lasts several times longer than the lease while a second instance runs its own ticks
 * alongside: before the fix, every destination claimed after the first lease-length of the tick was
 * born expired and taken over mid-send (duplicates); now each digest is posted exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/core/logger.js";
import type { Messenger } from "../../src/core/messenger.js";
import type { Store } from "../../src/core/ports.js";
import type { Destination, DigestDoc, Story } from "../../src/core/types.js";
import { createFeedFetcher } from "../../src/digest/ingest/feed-fetcher.js";
import { createPipeline } from "../../src/digest/pipeline.js";
import { ensureBuiltinTopics } from "../../src/digest/seed-topics.js";
import { createFixture, dialectNames, type DialectFixture } from "../store/store-fixture.js";

const now = new Date("2026-11-24T08:00:30Z");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Like Telegram: no idempotency key, every send posts; each send takes `delayMs`. */
class SlowPlatform implements Messenger {
  readonly platform = "telegram" as const;
  posted: { chatId: string; part: number }[] = [];
  constructor(private readonly delayMs: number) {}
  async sendDigest(to: Destination, doc: DigestDoc, o: { skipParts: number; onSent(id: string): Promise<void> }) {
    const ids: string[] = [];
    for (let part = o.skipParts; part < doc.stories.length; part++) {
      await sleep(this.delayMs);
      this.posted.push({ chatId: to.chatId, part });
      const id = `m${this.posted.length}`;
      await o.onSent(id);
      ids.push(id);
    }
    return { ok: true as const, messageIds: ids };
  }
  async sendNotice() {
    return { ok: true as const, messageIds: [] };
  }
}

function story(id: string, score: number, feedId: string): Story {
  return {
    id,
    headlineItemId: `${id}-i`,
    title: `Story ${id}`,
    url: `https://news.example/${id}`,
    summary: "A summary.",
    imageUrl: null,
    sources: [{ name: "Example", url: `https://news.example/${id}`, feedId, itemId: `${id}-i` }],
    topics: [{ topicId: "openai", confidence: 1 }],
    score,
    firstSeenAt: new Date(now.getTime() - 3_600_000),
    lastSeenAt: new Date(now.getTime() - 3_600_000),
  };
}

for (const dialect of dialectNames()) {
  describe(`delivery leases on ${dialect}`, () => {
    let fx: DialectFixture;
    let a: Store;
    let b: Store;

    beforeAll(async () => {
      fx = await createFixture(dialect);
      a = await fx.open();
      b = await fx.open();
      await ensureBuiltinTopics(a, now);
      const feed = (await a.feeds.add({ url: "https://news.example/feed", scope: { kind: "global" } }, now)).id;
      await a.stories.saveMany([story("s1", 3, feed), story("s2", 2, feed), story("s3", 1, feed)]);
    });
    afterAll(async () => {
      await a?.close();
      await b?.close();
      await fx?.cleanup();
    });

    it("a tick longer than the lease: no claim is born expired, nothing is taken over, nothing posted twice", async () => {
      const chats = Array.from({ length: 8 }, (_, i) => `lease-${i}`);
      for (const chatId of chats) {
        await a.destinations.upsert({ platform: "telegram", chatId, kind: "channel", timeOfDay: "08:00", timeZone: "UTC" }, new Date("2026-11-01T00:00:00Z"));
      }
      const leaseMs = 250;
      // 8 destinations × 3 parts × 40 ms, one at a time: a tick of about 1 s, four leases long.
      const platform = new SlowPlatform(40);
      const pipeline = (store: Store, instanceId: string) =>
        createPipeline(
          { store, fetcher: createFeedFetcher(), messengers: new Map([["telegram", platform]]), logger: silentLogger, instanceId },
          { pollIntervalMs: 60_000, maxItemsPerFeed: 10, leaseMs, deliveryConcurrency: 1 },
        );
      const started = Date.now();
      const first = pipeline(a, "A").deliverDue(now);
      // Instance B keeps ticking while A's long tick is under way, each tick at its own start time.
      const other = pipeline(b, "B");
      const bOutcomes = [];
      while (Date.now() - started < 1500) {
        bOutcomes.push(...(await other.deliverDue(new Date(now.getTime() + (Date.now() - started)))));
        await sleep(30);
      }
      const aOutcomes = await first;
      const tickMs = Date.now() - started;
      expect(tickMs).toBeGreaterThan(3 * leaseMs);

      const all = [...aOutcomes, ...bOutcomes];
      expect(all.filter((o) => o.status === "sent")).toHaveLength(chats.length);
      // Nobody took over a claim that was being sent.
      expect(all.filter((o) => o.resumed)).toEqual([]);
      expect(all.filter((o) => o.reason === "claim taken over by another instance")).toEqual([]);
      for (const chatId of chats) {
        expect(platform.posted.filter((p) => p.chatId === chatId).map((p) => p.part)).toEqual([0, 1, 2]);
      }
    }, 20_000);

    it("a claim's lease starts at the claim and each record renews it from then", async () => {
      const d = await a.destinations.upsert(
        { platform: "telegram", chatId: "lease-direct", kind: "channel", timeOfDay: "08:00", timeZone: "UTC" },
        now,
      );
      // The caller's "now" is a year in the past: the lease must not care.
      const past = new Date(Date.now() - 365 * 86_400_000);
      const before = Date.now();
      const c = await a.deliveries.claim({ destinationId: d.id, digestKey: "k", instanceId: "A", storyIds: [], now: past, leaseMs: 300 });
      expect(c.claimed).toBe(true);
      if (!c.claimed) return;
      // Database and test share the machine's clock; allow for rounding.
      expect(c.delivery.leaseUntil!.getTime()).toBeGreaterThanOrEqual(before + 300 - 5);
      expect((await b.deliveries.claim({ destinationId: d.id, digestKey: "k", instanceId: "B", storyIds: [], now: new Date(Date.now() + 86_400_000), leaseMs: 300 })).claimed).toBe(false);
      await sleep(200);
      const renewedAt = Date.now();
      expect(await a.deliveries.recordMessage(c.delivery.id, "m1", { owner: "A", leaseMs: 300 })).toBe(true);
      const row = await a.deliveries.get(c.delivery.id);
      expect(row!.leaseUntil!.getTime()).toBeGreaterThanOrEqual(renewedAt + 300 - 5);
      await sleep(200);
      // 400 ms after the claim, 200 ms after the renewal: still A's.
      expect((await b.deliveries.claim({ destinationId: d.id, digestKey: "k", instanceId: "B", storyIds: [], now: past, leaseMs: 300 })).claimed).toBe(false);
      await sleep(150);
      const taken = await b.deliveries.claim({ destinationId: d.id, digestKey: "k", instanceId: "B", storyIds: [], now: past, leaseMs: 300 });
      expect(taken).toMatchObject({ claimed: true, resumed: true });
      // A's fence now fails: it must stop sending.
      expect(await a.deliveries.recordMessage(c.delivery.id, "m2", { owner: "A", leaseMs: 300 })).toBe(false);
    });
  });
}
