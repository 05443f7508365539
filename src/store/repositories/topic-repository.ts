import type { Kysely } from "kysely";
import type { TopicRepository } from "../../core/ports.js";
import type { Topic } from "../../core/types.js";
import type { Database } from "../database.js";
import type { TopicRow } from "../tables/topics.table.js";
import { parseJsonArray } from "./shared.js";

const toTopic = (r: TopicRow): Topic => ({
  id: r.id,
  name: r.name,
  description: r.description,
  keywords: parseJsonArray<string>(r.keywords),
  exclude: parseJsonArray<string>(r.exclude),
  communityId: r.community_id,
});

export function createTopicRepository(db: Kysely<Database>): TopicRepository {
  return {
    async list(communityId) {
      let q = db.selectFrom("topics").selectAll();
      q = communityId
        ? q.where((eb) => eb.or([eb("community_id", "is", null), eb("community_id", "=", communityId)]))
        : q.where("community_id", "is", null);
      return (await q.orderBy("name").execute()).map(toTopic);
    },
    async get(id) {
      const r = await db.selectFrom("topics").selectAll().where("id", "=", id).executeTakeFirst();
      return r ? toTopic(r) : null;
    },
    async upsert(t, now) {
      const row = {
        id: t.id,
        name: t.name,
        description: t.description,
        keywords: JSON.stringify(t.keywords),
        exclude: JSON.stringify(t.exclude),
        community_id: t.communityId,
        created_at: now.getTime(),
      };
      await db
        .insertInto("topics")
        .values(row)
        .onConflict((oc) =>
          oc.column("id").doUpdateSet({
            name: row.name,
            description: row.description,
            keywords: row.keywords,
            exclude: row.exclude,
            community_id: row.community_id,
          }),
        )
        .execute();
    },
    async remove(id) {
      const r = await db.deleteFrom("topics").where("id", "=", id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}
