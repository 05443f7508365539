import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Migrator } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrations } from "../../../migrations/index.js";
import type { Store } from "../../../src/core/ports.js";
import type { StoryLink } from "../../../src/core/types.js";
import { connect } from "../../../src/store/connect.js";
import { openStore } from "../../../src/store/open-store.js";
import { dialectNames, testDatabaseUrl } from "../store-fixture.js";

const T0 = new Date("2026-11-20T08:00:00Z");

/** A database left at 0001 (the schema before story links), with rows in it, then migrated up. */
async function oldDatabase(dialect: "sqlite" | "postgres") {
  let url: string;
  let pgSchema: string | undefined;
  let cleanup: () => Promise<void>;
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "newsdesk-links-"));
    url = `sqlite:${join(dir, "old.db")}`;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    url = testDatabaseUrl as string;
    pgSchema = `t_links_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
    const schema = pgSchema;
    cleanup = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).finally(() => c.end());
    };
  }
  const opts = pgSchema ? { pgSchema, poolSize: 2 } : {};
  const { db } = await connect(url, opts);
  // The migration table's schema is named: Kysely otherwise finds another test's schema's table.
  const migrator = (d: typeof db) =>
    new Migrator({ db: d, provider: { getMigrations: async () => migrations }, ...(pgSchema ? { migrationTableSchema: pgSchema } : {}) });
  const r = await migrator(db).migrateTo("0001-initial");
  expect(r.error).toBeUndefined();
  const t = T0.getTime();
  await db
    .insertInto("destinations")
    .values({ id: "d1", platform: "telegram", chat_id: "-1001", thread_id: "", kind: "channel", time_of_day: "08:00", time_zone: "UTC", max_stories: 10, active: 1, created_at: t, updated_at: t })
    .execute();
  await db.insertInto("delivered_stories").values({ destination_id: "d1", story_id: "s-old", delivery_id: null, delivered_at: t }).execute();
  const up = await migrator(db).migrateToLatest();
  expect(up.error).toBeUndefined();
  expect(up.results?.map((m) => m.migrationName)).toContain("0003-story-links");
  expect(up.results?.map((m) => m.migrationName)).toContain("0010-story-id-indexes");
  await db.destroy();
  return { open: () => openStore(url, { ...opts, migrate: false }), cleanup };
}

const link = (storyId: string, earlier: string, over: Partial<StoryLink> = {}): StoryLink => ({
  storyId,
  earlierStoryId: earlier,
  kind: "followup",
  score: 0.5,
  earlierTitle: `Title of ${earlier}`,
  earlierUrl: `https://news.example/${earlier}`,
  earlierFirstSeenAt: T0,
  createdAt: T0,
  ...over,
});

for (const dialect of dialectNames()) {
  describe(`story links and story messages on ${dialect}, migrated up from 0001`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;

    beforeAll(async () => {
      const old = await oldDatabase(dialect);
      cleanup = old.cleanup;
      store = await old.open();
    });
    afterAll(async () => {
      await store.close();
      await cleanup();
    });

    it("keeps the rows written before the migration", async () => {
      expect(await store.deliveries.deliveredStoryIds("d1")).toEqual(new Set(["s-old"]));
    });

    it("saves one link per story, replacing it when the linker changes its mind", async () => {
      await store.storyLinks.saveMany([link("s2", "s1"), link("s3", "s1", { kind: "same", score: 0.9 })]);
      await store.storyLinks.saveMany([link("s2", "s0", { score: 0.7, earlierTitle: "Other" })]);
      const got = await store.storyLinks.forStories(["s2", "s3", "nope"]);
      expect([...got.keys()].sort()).toEqual(["s2", "s3"]);
      expect(got.get("s2")).toMatchObject({ earlierStoryId: "s0", score: 0.7, earlierTitle: "Other", kind: "followup" });
      expect(got.get("s3")).toMatchObject({ earlierStoryId: "s1", kind: "same" });
      expect(got.get("s3")?.earlierFirstSeenAt).toEqual(T0);
    });

    it("records where a story landed, first placement wins, threads round-trip", async () => {
      const at = new Date(T0.getTime() + 1000);
      await store.storyMessages.record([
        { destinationId: "d1", storyId: "s1", deliveryId: "x", chatId: "-1001", threadId: "7", messageId: "42", sentAt: at },
        { destinationId: "d1", storyId: "s2", deliveryId: "x", chatId: "-1001", threadId: null, messageId: "43", sentAt: at },
      ]);
      await store.storyMessages.record([{ destinationId: "d1", storyId: "s1", deliveryId: "y", chatId: "-1001", threadId: null, messageId: "99", sentAt: at }]);
      const got = await store.storyMessages.find("d1", ["s1", "s2", "s9"]);
      expect(got.get("s1")).toEqual({ destinationId: "d1", storyId: "s1", deliveryId: "x", chatId: "-1001", threadId: "7", messageId: "42", sentAt: at });
      expect(got.get("s2")?.threadId).toBeNull();
      expect(got.has("s9")).toBe(false);
      expect((await store.storyMessages.find("other", ["s1"])).size).toBe(0);
    });

    it("carries delivered marks and placements of a merged story over to the story it became", async () => {
      expect(await store.deliveries.carryOver("s-old", "s-grown")).toBe(1);
      expect(await store.deliveries.carryOver("s-old", "s-grown")).toBe(1); // again: nothing doubles
      expect(await store.deliveries.deliveredStoryIds("d1")).toEqual(new Set(["s-old", "s-grown"]));
      expect(await store.deliveries.carryOver("s-never", "s-grown")).toBe(0);
      await store.storyMessages.carryOver("s1", "s5");
      await store.storyMessages.carryOver("s2", "s1"); // s1 has its own placement: it keeps it
      const got = await store.storyMessages.find("d1", ["s1", "s5"]);
      expect(got.get("s5")).toMatchObject({ storyId: "s5", chatId: "-1001", threadId: "7", messageId: "42" });
      expect(got.get("s1")?.messageId).toBe("42");
    });

    it("prunes old links and placements, and placements go with their destination", async () => {
      const later = new Date(T0.getTime() + 86_400_000);
      await store.storyLinks.saveMany([link("s9", "s8", { createdAt: later })]);
      expect(await store.storyLinks.pruneBefore(new Date(T0.getTime() + 1))).toBe(2);
      expect([...(await store.storyLinks.forStories(["s2", "s3", "s9"])).keys()]).toEqual(["s9"]);
      expect(await store.storyMessages.pruneBefore(new Date(T0.getTime() + 500))).toBe(0);
      await store.destinations.remove("d1");
      expect((await store.storyMessages.find("d1", ["s1", "s2"])).size).toBe(0);
    });
  });
}
