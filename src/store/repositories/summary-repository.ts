import { sql, type Kysely } from "kysely";
import type { CitedSentenceRecord, StoredSummary, SummaryRepository } from "../../core/ports.js";
import type { Database } from "../database.js";
import type { StorySummaryRow } from "../tables/story-summaries.table.js";
import { chunk, parseJsonArray } from "./shared.js";

function toSummary(r: StorySummaryRow): StoredSummary {
  return {
    storyId: r.story_id,
    version: r.version,
    status: r.status,
    sentences: parseJsonArray<CitedSentenceRecord>(r.sentences),
    attempts: Number(r.attempts),
    model: r.model,
    lastError: r.last_error,
    updatedAt: new Date(Number(r.updated_at)),
  };
}

export function createSummaryRepository(db: Kysely<Database>): SummaryRepository {
  return {
    async getMany(keys) {
      if (keys.length === 0) return [];
      const wanted = new Set(keys.map((k) => `${k.storyId}\u0000${k.version}`));
      const out: StoredSummary[] = [];
      for (const part of chunk([...new Set(keys.map((k) => k.storyId))])) {
        const rows = await db.selectFrom("story_summaries").selectAll().where("story_id", "in", part).execute();
        for (const r of rows) if (wanted.has(`${r.story_id}\u0000${r.version}`)) out.push(toSummary(r));
      }
      return out;
    },

    async record(s, now) {
      const values = {
        status: s.status,
        sentences: JSON.stringify(s.sentences),
        model: s.model,
        last_error: s.lastError,
        updated_at: now.getTime(),
      };
      await db
        .insertInto("story_summaries")
        .values({ story_id: s.storyId, version: s.version, attempts: 1, created_at: now.getTime(), ...values })
        .onConflict((oc) =>
          oc.columns(["story_id", "version"]).doUpdateSet({ ...values, attempts: sql<number>`story_summaries.attempts + 1` }),
        )
        .execute();
    },

    async reserveCall(day, max) {
      if (max <= 0) return false;
      await db.insertInto("llm_usage").values({ day, calls: 0 }).onConflict((oc) => oc.column("day").doNothing()).execute();
      // One conditional update: two instances racing for the last call cannot both get it.
      const r = await db
        .updateTable("llm_usage")
        .set({ calls: sql<number>`calls + 1` })
        .where("day", "=", day)
        .where("calls", "<", max)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    async callsOn(day) {
      const r = await db.selectFrom("llm_usage").select("calls").where("day", "=", day).executeTakeFirst();
      return r ? Number(r.calls) : 0;
    },

    async pruneBefore(before) {
      const r = await db.deleteFrom("story_summaries").where("updated_at", "<", before.getTime()).executeTakeFirst();
      await db.deleteFrom("llm_usage").where("day", "<", before.toISOString().slice(0, 10)).execute();
      return Number(r.numDeletedRows);
    },
  };
}
