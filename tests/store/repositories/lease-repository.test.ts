import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Migrator, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrations } from "../../../migrations/index.js";
import type { Store } from "../../../src/core/ports.js";
import { connect } from "../../../src/store/connect.js";
import { createStore } from "../../../src/store/open-store.js";
import { migrateToLatest } from "../../../src/store/migrate.js";
import { createFixture, dialectNames, testDatabaseUrl, type DialectFixture } from "../store-fixture.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const dialect of dialectNames()) {
  describe(`leases and feed claims on ${dialect}`, () => {
    let fx: DialectFixture;
    let a: Store;
    let b: Store;
    beforeAll(async () => {
      fx = await createFixture(dialect);
      a = await fx.open();
      b = await fx.open();
    });
    afterAll(async () => {
      await a.close();
      await b.close();
      await fx.cleanup();
    });

    it("gives a lease to one holder at a time, renews it for that holder and frees it on expiry", async () => {
      expect(await a.leases.acquire("leader:cluster", "one", 400)).toBe(true);
      expect(await b.leases.acquire("leader:cluster", "two", 400)).toBe(false);
      expect(await a.leases.acquire("leader:cluster", "one", 400)).toBe(true);
      expect((await b.leases.holder("leader:cluster"))?.holder).toBe("one");
      await sleep(500);
      expect(await b.leases.holder("leader:cluster")).toBeNull();
      expect(await b.leases.acquire("leader:cluster", "two", 400)).toBe(true);
      expect(await a.leases.acquire("leader:cluster", "one", 400)).toBe(false);
    });

    it("release frees the lease only for its holder", async () => {
      expect(await a.leases.acquire("leader:x", "one", 60_000)).toBe(true);
      await b.leases.release("leader:x", "two");
      expect(await b.leases.acquire("leader:x", "two", 60_000)).toBe(false);
      await a.leases.release("leader:x", "one");
      expect(await b.leases.acquire("leader:x", "two", 60_000)).toBe(true);
    });

    it("exactly one of many racing instances wins a free lease", async () => {
      const stores = [a, b, a, b, a, b];
      const won = await Promise.all(stores.map((s, i) => s.leases.acquire("leader:race", `i${i}`, 60_000)));
      expect(won.filter(Boolean)).toHaveLength(1);
    });

    it("claims each due feed once between instances claiming at the same time, and again after the lease", async () => {
      const now = new Date();
      for (let i = 0; i < 60; i++) await a.feeds.add({ url: `https://claim.test/${i}`, scope: { kind: "global" } }, now);
      const claims = await Promise.all([a, b, a, b].map((s) => s.feeds.claimDue(now, 20, 60_000)));
      const ids = claims.flat().map((f) => f.id);
      expect(ids).toHaveLength(60);
      expect(new Set(ids).size).toBe(60);
      expect(await b.feeds.claimDue(now, 100, 60_000)).toHaveLength(0);
      // Nobody finished the poll: a minute later every feed is due again.
      expect(await b.feeds.claimDue(new Date(now.getTime() + 60_001), 100, 60_000)).toHaveLength(60);
    });
  });
}

describe("migration 0008 from an old database", () => {
  for (const dialect of dialectNames()) {
    it(`adds the leases table to a database at 0001 with its rows intact (${dialect})`, async () => {
      // openStore migrates to the latest; connect by hand to stop at 0001.
      const schema = `m8_${Date.now().toString(36)}`;
      const dir = mkdtempSync(join(tmpdir(), "newsdesk-m8-"));
      const conn =
        dialect === "postgres" ? await connect(testDatabaseUrl!, { pgSchema: schema }) : await connect(`sqlite:${join(dir, "old.db")}`);
      try {
        const migrator = new Migrator({
          db: conn.db,
          provider: { getMigrations: async () => migrations },
          ...(conn.dialect === "postgres" ? { migrationTableSchema: schema } : {}),
        });
        expect((await migrator.migrateTo("0001-initial")).error).toBeUndefined();
        await sql`insert into feeds (id, url, scope, created_at) values ('f1', 'https://old.test/feed', 'global', 1)`.execute(conn.db);
        const applied = await migrateToLatest(conn.db, conn.dialect);
        expect(applied.applied).toContain("0008-leases");
        const store = createStore(conn.db, conn.dialect);
        expect((await store.feeds.get("f1"))?.url).toBe("https://old.test/feed");
        expect(await store.leases.acquire("leader:cluster", "me", 1000)).toBe(true);
      } finally {
        if (conn.dialect === "postgres") await sql`drop schema if exists ${sql.raw(schema)} cascade`.execute(conn.db);
        await conn.db.destroy();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
