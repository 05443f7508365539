/**
 * Grounded summaries (issue 13): the verified answer of the language model per story version, so a
 * story is summarised once whatever the number of destinations, and the model calls made per day,
 * so the operator's budget holds across restarts and instances. Frozen once released.
 */
import type { Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration sees the schema of its own time
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable("story_summaries")
    .addColumn("story_id", "text", (c) => c.notNull())
    // Hash of the item set given to the model: a story that gains a source is a new version.
    .addColumn("version", "text", (c) => c.notNull())
    // ok: verified sentences; empty: answered but nothing survived verification; failed: no usable answer.
    .addColumn("status", "text", (c) => c.notNull())
    // JSON array of { text, itemIds } (the cited items of each kept sentence).
    .addColumn("sentences", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("model", "text")
    .addColumn("last_error", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("story_summaries_pk", ["story_id", "version"])
    .execute();
  await db.schema.createIndex("story_summaries_updated_idx").on("story_summaries").column("updated_at").execute();

  await db.schema
    .createTable("llm_usage")
    // UTC day, YYYY-MM-DD.
    .addColumn("day", "text", (c) => c.primaryKey())
    .addColumn("calls", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable("llm_usage").execute();
  await db.schema.dropTable("story_summaries").execute();
}
