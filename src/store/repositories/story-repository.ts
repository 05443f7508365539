import type { Kysely } from "kysely";
import type { StoryRepository } from "../../core/ports.js";
import type { Story, StorySource } from "../../core/types.js";
import type { Database } from "../database.js";
import type { StoryRow } from "../tables/stories.table.js";
import { chunk, parseJsonArray } from "./shared.js";

function toStory(r: StoryRow, topics: { topic_id: string; confidence: number }[]): Story {
  return {
    id: r.id,
    headlineItemId: r.headline_item_id,
    title: r.title,
    url: r.url,
    summary: r.summary,
    imageUrl: r.image_url,
    sources: parseJsonArray<StorySource>(r.sources),
    topics: topics.map((t) => ({ topicId: t.topic_id, confidence: Number(t.confidence) })),
    score: Number(r.score),
    firstSeenAt: new Date(Number(r.first_seen_at)),
    lastSeenAt: new Date(Number(r.last_seen_at)),
  };
}

export function createStoryRepository(db: Kysely<Database>): StoryRepository {
  async function hydrate(rows: StoryRow[]): Promise<Story[]> {
    const topics = new Map<string, { topic_id: string; confidence: number }[]>();
    for (const part of chunk(rows.map((r) => r.id))) {
      if (part.length === 0) continue;
      const ts = await db.selectFrom("story_topics").selectAll().where("story_id", "in", part).execute();
      for (const t of ts) {
        const list = topics.get(t.story_id) ?? [];
        list.push(t);
        topics.set(t.story_id, list);
      }
    }
    return rows.map((r) => toStory(r, (topics.get(r.id) ?? []).sort((a, b) => b.confidence - a.confidence)));
  }

  async function saveMany(stories: Story[]): Promise<void> {
    if (stories.length === 0) return;
    const now = Date.now();
    await db.transaction().execute(async (trx) => {
      for (const part of chunk(stories, 200)) {
        const rows = part.map((s) => ({
          id: s.id,
          headline_item_id: s.headlineItemId,
          title: s.title,
          url: s.url,
          summary: s.summary,
          image_url: s.imageUrl,
          sources: JSON.stringify(s.sources),
          score: s.score,
          first_seen_at: s.firstSeenAt.getTime(),
          last_seen_at: s.lastSeenAt.getTime(),
          updated_at: now,
        }));
        await trx
          .insertInto("stories")
          .values(rows)
          .onConflict((oc) =>
            oc.column("id").doUpdateSet((eb) => ({
              headline_item_id: eb.ref("excluded.headline_item_id"),
              title: eb.ref("excluded.title"),
              url: eb.ref("excluded.url"),
              summary: eb.ref("excluded.summary"),
              image_url: eb.ref("excluded.image_url"),
              sources: eb.ref("excluded.sources"),
              score: eb.ref("excluded.score"),
              first_seen_at: eb.ref("excluded.first_seen_at"),
              last_seen_at: eb.ref("excluded.last_seen_at"),
              updated_at: eb.ref("excluded.updated_at"),
            })),
          )
          .execute();
        const ids = part.map((s) => s.id);
        await trx.deleteFrom("story_topics").where("story_id", "in", ids).execute();
        const topicRows = part.flatMap((s) =>
          s.topics.map((t) => ({ story_id: s.id, topic_id: t.topicId, confidence: t.confidence })),
        );
        for (const tp of chunk(topicRows)) if (tp.length) await trx.insertInto("story_topics").values(tp).execute();
      }
    });
  }

  return {
    save: (s) => saveMany([s]),
    saveMany,
    async get(id) {
      const r = await db.selectFrom("stories").selectAll().where("id", "=", id).executeTakeFirst();
      return r ? ((await hydrate([r]))[0] ?? null) : null;
    },
    async getMany(ids) {
      const rows: StoryRow[] = [];
      for (const part of chunk([...new Set(ids)])) {
        if (part.length) rows.push(...(await db.selectFrom("stories").selectAll().where("id", "in", part).execute()));
      }
      return hydrate(rows);
    },
    async listSince(since, opts = {}) {
      let q = db
        .selectFrom("stories")
        .selectAll()
        .where("last_seen_at", ">=", since.getTime())
        .orderBy("score", "desc")
        .orderBy("id");
      if (opts.limit) q = q.limit(opts.limit);
      return hydrate(await q.execute());
    },
    async remove(id) {
      await db.deleteFrom("stories").where("id", "=", id).execute();
    },
    async pruneBefore(before) {
      const r = await db.deleteFrom("stories").where("last_seen_at", "<", before.getTime()).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
