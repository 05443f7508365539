import type { Kysely } from "kysely";
import type { FilterRepository, SubscriptionRepository } from "../../core/ports.js";
import type { FilterMode, KeywordFilter } from "../../core/types.js";
import type { Database } from "../database.js";

export function createSubscriptionRepository(db: Kysely<Database>): SubscriptionRepository {
  return {
    async add(destinationId, topicId, now) {
      const r = await db
        .insertInto("subscriptions")
        .values({ destination_id: destinationId, topic_id: topicId, created_at: now.getTime() })
        .onConflict((oc) => oc.columns(["destination_id", "topic_id"]).doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async remove(destinationId, topicId) {
      const r = await db
        .deleteFrom("subscriptions")
        .where("destination_id", "=", destinationId)
        .where("topic_id", "=", topicId)
        .executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    async removeAll(destinationId) {
      const r = await db.deleteFrom("subscriptions").where("destination_id", "=", destinationId).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
    async list(destinationId) {
      const rows = await db
        .selectFrom("subscriptions")
        .select("topic_id")
        .where("destination_id", "=", destinationId)
        .orderBy("topic_id")
        .execute();
      return rows.map((r) => r.topic_id);
    },
    async listAll() {
      const rows = await db.selectFrom("subscriptions").select(["destination_id", "topic_id"]).execute();
      const map = new Map<string, string[]>();
      for (const r of rows) {
        const l = map.get(r.destination_id) ?? [];
        l.push(r.topic_id);
        map.set(r.destination_id, l);
      }
      return map;
    },
  };
}

export function createFilterRepository(db: Kysely<Database>): FilterRepository {
  const toFilter = (r: { destination_id: string; mode: string; word: string }): KeywordFilter => ({
    destinationId: r.destination_id,
    mode: r.mode as FilterMode,
    word: r.word,
  });
  return {
    async add(f) {
      const r = await db
        .insertInto("filters")
        .values({ destination_id: f.destinationId, mode: f.mode, word: f.word })
        .onConflict((oc) => oc.columns(["destination_id", "mode", "word"]).doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async remove(f) {
      const r = await db
        .deleteFrom("filters")
        .where("destination_id", "=", f.destinationId)
        .where("mode", "=", f.mode)
        .where("word", "=", f.word)
        .executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    async list(destinationId) {
      const rows = await db
        .selectFrom("filters")
        .selectAll()
        .where("destination_id", "=", destinationId)
        .orderBy("mode")
        .orderBy("word")
        .execute();
      return rows.map(toFilter);
    },
    async listAll() {
      const rows = await db.selectFrom("filters").selectAll().execute();
      const map = new Map<string, KeywordFilter[]>();
      for (const r of rows) {
        const l = map.get(r.destination_id) ?? [];
        l.push(toFilter(r));
        map.set(r.destination_id, l);
      }
      return map;
    },
    async clear(destinationId, mode) {
      let q = db.deleteFrom("filters").where("destination_id", "=", destinationId);
      if (mode) q = q.where("mode", "=", mode);
      const r = await q.executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
