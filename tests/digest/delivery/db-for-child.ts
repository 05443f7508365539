/** A database a child process can open too: a temp SQLite file, or a fresh Postgres schema. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { Store } from "../../../src/core/ports.js";
import { openStore } from "../../../src/store/open-store.js";
import { testDatabaseUrl } from "../../store/store-fixture.js";

export interface ChildDb {
  /** Environment for the child: DATABASE_URL (and PG_SCHEMA). */
  env: Record<string, string>;
  open(): Promise<Store>;
  cleanup(): Promise<void>;
}

export function childDb(dialect: "sqlite" | "postgres"): ChildDb {
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "newsdesk-crash-"));
    const url = `sqlite:${join(dir, "live.db")}`;
    return { env: { DATABASE_URL: url }, open: () => openStore(url), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const url = testDatabaseUrl;
  if (!url) throw new Error("TEST_DATABASE_URL is not set");
  const schema = `c_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  return {
    env: { DATABASE_URL: url, PG_SCHEMA: schema },
    open: () => openStore(url, { pgSchema: schema, poolSize: 4 }),
    cleanup: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await c.end();
      }
    },
  };
}
