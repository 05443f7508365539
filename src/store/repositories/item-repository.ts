import type { Kysely } from "kysely";
import type { ItemRepository, UpsertItemsResult } from "../../core/ports.js";
import type { Item, NewItem } from "../../core/types.js";
import type { Database } from "../database.js";
import type { ItemRow, NewItemRow } from "../tables/items.table.js";
import { chunk } from "./shared.js";

export function toItem(r: ItemRow): Item {
  return {
    id: r.id,
    feedId: r.feed_id,
    hash: r.hash,
    guid: r.guid,
    url: r.url,
    canonicalUrl: r.canonical_url,
    title: r.title,
    summary: r.summary,
    contentHash: r.content_hash,
    imageUrl: r.image_url,
    author: r.author,
    publishedAt: new Date(Number(r.published_at)),
    dateIsFallback: r.date_is_fallback === 1,
    firstSeenAt: new Date(Number(r.first_seen_at)),
    storyId: r.story_id,
  };
}

function toRow(i: NewItem, now: number): NewItemRow {
  return {
    id: i.id,
    feed_id: i.feedId,
    hash: i.hash,
    guid: i.guid,
    url: i.url,
    canonical_url: i.canonicalUrl,
    title: i.title,
    summary: i.summary,
    content_hash: i.contentHash,
    image_url: i.imageUrl,
    author: i.author,
    published_at: i.publishedAt.getTime(),
    date_is_fallback: i.dateIsFallback ? 1 : 0,
    first_seen_at: now,
    updated_at: now,
    last_seen_at: now,
    story_id: null,
  };
}

export function createItemRepository(db: Kysely<Database>): ItemRepository {
  const getMany = async (ids: string[]): Promise<Item[]> => {
    const out: Item[] = [];
    for (const part of chunk([...new Set(ids)])) {
      if (part.length === 0) continue;
      const rows = await db.selectFrom("items").selectAll().where("id", "in", part).execute();
      out.push(...rows.map(toItem));
    }
    return out;
  };

  return {
    async upsertMany(items, now): Promise<UpsertItemsResult> {
      const result: UpsertItemsResult = { inserted: [], updated: [], unchanged: 0 };
      // The same item twice in one batch (duplicate guids in a feed) counts once: the first wins.
      const byId = new Map<string, NewItem>();
      for (const i of items) if (!byId.has(i.id)) byId.set(i.id, i);
      const unique = [...byId.values()];
      const t = now.getTime();
      // One transaction for the whole batch: on SQLite that is one fsync instead of one per statement.
      await db.transaction().execute(async (trx) => {
        const seen: string[] = [];
        for (const part of chunk(unique, 200)) {
          const existing = await trx
            .selectFrom("items")
            .select(["id", "content_hash"])
            .where(
              "id",
              "in",
              part.map((i) => i.id),
            )
            .execute();
          const known = new Map(existing.map((r) => [r.id, r.content_hash]));
          const fresh = part.filter((i) => !known.has(i.id));
          if (fresh.length > 0) {
            // onConflict: another instance may insert the same item between our read and write.
            const inserted = await trx
              .insertInto("items")
              .values(fresh.map((i) => toRow(i, t)))
              .onConflict((oc) => oc.column("id").doNothing())
              .returning("id")
              .execute();
            // Build the domain objects from what we wrote instead of reading every column back.
            const ids = new Set(inserted.map((r) => r.id));
            for (const i of fresh) if (ids.has(i.id)) result.inserted.push({ ...i, firstSeenAt: now, storyId: null });
          }
          for (const i of part) {
            const oldHash = known.get(i.id);
            if (oldHash === undefined) continue;
            if (oldHash === i.contentHash) {
              result.unchanged++;
              seen.push(i.id);
              continue;
            }
            const r = await trx
              .updateTable("items")
              .set({
                title: i.title,
                summary: i.summary,
                content_hash: i.contentHash,
                url: i.url,
                canonical_url: i.canonicalUrl,
                image_url: i.imageUrl,
                author: i.author,
                updated_at: t,
                last_seen_at: t,
              })
              .where("id", "=", i.id)
              .returningAll()
              .executeTakeFirst();
            if (r) result.updated.push(toItem(r));
          }
        }
        for (const ids of chunk(seen)) {
          await trx.updateTable("items").set({ last_seen_at: t }).where("id", "in", ids).execute();
        }
      });
      return result;
    },
    async get(id) {
      const r = await db.selectFrom("items").selectAll().where("id", "=", id).executeTakeFirst();
      return r ? toItem(r) : null;
    },
    getMany,
    async listSince(since, opts = {}) {
      let q = db
        .selectFrom("items")
        .selectAll()
        .where("first_seen_at", ">=", since.getTime())
        .orderBy("first_seen_at")
        .orderBy("id");
      if (opts.limit) q = q.limit(opts.limit);
      return (await q.execute()).map(toItem);
    },
    async listByStory(storyId) {
      const rows = await db
        .selectFrom("items")
        .selectAll()
        .where("story_id", "=", storyId)
        .orderBy("published_at")
        .execute();
      return rows.map(toItem);
    },
    async listUnclustered(limit = 50_000) {
      const rows = await db
        .selectFrom("items")
        .selectAll()
        .where("story_id", "is", null)
        .orderBy("published_at")
        .orderBy("id")
        .limit(limit)
        .execute();
      return rows.map(toItem);
    },
    async assignStory(itemIds, storyId) {
      for (const part of chunk(itemIds)) {
        if (part.length === 0) continue;
        await db.updateTable("items").set({ story_id: storyId }).where("id", "in", part).execute();
      }
    },
    async pruneNotSeenSince(before) {
      // Only items a later full fetch of their feed no longer listed: a feed answering 304 for weeks
      // still lists its items, and pruning them would make them look new at its next change.
      const r = await db
        .deleteFrom("items")
        .where("last_seen_at", "<", before.getTime())
        .where((eb) =>
          eb(
            "last_seen_at",
            "<",
            eb
              .selectFrom("items as newest")
              .select((e) => e.fn.max("newest.last_seen_at").as("m"))
              .whereRef("newest.feed_id", "=", "items.feed_id"),
          ),
        )
        .executeTakeFirst();
      return Number(r.numDeletedRows);
    },
    async countByFeed(feedId) {
      const r = await db
        .selectFrom("items")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("feed_id", "=", feedId)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}
