/**
 * Migration 0009 (send_budgets) from an old database: migrate to 0001, store a destination and an
 * unfinished delivery as an old release would, then start the current code: the rows survive, the
 * claim resumes, and the shared send budget works (Postgres) or is off (SQLite).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Migrator } from "kysely";
import pg from "pg";
import { expect, it } from "vitest";
import { migrations } from "../../migrations/index.js";
import { connect } from "../../src/store/connect.js";
import { openStore } from "../../src/store/open-store.js";
import { dialectNames, testDatabaseUrl } from "./store-fixture.js";

for (const dialect of dialectNames()) {
  it(`migrates an old ${dialect} database to 0009 with its deliveries intact`, async () => {
    let url: string;
    let schema: string | undefined;
    let cleanup: () => Promise<void>;
    if (dialect === "sqlite") {
      const dir = mkdtempSync(join(tmpdir(), "newsdesk-mig-"));
      url = `sqlite:${join(dir, "old.db")}`;
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      url = testDatabaseUrl!;
      schema = `m_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
      cleanup = async () => {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).finally(() => c.end());
      };
    }
    try {
      const { db } = await connect(url, schema ? { pgSchema: schema } : {});
      const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, ...(schema ? { migrationTableSchema: schema } : {}) });
      expect((await migrator.migrateTo("0001-initial")).error).toBeUndefined();
      const t = Date.now();
      await db.insertInto("destinations").values({
        id: "d1", platform: "telegram", chat_id: "42", thread_id: "", kind: "channel", time_of_day: "08:00", time_zone: "UTC",
        max_stories: 0, active: 1, created_at: t, updated_at: t,
      } as never).execute();
      await db.insertInto("deliveries").values({
        id: "v1", destination_id: "d1", digest_key: "2026-12-04", status: "claimed", claimed_by: "old-host-123", lease_until: t - 1000,
        attempts: 1, story_ids: "[]", message_ids: '["7"]', doc: null, last_error: null, created_at: t, updated_at: t, sent_at: null,
      }).execute();
      await db.destroy();

      const store = await openStore(url, schema ? { pgSchema: schema } : {});
      try {
        const old = await store.deliveries.get("v1");
        expect(old).toMatchObject({ status: "claimed", messageIds: ["7"] });
        // The old claim's lease ran out: a new instance takes it over and keeps its recorded part.
        const c = await store.deliveries.claim({ destinationId: "d1", digestKey: "2026-12-04", instanceId: "host-0", storyIds: [], now: new Date(), leaseMs: 60_000 });
        expect(c).toMatchObject({ claimed: true, resumed: true });
        if (dialect === "sqlite") expect(store.sendBudget).toBeNull();
        else {
          expect(await store.sendBudget!.take("telegram:1", 10, 1)).toBe(0);
          expect(await store.sendBudget!.take("telegram:1", 10, 1)).toBeGreaterThan(0);
          await store.sendBudget!.hold("telegram:1", 5000);
          expect(await store.sendBudget!.take("telegram:1", 10, 1)).toBeGreaterThan(4000);
        }
      } finally {
        await store.close();
      }
    } finally {
      await cleanup();
    }
  });
}
