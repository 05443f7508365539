import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/core/logger.js";
import type { Messenger, SendResult } from "../../src/core/messenger.js";
import type { Store } from "../../src/core/ports.js";
import type { Destination, DigestDoc, Story } from "../../src/core/types.js";
import { deliverDigest, type LedgerDeps } from "../../src/digest/deliver.js";
import { createFeedFetcher } from "../../src/digest/ingest/feed-fetcher.js";
import { createPipeline } from "../../src/digest/pipeline.js";
import { ensureBuiltinTopics } from "../../src/digest/seed-topics.js";
import { createFixture, dialectNames, type DialectFixture } from "../store/store-fixture.js";

/**
 * A test platform (an implementation of the Messenger port, like Discord with its nonce): it splits a
 * digest into one message per story, keeps what was posted, and deduplicates by (key, part) the way
 * Discord's enforce_nonce does. It can be told to crash after posting, or to fail.
 */
class TestPlatform implements Messenger {
  readonly platform = "discord" as const;
  posted: { chatId: string; key: string; part: number; title: string }[] = [];
  notices: { chatId: string; text: string }[] = [];
  crashAfterPostOnce = false;
  failWith: SendResult | null = null;
  /** Like Discord's enforce_nonce; off behaves like Telegram, which has no idempotency key. */
  dedupe = true;
  private byNonce = new Map<string, string>();

  async sendDigest(to: Destination, doc: DigestDoc, o: { key: string; skipParts: number; onSent(id: string): Promise<void> }) {
    if (this.failWith) return this.failWith;
    const ids: string[] = [];
    for (let part = o.skipParts; part < doc.stories.length; part++) {
      const nonce = `${o.key}#${part}`;
      let id = this.dedupe ? this.byNonce.get(nonce) : undefined;
      if (!id) {
        id = `m${this.posted.length + 1}`;
        this.byNonce.set(nonce, id);
        this.posted.push({ chatId: to.chatId, key: o.key, part, title: doc.stories[part]!.title });
      }
      if (this.crashAfterPostOnce) {
        this.crashAfterPostOnce = false;
        throw new Error("process died between send and record");
      }
      await o.onSent(id);
      ids.push(id);
    }
    return { ok: true as const, messageIds: ids };
  }
  async sendNotice(to: Destination, text: string) {
    this.notices.push({ chatId: to.chatId, text });
    return { ok: true as const, messageIds: ["n"] };
  }
}

const now = new Date("2026-11-24T09:00:00Z");

let globalFeed = "f";

function story(id: string, score: number, topics: string[] = ["openai"], feedId = globalFeed): Story {
  return {
    id,
    headlineItemId: `${id}-i`,
    title: `Story ${id}`,
    url: `https://news.example/${id}`,
    summary: "A summary.",
    imageUrl: null,
    sources: [{ name: "Example", url: `https://news.example/${id}`, feedId, itemId: `${id}-i` }],
    topics: topics.map((t) => ({ topicId: t, confidence: 1 })),
    score,
    firstSeenAt: new Date(now.getTime() - 3_600_000),
    lastSeenAt: new Date(now.getTime() - 3_600_000),
  };
}

for (const dialect of dialectNames()) {
  describe(`delivery ledger on ${dialect}`, () => {
    let fx: DialectFixture;
    let store: Store;
    let platform: TestPlatform;
    let chat = 0;

    beforeAll(async () => {
      fx = await createFixture(dialect);
      store = await fx.open();
      await ensureBuiltinTopics(store, now);
      globalFeed = (await store.feeds.add({ url: "https://news.example/feed", scope: { kind: "global" } }, now)).id;
      await store.stories.saveMany([story("a", 3), story("b", 2), story("c", 1)]);
    });
    afterAll(async () => {
      await store?.close();
      await fx?.cleanup();
    });
    beforeEach(() => {
      platform = new TestPlatform();
    });

    const ledger = (instanceId = "one"): LedgerDeps => ({
      store,
      messengers: new Map([["discord", platform]]),
      logger: silentLogger,
      instanceId,
      // Leases and backoffs run on the database's clock: keep them short so tests wait for real.
      retryDelay: () => 100,
    });
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const newDest = () =>
      store.destinations.upsert(
        { platform: "discord", chatId: `chan-${++chat}`, kind: "channel", timeOfDay: "08:00", timeZone: "UTC", communityId: "discord:g" },
        new Date("2026-11-01T00:00:00Z"),
      );
    const storiesNow = async () => store.stories.listSince(new Date(now.getTime() - 86_400_000));

    it("sends a digest once and never repeats its stories", async () => {
      const d = await newDest();
      const plan = { destination: d, key: "2026-11-24", stories: await storiesNow(), more: 0 };
      const first = await deliverDigest(ledger(), plan, { now });
      expect(first).toMatchObject({ status: "sent", messages: 3 });
      const again = await deliverDigest(ledger("other"), plan, { now });
      expect(again.status).toBe("skipped");
      expect(platform.posted).toHaveLength(3);
      expect([...(await store.deliveries.deliveredStoryIds(d.id))].sort()).toEqual(["a", "b", "c"]);
      // The next day's selection starts after this digest and leaves these stories out.
      const pipeline = createPipeline(
        { store, fetcher: createFeedFetcher(), messengers: new Map([["discord", platform]]), logger: silentLogger, instanceId: "p" },
        { pollIntervalMs: 60_000, maxItemsPerFeed: 10 },
      );
      const next = await pipeline.deliverDue(new Date("2026-11-25T08:00:00Z"));
      expect(next.find((o) => o.destinationId === d.id)).toMatchObject({ status: "empty", key: "2026-11-25" });
      expect(platform.posted).toHaveLength(3);
    });

    it("resumes a crash between a send and its record without posting twice", async () => {
      const d = await newDest();
      platform.crashAfterPostOnce = true;
      const plan = { destination: d, key: "2026-11-24", stories: await storiesNow(), more: 0 };
      const crashed = await deliverDigest(ledger("node-a"), plan, { now });
      expect(crashed.status).toBe("retry");
      const mid = await store.deliveries.find(d.id, "2026-11-24");
      expect(mid).toMatchObject({ status: "claimed", messageIds: [] });

      // Restart of the same instance: the unfinished claim is resumed (not started again), same stories.
      const pipeline = createPipeline(
        { store, fetcher: createFeedFetcher(), messengers: new Map([["discord", platform]]), logger: silentLogger, instanceId: "node-a" },
        { pollIntervalMs: 60_000, maxItemsPerFeed: 10 },
      );
      const resumed = await pipeline.resumeUnfinished(new Date(now.getTime() + 5 * 60_000));
      expect(resumed.find((o) => o.destinationId === d.id)).toMatchObject({ status: "sent", resumed: true });
      const done = await store.deliveries.find(d.id, "2026-11-24");
      expect(done?.id).toBe(mid?.id);
      expect(done?.status).toBe("sent");
      expect(done?.messageIds).toHaveLength(3);
      const mine = platform.posted.filter((p) => p.chatId === d.chatId);
      expect(mine.map((p) => p.part)).toEqual([0, 1, 2]);
    });

    it("resumes after a crash midway, sending only the parts not yet recorded", async () => {
      const d = await newDest();
      const stories = await storiesNow();
      const claim = await store.deliveries.claim({
        destinationId: d.id, digestKey: "2026-11-24", instanceId: "dead", storyIds: stories.map((s) => s.id), now, leaseMs: 50,
      });
      expect(claim.claimed).toBe(true);
      await store.deliveries.recordMessage(claim.delivery.id, "earlier-1");
      await sleep(80);
      const later = new Date(now.getTime() + 2 * 60_000);
      const out = await deliverDigest(ledger("survivor"), { destination: d, key: "2026-11-24", stories: [], more: 0 }, { now: later });
      expect(out).toMatchObject({ status: "sent", resumed: true, messages: 2 });
      expect(platform.posted.map((p) => p.part)).toEqual([1, 2]);
    });

    it("a slow instance whose lease ran out stops; the instance that took over finishes alone", async () => {
      const d = await newDest();
      const plan = { destination: d, key: "2026-11-24", stories: await storiesNow(), more: 0 };
      // Instance A posts part 0, then stalls (a long GC pause, a hung connection) past its lease.
      let release!: () => void;
      const stalled = new Promise<void>((r) => (release = r));
      const slow: Messenger = {
        platform: "discord",
        sendDigest: (to, doc, o) =>
          platform.sendDigest(to, doc, {
            ...o,
            onSent: async (id) => {
              await o.onSent(id);
              if (platform.posted.filter((p) => p.chatId === to.chatId).length === 1) await stalled;
            },
          }),
        sendNotice: (to, text) => platform.sendNotice(to, text),
      };
      platform.dedupe = false;
      const a = deliverDigest({ ...ledger("A"), messengers: new Map([["discord", slow]]), leaseMs: 150 }, plan, { now });
      await sleep(50);
      // Not while A's lease (renewed by its record of part 0) runs, whatever time B's run thinks it is.
      const early = await deliverDigest({ ...ledger("B"), leaseMs: 60_000 }, plan, { now: new Date(now.getTime() + 60 * 60_000) });
      expect(early.status).toBe("skipped");
      await sleep(250);
      // B takes over once A's lease has run out, sends the rest and completes.
      const b = await deliverDigest({ ...ledger("B"), leaseMs: 60_000 }, plan, { now });
      expect(b).toMatchObject({ status: "sent", resumed: true, messages: 2 });
      release();
      const late = await a;
      expect(late).toMatchObject({ status: "skipped", reason: "claim taken over by another instance" });
      const parts = platform.posted.filter((p) => p.chatId === d.chatId).map((p) => p.part);
      expect(parts.slice(0, 3)).toEqual([0, 1, 2]);
      // A platform without an idempotency key (Telegram) may get the one part A had in flight when it
      // woke; A then learns the claim is gone and stops instead of resending the rest.
      expect(parts.length).toBeLessThanOrEqual(4);
      const row = await store.deliveries.find(d.id, "2026-11-24");
      expect(row).toMatchObject({ status: "sent", claimedBy: "B" });
      expect(row?.messageIds).toHaveLength(3);
    });

    it("a resumed send skips parts of the document as first rendered, even if stories changed since", async () => {
      const d = await newDest();
      const stories = await storiesNow();
      platform.crashAfterPostOnce = true;
      await deliverDigest(ledger("r1"), { destination: d, key: "2026-11-24", stories, more: 0 }, { now });
      // Meanwhile the clusterer rewrote a story's headline.
      const changed = stories[1]!;
      await store.stories.save({ ...changed, title: "A much longer rewritten headline" });
      await sleep(150);
      const out = await deliverDigest(ledger("r2"), { destination: d, key: "2026-11-24", stories: [], more: 0 }, { now: new Date(now.getTime() + 2 * 60_000) });
      expect(out).toMatchObject({ status: "sent", resumed: true });
      const titles = platform.posted.filter((p) => p.chatId === d.chatId).map((p) => p.title);
      expect(titles).toEqual(stories.map((s) => s.title));
      await store.stories.save(changed);
    });

    it("deactivates on a permanent error and tells the moderators", async () => {
      const notices = await store.destinations.upsert(
        { platform: "discord", chatId: "mod-log", kind: "channel", timeOfDay: "08:00", timeZone: "UTC", communityId: "discord:g" },
        now,
      );
      await store.communities.upsert({ id: "discord:g", platform: "discord", externalId: "g", name: "G", noticeDestinationId: null }, now);
      await store.communities.setNoticeDestination("discord:g", notices.id);
      const d = await newDest();
      platform.failWith = { ok: false, kind: "permanent", reason: "Missing Permissions (50013)", messageIds: [] };
      const pipeline = createPipeline(
        { store, fetcher: createFeedFetcher(), messengers: new Map([["discord", platform]]), logger: silentLogger, instanceId: "x" },
        { pollIntervalMs: 60_000, maxItemsPerFeed: 10 },
      );
      const outcomes = await pipeline.deliverDue(new Date("2026-11-24T08:05:00Z"));
      expect(outcomes.find((o) => o.destinationId === d.id)).toMatchObject({ status: "deactivated" });
      const after = await store.destinations.get(d.id);
      expect(after).toMatchObject({ active: false, inactiveReason: "Missing Permissions (50013)" });
      platform.failWith = null;
      expect(platform.notices.some((n) => n.chatId === "mod-log" && n.text.includes("Missing Permissions"))).toBe(true);
      await store.destinations.deactivate(notices.id, "test done");
    });

    it("retries a transient error with backoff, then succeeds", async () => {
      const d = await newDest();
      platform.failWith = { ok: false, kind: "transient", reason: "HTTP 502", messageIds: [] };
      const plan = { destination: d, key: "2026-11-24", stories: await storiesNow(), more: 0 };
      expect((await deliverDigest(ledger(), plan, { now })).status).toBe("retry");
      platform.failWith = null;
      // Within the backoff nobody may take it; after it, the retry goes through.
      expect((await deliverDigest(ledger("b"), plan, { now: new Date(now.getTime() + 10 * 60_000) })).status).toBe("skipped");
      await sleep(150);
      const ok = await deliverDigest(ledger("b"), plan, { now });
      expect(ok).toMatchObject({ status: "sent", resumed: true });
      expect((await store.destinations.get(d.id))?.active).toBe(true);
    });

    it("sends a member's DM only the topics they follow, and nothing when they follow none", async () => {
      await store.stories.save(story("lab", 5, ["labour"]));
      const mk = (user: string) =>
        store.destinations.upsert(
          { platform: "discord", chatId: user, userId: user, kind: "dm", timeOfDay: "07:00", timeZone: "UTC" },
          new Date("2026-11-01T00:00:00Z"),
        );
      const none = await mk("u-none");
      const follower = await mk("u-labour");
      await store.subscriptions.add(follower.id, "labour", now);
      const pipeline = createPipeline(
        { store, fetcher: createFeedFetcher(), messengers: new Map([["discord", platform]]), logger: silentLogger, instanceId: "dm" },
        { pollIntervalMs: 60_000, maxItemsPerFeed: 10 },
      );
      const out = await pipeline.deliverDue(new Date("2026-11-24T07:00:30Z"));
      expect(out.find((o) => o.destinationId === none.id)).toBeUndefined();
      expect(out.find((o) => o.destinationId === follower.id)).toMatchObject({ status: "sent", messages: 1 });
      expect(platform.posted.filter((p) => p.chatId === "u-labour").map((p) => p.title)).toEqual(["Story lab"]);
      await store.stories.remove("lab");
    });

    it("a community's own feed reaches only that community's digests", async () => {
      const own = await store.feeds.add({ url: "https://club.example/feed", scope: { kind: "community", communityId: "discord:club" } }, now);
      await store.stories.save(story("club-only", 9, ["openai"], own.id));
      const mk = (chatId: string, communityId: string) =>
        store.destinations.upsert(
          { platform: "discord", chatId, kind: "channel", timeOfDay: "06:00", timeZone: "UTC", communityId },
          new Date("2026-11-01T00:00:00Z"),
        );
      const mine = await mk("club-news", "discord:club");
      const other = await mk("other-news", "discord:other");
      const pipeline = createPipeline(
        { store, fetcher: createFeedFetcher(), messengers: new Map([["discord", platform]]), logger: silentLogger, instanceId: "scope" },
        { pollIntervalMs: 60_000, maxItemsPerFeed: 10 },
      );
      await pipeline.deliverDue(new Date("2026-11-24T06:00:30Z"));
      const titles = (chat: string) => platform.posted.filter((p) => p.chatId === chat).map((p) => p.title);
      expect(titles("club-news")).toContain("Story club-only");
      expect(titles("other-news")).not.toContain("Story club-only");
      expect(titles("other-news").length).toBeGreaterThan(0);
      await store.stories.remove("club-only");
      await store.destinations.deactivate(mine.id, "done");
      await store.destinations.deactivate(other.id, "done");
    });

    it("two instances on one database deliver each digest exactly once", async () => {
      const dests: Destination[] = [];
      for (let i = 0; i < 12; i++) dests.push(await newDest());
      const other = await fx.open();
      try {
        const p1 = new TestPlatform();
        const p2 = new TestPlatform();
        const make = (s: Store, p: TestPlatform, id: string) =>
          createPipeline(
            { store: s, fetcher: createFeedFetcher(), messengers: new Map([["discord", p]]), logger: silentLogger, instanceId: id },
            { pollIntervalMs: 60_000, maxItemsPerFeed: 10 },
          );
        const at = new Date("2026-11-24T08:00:30Z");
        await Promise.all([make(store, p1, "i1").deliverDue(at), make(other, p2, "i2").deliverDue(at)]);
        for (const d of dests) {
          const got = [...p1.posted, ...p2.posted].filter((p) => p.chatId === d.chatId);
          expect(got.map((p) => p.part).sort()).toEqual([0, 1, 2]);
          expect(new Set(got.map((p) => p.key)).size).toBe(1);
        }
      } finally {
        await other.close();
      }
    });
  });
}
