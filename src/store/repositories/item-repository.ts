import { SqliteAdapter, type CompiledQuery, type Kysely } from "kysely";
import { StoreError } from "../../core/errors.js";
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

/** Columns in the order toRow writes them and the cached insert binds them. */
const ROW_COLUMNS = [
  "id", "feed_id", "hash", "guid", "url", "canonical_url", "title", "summary", "content_hash", "image_url",
  "author", "published_at", "date_is_fallback", "first_seen_at", "updated_at", "last_seen_at", "story_id",
] as const satisfies readonly (keyof NewItemRow)[];

const MAX_CACHED = 256;

/**
 * Building and compiling a 200-row insert in Kysely cost as much as SQLite's own work, yet its SQL
 * depends only on the row count: compile once per count and bind new values. A probe with distinct
 * values checks that the compiled parameters come in our order; if not, the cache is not used.
 */
function compiledByCount(compile: (probe: string[]) => CompiledQuery, width: number) {
  const cache = new Map<number, CompiledQuery | null>();
  return (n: number): CompiledQuery | null => {
    let q = cache.get(n);
    if (q === undefined) {
      const probe = Array.from({ length: n * width }, (_, k) => `\u0000probe${k}`);
      const c = compile(probe);
      q = c.parameters.length === probe.length && c.parameters.every((p, k) => p === probe[k]) ? c : null;
      if (cache.size >= MAX_CACHED) cache.clear();
      cache.set(n, q);
    }
    return q;
  };
}

function insertStatements(db: Kysely<Database>, returning: boolean) {
  return compiledByCount((probe) => {
    const rows: Record<string, unknown>[] = [];
    for (let k = 0; k < probe.length; k += ROW_COLUMNS.length) {
      rows.push(Object.fromEntries(ROW_COLUMNS.map((c, j) => [c, probe[k + j]])));
    }
    const q = db
      .insertInto("items")
      .values(rows as unknown as NewItemRow[])
      .onConflict((oc) => oc.column("id").doNothing());
    return returning ? q.returning("id").compile() : q.compile();
  }, ROW_COLUMNS.length);
}

function existingStatements(db: Kysely<Database>) {
  return compiledByCount((probe) => db.selectFrom("items").select(["id", "content_hash"]).where("id", "in", probe).compile(), 1);
}

function rowParameters(items: readonly NewItem[], t: number): unknown[] {
  const out: unknown[] = [];
  for (const i of items) {
    const row = toRow(i, t);
    for (const c of ROW_COLUMNS) out.push(row[c]);
  }
  return out;
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

  const needReturning = !(db.getExecutor().adapter instanceof SqliteAdapter);
  const insertQuery = insertStatements(db, needReturning);
  const existingQuery = existingStatements(db);

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
          const ids = part.map((i) => i.id);
          const selectQ = existingQuery(ids.length);
          const existing = selectQ
            ? (await trx.executeQuery<{ id: string; content_hash: string }>({ ...selectQ, parameters: ids })).rows
            : await trx.selectFrom("items").select(["id", "content_hash"]).where("id", "in", ids).execute();
          const known = new Map(existing.map((r) => [r.id, r.content_hash]));
          const fresh = part.filter((i) => !known.has(i.id));
          if (fresh.length > 0) {
            // onConflict: on Postgres another instance may insert the same item between our read and
            // write, and RETURNING says which rows were ours. SQLite transactions are serializable (a
            // racing writer makes ours fail instead), so there the row count suffices, and skipping
            // RETURNING made the insert a third cheaper.
            const insertQ = insertQuery(fresh.length);
            const r = insertQ
              ? await trx.executeQuery<{ id: string }>({ ...insertQ, parameters: rowParameters(fresh, t) })
              : await trx.executeQuery<{ id: string }>(
                  trx
                    .insertInto("items")
                    .values(fresh.map((i) => toRow(i, t)))
                    .onConflict((oc) => oc.column("id").doNothing())
                    .$if(needReturning, (q) => q.returning("id") as never),
                );
            let ours: Set<string> | null = null;
            if (needReturning) ours = new Set(r.rows.map((row) => row.id));
            else if (Number(r.numAffectedRows ?? -1) !== fresh.length) {
              throw new StoreError(`inserted ${String(r.numAffectedRows)} of ${fresh.length} new items`, { code: "conflict" });
            }
            // Build the domain objects from what we wrote instead of reading every column back.
            for (const i of fresh) if (!ours || ours.has(i.id)) result.inserted.push({ ...i, firstSeenAt: now, storyId: null });
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
