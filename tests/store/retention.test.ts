import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../src/core/ports.js";
import type { NewItem, Story } from "../../src/core/types.js";
import { createFixture, dialectNames, type DialectFixture } from "./store-fixture.js";

const day = 86_400_000;
const t0 = new Date("2026-10-01T00:00:00Z");
const at = (days: number) => new Date(t0.getTime() + days * day);

function item(feedId: string, n: number): NewItem {
  return {
    id: `${feedId}-${n}`, feedId, hash: `h${n}`, guid: null, url: `https://x.example/${n}`, canonicalUrl: `https://x.example/${n}`,
    title: `t${n}`, summary: "", contentHash: `c${n}`, imageUrl: null, author: null, publishedAt: t0, dateIsFallback: false,
  };
}
function story(id: string, lastSeen: Date): Story {
  return { id, headlineItemId: "x", title: id, url: "https://x.example", summary: "", imageUrl: null, sources: [], topics: [{ topicId: "openai", confidence: 1 }], score: 1, firstSeenAt: lastSeen, lastSeenAt: lastSeen };
}

for (const dialect of dialectNames()) {
  describe(`retention on ${dialect}`, () => {
    let fx: DialectFixture;
    let store: Store;
    beforeAll(async () => {
      fx = await createFixture(dialect);
      store = await fx.open();
    });
    afterAll(async () => {
      await store?.close();
      await fx?.cleanup();
    });

    it("prunes only items their feed stopped listing, never items of a feed that answers 304", async () => {
      const busy = await store.feeds.add({ url: "https://busy.example/feed", scope: { kind: "global" } }, t0);
      const quiet = await store.feeds.add({ url: "https://quiet.example/feed", scope: { kind: "global" } }, t0);
      await store.items.upsertMany([item(busy.id, 1), item(busy.id, 2)], at(0));
      await store.items.upsertMany([item(quiet.id, 1)], at(0));
      // Day 40: the busy feed's full fetch lists item 2 but no longer item 1; the quiet feed only 304s.
      await store.items.upsertMany([item(busy.id, 2), item(busy.id, 3)], at(40));
      const pruned = await store.items.pruneNotSeenSince(at(10));
      expect(pruned).toBe(1);
      expect(await store.items.get(`${busy.id}-1`)).toBeNull();
      expect(await store.items.get(`${busy.id}-2`)).not.toBeNull();
      expect(await store.items.get(`${quiet.id}-1`)).not.toBeNull();
      // Item 2 was seen again on day 40: a later fetch still listing it keeps it, it is not new.
      const again = await store.items.upsertMany([item(busy.id, 2)], at(41));
      expect(again).toMatchObject({ inserted: [], unchanged: 1 });
    });

    it("prunes old stories and finished deliveries, keeping unfinished claims", async () => {
      await store.stories.saveMany([story("old", at(1)), story("new", at(39))]);
      expect(await store.stories.pruneBefore(at(10))).toBe(1);
      expect(await store.stories.get("old")).toBeNull();
      expect(await store.stories.get("new")).not.toBeNull();

      const d = await store.destinations.upsert({ platform: "console", chatId: "c", kind: "channel", timeOfDay: "08:00", timeZone: "UTC" }, at(0));
      const done = await store.deliveries.claim({ destinationId: d.id, digestKey: "2026-10-02", instanceId: "i", storyIds: ["old"], now: at(1), leaseMs: 1000 });
      await store.deliveries.complete(done.delivery.id, at(1));
      const open = await store.deliveries.claim({ destinationId: d.id, digestKey: "2026-10-03", instanceId: "i", storyIds: [], now: at(2), leaseMs: 1000 });
      const r = await store.deliveries.pruneBefore(at(10));
      expect(r).toEqual({ deliveries: 1, deliveredStories: 1 });
      expect(await store.deliveries.get(done.delivery.id)).toBeNull();
      expect(await store.deliveries.get(open.delivery.id)).not.toBeNull();
    });
  });
}
