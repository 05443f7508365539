/**
 * Developing stories (issue 11). Frozen once released, like every migration.
 *
 * - `story_links`: a story's tie to an earlier story beyond the clustering window. `kind` is
 *   "followup" (a later development: a response, a reversal, a resignation…) or "same" (more coverage
 *   of the same facts that clustering kept apart). One link per story: its best earlier match.
 * - `story_messages`: where each delivered story landed for a destination (chat, thread, message), so
 *   a follow-up can reply to the message readers already saw.
 *
 * Dialect-neutral (SQLite and Postgres). Imports nothing from src/.
 */
import type { Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration sees the schema of its own time
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable("story_links")
    .addColumn("story_id", "text", (c) => c.primaryKey())
    .addColumn("earlier_story_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("score", "double precision", (c) => c.notNull())
    // Denormalised so a digest can say "Follows: <headline>, 3 days ago" after the earlier story is pruned.
    .addColumn("earlier_title", "text", (c) => c.notNull())
    .addColumn("earlier_url", "text", (c) => c.notNull())
    .addColumn("earlier_first_seen_at", "bigint", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("story_links_earlier_idx").on("story_links").column("earlier_story_id").execute();
  await db.schema.createIndex("story_links_created_idx").on("story_links").column("created_at").execute();

  await db.schema
    .createTable("story_messages")
    .addColumn("destination_id", "text", (c) => c.notNull().references("destinations.id").onDelete("cascade"))
    .addColumn("story_id", "text", (c) => c.notNull())
    .addColumn("delivery_id", "text")
    // The platform place the message is in: a Discord channel/thread/DM channel id, a Telegram chat id.
    .addColumn("chat_id", "text", (c) => c.notNull())
    // Telegram forum topic ("" for none); Discord puts threads in chat_id.
    .addColumn("thread_id", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("message_id", "text", (c) => c.notNull())
    .addColumn("sent_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("story_messages_pk", ["destination_id", "story_id"])
    .execute();
  await db.schema.createIndex("story_messages_sent_idx").on("story_messages").column("sent_at").execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable("story_messages").ifExists().execute();
  await db.schema.dropTable("story_links").ifExists().execute();
}
