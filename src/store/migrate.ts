import { Migrator, type Kysely, type MigrationResultSet } from "kysely";
import { migrations } from "../../migrations/index.js";
import { StoreError } from "../core/errors.js";
import type { Database } from "./database.js";

export interface MigrateResult {
  applied: string[];
}

/** Bring the schema up to date. Safe to run from several instances: Kysely takes a lock. */
export async function migrateToLatest(db: Kysely<Database>, pgSchema?: string): Promise<MigrateResult> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    // Kysely looks for its bookkeeping tables in every schema unless told which: another newsdesk in a
    // sibling schema of the same database would make it skip creating its own.
    ...(pgSchema ? { migrationTableSchema: pgSchema } : {}),
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    throw new StoreError("database migration failed", { code: "migrate", cause: result.error });
  }
  return { applied: (result.results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName) };
}
