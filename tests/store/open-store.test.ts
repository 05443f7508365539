import { readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrations } from "../../migrations/index.js";
import type { Store } from "../../src/core/ports.js";
import type { NewItem, Story } from "../../src/core/types.js";
import { createFixture, dialectNames, type DialectFixture } from "./store-fixture.js";

describe("migrations", () => {
  it("lists every migration file in migrations/index.ts", () => {
    const files = readdirSync(new URL("../../migrations/", import.meta.url))
      .filter((f) => /^\d{4}-.+\.ts$/.test(f))
      .map((f) => f.replace(/\.ts$/, ""));
    expect(files.length).toBeGreaterThan(0);
    expect(Object.keys(migrations).sort()).toEqual(files.sort());
  });
});

function item(feedId: string, n: number, over: Partial<NewItem> = {}): NewItem {
  return {
    id: `${feedId}-i${n}`,
    feedId,
    hash: `h${n}`,
    guid: `g${n}`,
    url: `https://example.com/${n}`,
    canonicalUrl: `https://example.com/${n}`,
    title: `Title ${n}`,
    summary: `Summary ${n}`,
    contentHash: `c${n}`,
    imageUrl: null,
    author: null,
    publishedAt: new Date(Date.UTC(2026, 10, 20, 10, n)),
    dateIsFallback: false,
    ...over,
  };
}

for (const dialect of dialectNames()) {
  describe(`store on ${dialect}`, () => {
    let fx: DialectFixture;
    let store: Store;
    const now = new Date(Date.UTC(2026, 10, 24, 12));

    beforeAll(async () => {
      fx = await createFixture(dialect);
      store = await fx.open();
    });
    afterAll(async () => {
      await store?.close();
      await fx?.cleanup();
    });

    it("migrates twice without error (idempotent start-up)", async () => {
      const again = await fx.open();
      await again.close();
      expect(store.dialect).toBe(dialect);
    });

    it("adds feeds, refuses a duplicate URL in the same scope, allows it in another", async () => {
      const f = await store.feeds.add({ url: "https://a.example/feed", scope: { kind: "global" } }, now);
      expect(f.id).toMatch(/^[0-9a-f]{10}$/);
      expect(f.health.consecutiveFailures).toBe(0);
      await expect(store.feeds.add({ url: f.url, scope: { kind: "global" } }, now)).rejects.toMatchObject({
        code: "conflict",
        userMessage: "That feed is already added.",
      });
      const c = await store.feeds.add({ url: f.url, scope: { kind: "community", communityId: "discord:1" } }, now);
      expect(c.scope).toEqual({ kind: "community", communityId: "discord:1" });
      expect((await store.feeds.list({ visibleTo: "discord:1" })).map((x) => x.id).sort()).toEqual([f.id, c.id].sort());
      expect((await store.feeds.list({ scope: { kind: "global" } })).map((x) => x.id)).toEqual([f.id]);
    });

    it("tracks feed health and lists due feeds, skipping disabled ones", async () => {
      const f = await store.feeds.add({ url: "https://b.example/feed", scope: { kind: "global" } }, now);
      await store.feeds.update(f.id, {
        etag: '"v1"',
        health: { consecutiveFailures: 3, lastError: "HTTP 500", nextPollAt: new Date(now.getTime() + 60_000) },
      });
      const got = await store.feeds.get(f.id);
      expect(got?.etag).toBe('"v1"');
      expect(got?.health).toMatchObject({ consecutiveFailures: 3, lastError: "HTTP 500" });
      expect(got?.health.nextPollAt?.getTime()).toBe(now.getTime() + 60_000);
      expect((await store.feeds.listDue(now)).map((x) => x.id)).not.toContain(f.id);
      expect((await store.feeds.listDue(new Date(now.getTime() + 60_000))).map((x) => x.id)).toContain(f.id);
      await store.feeds.update(f.id, { health: { disabledAt: now, disabledReason: "failing for 7 days" } });
      expect((await store.feeds.listDue(new Date(now.getTime() + 600_000))).map((x) => x.id)).not.toContain(f.id);
      expect((await store.feeds.list({ includeDisabled: true })).find((x) => x.id === f.id)?.health.disabledReason).toBe(
        "failing for 7 days",
      );
    });

    it("lists due feeds never-polled first, then the most overdue (leftovers of a time-boxed round)", async () => {
      const a = await store.feeds.add({ url: "https://due-a.example/feed", scope: { kind: "global" } }, now);
      const b = await store.feeds.add({ url: "https://due-b.example/feed", scope: { kind: "global" } }, now);
      const fresh = await store.feeds.add({ url: "https://due-new.example/feed", scope: { kind: "global" } }, now);
      await store.feeds.update(a.id, { health: { nextPollAt: new Date(now.getTime() - 60_000) } });
      await store.feeds.update(b.id, { health: { nextPollAt: new Date(now.getTime() - 600_000) } });
      const due = (await store.feeds.listDue(now)).map((x) => x.id).filter((id) => [a.id, b.id, fresh.id].includes(id));
      expect(due).toEqual([fresh.id, b.id, a.id]);
    });

    it("upserts items: new once, unchanged skipped, edited updated in place", async () => {
      const f = await store.feeds.add({ url: "https://c.example/feed", scope: { kind: "global" } }, now);
      const first = await store.items.upsertMany([item(f.id, 1), item(f.id, 2), item(f.id, 2)], now);
      expect(first.inserted.map((i) => i.id).sort()).toEqual([`${f.id}-i1`, `${f.id}-i2`]);
      const later = new Date(now.getTime() + 3600_000);
      const second = await store.items.upsertMany(
        [item(f.id, 1), item(f.id, 2, { title: "Edited", contentHash: "c2b" })],
        later,
      );
      expect(second.inserted).toEqual([]);
      expect(second.unchanged).toBe(1);
      expect(second.updated.map((i) => i.title)).toEqual(["Edited"]);
      const i2 = await store.items.get(`${f.id}-i2`);
      expect(i2?.firstSeenAt.getTime()).toBe(now.getTime());
      expect(await store.items.countByFeed(f.id)).toBe(2);
      expect((await store.items.listUnclustered()).map((i) => i.id)).toContain(`${f.id}-i1`);
      await store.items.assignStory([`${f.id}-i1`, `${f.id}-i2`], "s-1");
      expect((await store.items.listByStory("s-1")).length).toBe(2);
      expect((await store.items.listUnclustered()).map((i) => i.id)).not.toContain(`${f.id}-i1`);
    });

    it("saves stories with topics and lists them by score", async () => {
      const base: Story = {
        id: "st-a",
        headlineItemId: "x",
        title: "A",
        url: "https://example.com/a",
        summary: "s",
        imageUrl: null,
        sources: [{ name: "Example", url: "https://example.com/a", feedId: "f", itemId: "x" }],
        topics: [
          { topicId: "openai", confidence: 0.9 },
          { topicId: "labour", confidence: 0.5 },
        ],
        score: 2,
        firstSeenAt: now,
        lastSeenAt: now,
      };
      await store.stories.saveMany([base, { ...base, id: "st-b", score: 5, topics: [] }]);
      await store.stories.save({ ...base, topics: [{ topicId: "openai", confidence: 0.7 }] });
      const list = await store.stories.listSince(new Date(now.getTime() - 1000));
      expect(list.map((s) => s.id)).toEqual(["st-b", "st-a"]);
      expect(list[1]?.topics).toEqual([{ topicId: "openai", confidence: 0.7 }]);
      expect(list[1]?.sources[0]?.name).toBe("Example");
    });

    it("keeps one destination per (platform, chat, thread), moves migrated chats", async () => {
      const d = await store.destinations.upsert(
        { platform: "telegram", chatId: "-100", kind: "channel", timeOfDay: "08:00", timeZone: "UTC" },
        now,
      );
      await store.destinations.deactivate(d.id, "kicked");
      const again = await store.destinations.upsert(
        { platform: "telegram", chatId: "-100", kind: "channel", timeOfDay: "09:30", timeZone: "Europe/Berlin" },
        now,
      );
      expect(again.id).toBe(d.id);
      expect(again).toMatchObject({ timeOfDay: "09:30", timeZone: "Europe/Berlin", active: true, threadId: null });
      const topic = await store.destinations.upsert(
        { platform: "telegram", chatId: "-100", threadId: "7", kind: "channel", timeOfDay: "08:00", timeZone: "UTC" },
        now,
      );
      expect(topic.id).not.toBe(d.id);
      expect(await store.destinations.moveChat("telegram", "-100", "-1009")).toBe(2);
      expect((await store.destinations.find("telegram", "-1009", "7"))?.id).toBe(topic.id);
      expect(await store.destinations.find("telegram", "-100")).toBeNull();
    });

    it("stores subscriptions and filters once each", async () => {
      const d = await store.destinations.upsert(
        { platform: "discord", chatId: "c1", kind: "channel", timeOfDay: "08:00", timeZone: "UTC" },
        now,
      );
      expect(await store.subscriptions.add(d.id, "openai", now)).toBe(true);
      expect(await store.subscriptions.add(d.id, "openai", now)).toBe(false);
      await store.subscriptions.add(d.id, "agents", now);
      expect(await store.subscriptions.list(d.id)).toEqual(["agents", "openai"]);
      expect((await store.subscriptions.listAll()).get(d.id)).toHaveLength(2);
      expect(await store.filters.add({ destinationId: d.id, mode: "exclude", word: "crypto" })).toBe(true);
      expect(await store.filters.add({ destinationId: d.id, mode: "exclude", word: "crypto" })).toBe(false);
      expect(await store.filters.list(d.id)).toEqual([{ destinationId: d.id, mode: "exclude", word: "crypto" }]);
      expect(await store.subscriptions.removeAll(d.id)).toBe(2);
    });

    it("claims a digest key once even when many instances race", async () => {
      const d = await store.destinations.upsert(
        { platform: "discord", chatId: "race", kind: "channel", timeOfDay: "08:00", timeZone: "UTC" },
        now,
      );
      const others = await Promise.all([fx.open(), fx.open(), fx.open()]);
      try {
        const all = [store, ...others];
        const results = await Promise.all(
          all.flatMap((s, i) =>
            [0, 1].map((j) =>
              s.deliveries.claim({
                destinationId: d.id,
                digestKey: "2026-11-24",
                instanceId: `inst-${i}-${j}`,
                storyIds: ["st-a", "st-b"],
                now,
                leaseMs: 100,
              }),
            ),
          ),
        );
        expect(results.filter((r) => r.claimed)).toHaveLength(1);
        const winner = results.find((r) => r.claimed)!;
        expect(winner.delivery.storyIds).toEqual(["st-a", "st-b"]);

        // The holder crashes; after the lease (on the database's clock), exactly one of the racers takes over.
        await new Promise((r) => setTimeout(r, 150));
        const later = new Date(now.getTime() + 120_000);
        const takeovers = await Promise.all(
          all.map((s, i) =>
            s.deliveries.claim({
              destinationId: d.id,
              digestKey: "2026-11-24",
              instanceId: `late-${i}`,
              storyIds: ["ignored"],
              now: later,
              leaseMs: 60_000,
            }),
          ),
        );
        const taken = takeovers.filter((r) => r.claimed);
        expect(taken).toHaveLength(1);
        expect(taken[0]).toMatchObject({ resumed: true });
        expect(taken[0]!.delivery.storyIds).toEqual(["st-a", "st-b"]);
        expect(taken[0]!.delivery.attempts).toBe(2);

        const id = taken[0]!.delivery.id;
        await store.deliveries.recordMessage(id, "m1");
        await store.deliveries.recordMessage(id, "m2");
        await store.deliveries.complete(id, later);
        const done = await store.deliveries.get(id);
        expect(done).toMatchObject({ status: "sent", messageIds: ["m1", "m2"] });
        expect([...(await store.deliveries.deliveredStoryIds(d.id))].sort()).toEqual(["st-a", "st-b"]);
        expect((await store.destinations.get(d.id))?.lastDigestAt?.getTime()).toBe(later.getTime());
        expect((await store.deliveries.deliveredSince(now)).get(d.id)?.size).toBe(2);
        // A sent digest is never claimed again.
        const after = await store.deliveries.claim({
          destinationId: d.id,
          digestKey: "2026-11-24",
          instanceId: "x",
          storyIds: [],
          now: new Date(later.getTime() + 10 * 60_000),
          leaseMs: 1,
        });
        expect(after.claimed).toBe(false);
        expect(await store.deliveries.listUnfinished()).toEqual([]);
      } finally {
        await Promise.all(others.map((s) => s.close()));
      }
    });

    it("records a story as delivered once even when two marks race", async () => {
      const d = await store.destinations.upsert(
        { platform: "discord", chatId: "race2", kind: "channel", timeOfDay: "08:00", timeZone: "UTC" },
        now,
      );
      const other = await fx.open();
      try {
        await Promise.all([
          store.deliveries.markDelivered(d.id, ["s1", "s2"], null, now),
          other.deliveries.markDelivered(d.id, ["s2", "s3"], null, now),
        ]);
        expect([...(await store.deliveries.deliveredStoryIds(d.id, ["s1", "s2", "s3", "s4"]))].sort()).toEqual([
          "s1",
          "s2",
          "s3",
        ]);
      } finally {
        await other.close();
      }
    });

    it("releases a failed claim for retry and marks a final failure", async () => {
      const d = await store.destinations.upsert(
        { platform: "discord", chatId: "fail", kind: "channel", timeOfDay: "08:00", timeZone: "UTC" },
        now,
      );
      const req = { destinationId: d.id, digestKey: "k", instanceId: "a", storyIds: [], now, leaseMs: 60_000 };
      const c = await store.deliveries.claim(req);
      expect(c.claimed).toBe(true);
      await store.deliveries.fail(c.delivery.id, "HTTP 502", false, now);
      const retry = await store.deliveries.claim({ ...req, instanceId: "b", now: new Date(now.getTime() + 1) });
      expect(retry).toMatchObject({ claimed: true, resumed: true });
      await store.deliveries.fail(c.delivery.id, "Missing Access", true, now);
      const final = await store.deliveries.claim({ ...req, instanceId: "c", now: new Date(now.getTime() + 999_999) });
      expect(final.claimed).toBe(false);
      expect(final.delivery).toMatchObject({ status: "failed", lastError: "Missing Access" });
    });

    it("keeps settings", async () => {
      expect(await store.settings.get("k")).toBeNull();
      await store.settings.set("k", "1");
      await store.settings.set("k", "2");
      expect(await store.settings.get("k")).toBe("2");
    });
  });
}
