/**
 * Runs store tests on every dialect available: SQLite always (a temp file, so two connections can
 * race), Postgres when TEST_DATABASE_URL is set, each in a fresh schema that is dropped afterwards.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { Store } from "../../src/core/ports.js";
import { openStore } from "../../src/store/open-store.js";

export interface DialectFixture {
  name: "sqlite" | "postgres";
  /** Opens another connection to the same database (for races between "instances"). */
  open(): Promise<Store>;
  cleanup(): Promise<void>;
}

export const testDatabaseUrl: string | undefined = process.env["TEST_DATABASE_URL"];

export function dialectNames(): ("sqlite" | "postgres")[] {
  return testDatabaseUrl ? ["sqlite", "postgres"] : ["sqlite"];
}

export async function createFixture(name: "sqlite" | "postgres"): Promise<DialectFixture> {
  if (name === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "newsdesk-store-"));
    const url = `sqlite:${join(dir, "test.db")}`;
    return {
      name,
      open: () => openStore(url),
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const url = testDatabaseUrl;
  if (!url) throw new Error("TEST_DATABASE_URL is not set");
  const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  return {
    name,
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
