/**
 * Initial schema. Frozen: never edit after release, add a new migration instead. Dialect-neutral
 * (SQLite and Postgres): text ids, epoch-millisecond bigint times, 0/1 integer booleans, no serials.
 * Imports nothing from src/.
 */
import type { Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration sees the schema of its own time
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable("feeds")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("scope", "text", (c) => c.notNull().defaultTo("global"))
    .addColumn("title", "text")
    .addColumn("site_url", "text")
    .addColumn("etag", "text")
    .addColumn("last_modified", "text")
    .addColumn("source_weight", "double precision", (c) => c.notNull().defaultTo(1))
    .addColumn("ttl_minutes", "integer")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("last_polled_at", "bigint")
    .addColumn("last_success_at", "bigint")
    .addColumn("consecutive_failures", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("failing_since", "bigint")
    .addColumn("last_error", "text")
    .addColumn("last_error_kind", "text")
    .addColumn("next_poll_at", "bigint")
    .addColumn("warned_at", "bigint")
    .addColumn("disabled_at", "bigint")
    .addColumn("disabled_reason", "text")
    .addUniqueConstraint("feeds_scope_url_unique", ["scope", "url"])
    .execute();
  await db.schema.createIndex("feeds_next_poll_idx").on("feeds").column("next_poll_at").execute();

  await db.schema
    .createTable("items")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("feed_id", "text", (c) => c.notNull().references("feeds.id").onDelete("cascade"))
    .addColumn("hash", "text", (c) => c.notNull())
    .addColumn("guid", "text")
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("canonical_url", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("image_url", "text")
    .addColumn("author", "text")
    .addColumn("published_at", "bigint", (c) => c.notNull())
    .addColumn("date_is_fallback", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("first_seen_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    // Last time a fetch of the feed still listed the item: retention prunes only items the feed has
    // dropped, so an old item still in the feed is never mistaken for a new one.
    .addColumn("last_seen_at", "bigint", (c) => c.notNull())
    .addColumn("story_id", "text")
    .execute();
  // No separate unique (feed_id, hash): the primary key is a hash of exactly that pair.
  await db.schema.createIndex("items_first_seen_idx").on("items").column("first_seen_at").execute();
  await db.schema.createIndex("items_feed_seen_idx").on("items").columns(["feed_id", "last_seen_at"]).execute();
  await db.schema.createIndex("items_story_idx").on("items").column("story_id").execute();

  await db.schema
    .createTable("stories")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("headline_item_id", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("image_url", "text")
    .addColumn("sources", "text", (c) => c.notNull())
    .addColumn("score", "double precision", (c) => c.notNull())
    .addColumn("first_seen_at", "bigint", (c) => c.notNull())
    .addColumn("last_seen_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("stories_last_seen_idx").on("stories").column("last_seen_at").execute();

  await db.schema
    .createTable("story_topics")
    .addColumn("story_id", "text", (c) => c.notNull().references("stories.id").onDelete("cascade"))
    .addColumn("topic_id", "text", (c) => c.notNull())
    .addColumn("confidence", "double precision", (c) => c.notNull())
    .addPrimaryKeyConstraint("story_topics_pk", ["story_id", "topic_id"])
    .execute();
  await db.schema.createIndex("story_topics_topic_idx").on("story_topics").column("topic_id").execute();

  await db.schema
    .createTable("topics")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("keywords", "text", (c) => c.notNull())
    .addColumn("exclude", "text", (c) => c.notNull())
    .addColumn("community_id", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("communities")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("platform", "text", (c) => c.notNull())
    .addColumn("external_id", "text", (c) => c.notNull())
    .addColumn("name", "text")
    .addColumn("notice_destination_id", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("destinations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("platform", "text", (c) => c.notNull())
    .addColumn("chat_id", "text", (c) => c.notNull())
    .addColumn("thread_id", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("kind", "text", (c) => c.notNull())
    // Display name (Discord "#news", a Telegram group's title), kept so notices and /status can name it.
    .addColumn("name", "text")
    .addColumn("community_id", "text")
    .addColumn("user_id", "text")
    .addColumn("time_of_day", "text", (c) => c.notNull())
    .addColumn("time_zone", "text", (c) => c.notNull())
    .addColumn("max_stories", "integer", (c) => c.notNull().defaultTo(10))
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("inactive_reason", "text")
    .addColumn("last_digest_at", "bigint")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addUniqueConstraint("destinations_target_unique", ["platform", "chat_id", "thread_id"])
    .execute();
  await db.schema.createIndex("destinations_community_idx").on("destinations").column("community_id").execute();

  await db.schema
    .createTable("subscriptions")
    .addColumn("destination_id", "text", (c) => c.notNull().references("destinations.id").onDelete("cascade"))
    .addColumn("topic_id", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("subscriptions_pk", ["destination_id", "topic_id"])
    .execute();

  await db.schema
    .createTable("filters")
    .addColumn("destination_id", "text", (c) => c.notNull().references("destinations.id").onDelete("cascade"))
    .addColumn("mode", "text", (c) => c.notNull())
    .addColumn("word", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("filters_pk", ["destination_id", "mode", "word"])
    .execute();

  await db.schema
    .createTable("deliveries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("destination_id", "text", (c) => c.notNull().references("destinations.id").onDelete("cascade"))
    .addColumn("digest_key", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("claimed_by", "text")
    .addColumn("lease_until", "bigint")
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("story_ids", "text", (c) => c.notNull())
    .addColumn("message_ids", "text", (c) => c.notNull())
    // The digest exactly as first rendered (JSON): a resumed send skips parts of the same document.
    .addColumn("doc", "text")
    .addColumn("last_error", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addColumn("sent_at", "bigint")
    .addUniqueConstraint("deliveries_destination_key_unique", ["destination_id", "digest_key"])
    .execute();
  await db.schema.createIndex("deliveries_status_idx").on("deliveries").column("status").execute();

  await db.schema
    .createTable("delivered_stories")
    .addColumn("destination_id", "text", (c) => c.notNull().references("destinations.id").onDelete("cascade"))
    .addColumn("story_id", "text", (c) => c.notNull())
    .addColumn("delivery_id", "text")
    .addColumn("delivered_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("delivered_stories_pk", ["destination_id", "story_id"])
    .execute();

  await db.schema
    .createTable("settings")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Db): Promise<void> {
  for (const t of [
    "settings",
    "delivered_stories",
    "deliveries",
    "filters",
    "subscriptions",
    "destinations",
    "communities",
    "topics",
    "story_topics",
    "stories",
    "items",
    "feeds",
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
