import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Migrator } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrations } from "../../../migrations/index.js";
import type { Store } from "../../../src/core/ports.js";
import { connect, type ConnectOptions } from "../../../src/store/connect.js";
import { migrateToLatest, migrationSchema } from "../../../src/store/migrate.js";
import { openStore } from "../../../src/store/open-store.js";
import { dialectNames, testDatabaseUrl } from "../store-fixture.js";

/** A database at migration 0001 (before grounded summaries), on either dialect. */
async function oldDatabase(dialect: "sqlite" | "postgres"): Promise<{ url: string; opts: ConnectOptions; cleanup: () => Promise<void> }> {
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "newsdesk-0005-"));
    return { url: `sqlite:${join(dir, "old.db")}`, opts: {}, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `t0005_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 7)}`;
  return {
    url: testDatabaseUrl as string,
    opts: { pgSchema: schema, poolSize: 4 },
    cleanup: async () => {
      const c = new pg.Client({ connectionString: testDatabaseUrl });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    },
  };
}

for (const dialect of dialectNames()) {
  describe(`summary repository and migration 0005 on ${dialect}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    const now = new Date("2026-11-24T08:00:00Z");

    beforeAll(async () => {
      const old = await oldDatabase(dialect);
      cleanup = old.cleanup;
      const { db } = await connect(old.url, old.opts);
      const r = await new Migrator({ db, provider: { getMigrations: async () => migrations }, ...(await migrationSchema(db)) }).migrateTo("0001-initial");
      expect(r.error).toBeUndefined();
      await db
        .insertInto("stories")
        .values({
          id: "st_old", headline_item_id: "i1", title: "Old story", url: "https://x.example/1", summary: "Old summary.",
          image_url: null, sources: "[]", score: 1, first_seen_at: now.getTime(), last_seen_at: now.getTime(), updated_at: now.getTime(),
        })
        .execute();
      const up = await migrateToLatest(db);
      expect(up.applied).toContain("0005-grounded-summaries");
      await db.destroy();
      store = await openStore(old.url, old.opts);
    });
    afterAll(async () => {
      await store.close();
      await cleanup();
    });

    it("keeps the old rows and starts with no summaries", async () => {
      expect((await store.stories.get("st_old"))?.summary).toBe("Old summary.");
      expect(await store.summaries.getMany([{ storyId: "st_old", version: "v1" }])).toEqual([]);
    });

    it("records an outcome per story version and counts attempts", async () => {
      await store.summaries.record({ storyId: "st_old", version: "v1", status: "failed", sentences: [], model: "m", lastError: "timeout" }, now);
      const later = new Date(now.getTime() + 3_600_000);
      const sentences = [{ text: "A sentence.", itemIds: ["i1", "i2"] }];
      await store.summaries.record({ storyId: "st_old", version: "v1", status: "ok", sentences, model: "m", lastError: null }, later);
      await store.summaries.record({ storyId: "st_old", version: "v2", status: "empty", sentences: [], model: "m", lastError: null }, later);
      const rows = await store.summaries.getMany([
        { storyId: "st_old", version: "v1" },
        { storyId: "st_old", version: "v3" },
      ]);
      expect(rows).toEqual([
        { storyId: "st_old", version: "v1", status: "ok", sentences, attempts: 2, model: "m", lastError: null, updatedAt: later },
      ]);
    });

    it("gives out exactly the day's budget, even to racing callers", async () => {
      const grants = await Promise.all(Array.from({ length: 12 }, () => store.summaries.reserveCall("2026-11-24", 5)));
      expect(grants.filter(Boolean)).toHaveLength(5);
      expect(await store.summaries.callsOn("2026-11-24")).toBe(5);
      expect(await store.summaries.reserveCall("2026-11-25", 5)).toBe(true);
      expect(await store.summaries.reserveCall("2026-11-26", 0)).toBe(false);
    });

    it("prunes old summaries and usage days", async () => {
      const pruned = await store.summaries.pruneBefore(new Date("2026-11-24T09:30:00Z"));
      expect(pruned).toBe(2);
      expect(await store.summaries.callsOn("2026-11-24")).toBe(5);
      await store.summaries.pruneBefore(new Date("2026-11-25T12:00:00Z"));
      expect(await store.summaries.callsOn("2026-11-24")).toBe(0);
      expect(await store.summaries.callsOn("2026-11-25")).toBe(1);
    });
  });
}
