/**
 * Indexes on `story_id` for the delivered-story marks and the message placements: when clustering
 * merges a stored story into another, every destination's marks and placements of the merged story
 * are carried over to the one it became (issue 11), found by story id alone (the primary keys start
 * with the destination). Frozen once released. Imports nothing from src/.
 */
import type { Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration sees the schema of its own time
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema.createIndex("delivered_stories_story_idx").on("delivered_stories").column("story_id").execute();
  await db.schema.createIndex("story_messages_story_idx").on("story_messages").column("story_id").execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex("story_messages_story_idx").ifExists().execute();
  await db.schema.dropIndex("delivered_stories_story_idx").ifExists().execute();
}
