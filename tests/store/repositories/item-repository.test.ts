import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../../src/core/ports.js";
import type { NewItem } from "../../../src/core/types.js";
import { createFixture, dialectNames, type DialectFixture } from "../store-fixture.js";

function item(feedId: string, n: number, over: Partial<NewItem> = {}): NewItem {
  return {
    id: `${feedId}-i${n}`,
    feedId,
    hash: `h${n}`,
    // Alternate nulls and values so a column bound out of place shows.
    guid: n % 2 ? `g${n}` : null,
    url: `https://example.com/${n}?x=1`,
    canonicalUrl: `https://example.com/${n}`,
    title: `Title ${n}`,
    summary: `Summary ${n}`,
    contentHash: `c${n}`,
    imageUrl: n % 3 ? `https://img.example/${n}.jpg` : null,
    author: n % 2 ? null : `Author ${n}`,
    publishedAt: new Date(Date.UTC(2026, 10, 20, 10, n % 60)),
    dateIsFallback: n % 4 === 0,
    ...over,
  };
}

for (const dialect of dialectNames()) {
  describe(`item repository on ${dialect}`, () => {
    let fx: DialectFixture;
    let store: Store;
    const now = new Date(Date.UTC(2026, 10, 21, 8, 0));

    beforeAll(async () => {
      fx = await createFixture(dialect);
      store = await fx.open();
    });
    afterAll(async () => {
      await store.close();
      await fx.cleanup();
    });

    it("stores every field of every item, whatever the batch size, and reports each as inserted once", async () => {
      const f = await store.feeds.add({ url: "https://batch.example/feed", scope: { kind: "global" } }, now);
      // 3 twice (the same statement shape again), then more than one insert chunk.
      const batches = [[1], [2, 3, 4], [5, 6, 7], Array.from({ length: 450 }, (_, k) => 100 + k)];
      for (const ns of batches) {
        const items = ns.map((n) => item(f.id, n));
        const res = await store.items.upsertMany(items, now);
        expect(res.inserted.map((i) => i.id)).toEqual(items.map((i) => i.id));
        const stored = await store.items.getMany(items.map((i) => i.id));
        const byId = new Map(stored.map((i) => [i.id, i]));
        for (const i of items) expect(byId.get(i.id)).toEqual({ ...i, firstSeenAt: now, storyId: null });
      }
      expect(await store.items.countByFeed(f.id)).toBe(457);
      const again = await store.items.upsertMany(batches[3]!.map((n) => item(f.id, n)), now);
      expect(again).toEqual({ inserted: [], updated: [], unchanged: 450 });
    });

    // Only Postgres lets two writers interleave; SQLite serializes them (one waits or fails).
    it.runIf(dialect === "postgres")("reports an item as inserted by exactly one of two instances that store it at once", async () => {
      const other = await fx.open();
      try {
        const f = await store.feeds.add({ url: "https://race.example/feed", scope: { kind: "global" } }, now);
        const items = [1, 2, 3].map((n) => item(f.id, n));
        const [a, b] = await Promise.all([store.items.upsertMany(items, now), other.items.upsertMany(items, now)]);
        const ids = [...a.inserted, ...b.inserted].map((i) => i.id).sort();
        expect(ids).toEqual(items.map((i) => i.id).sort());
      } finally {
        await other.close();
      }
    });
  });
}
