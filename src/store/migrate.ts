import { Migrator, sql, type Kysely, type MigrationResultSet } from "kysely";
import { migrations } from "../../migrations/index.js";
import { StoreError } from "../core/errors.js";
import type { Database } from "./database.js";

export interface MigrateResult {
  applied: string[];
}

/** Bring the schema up to date. Safe to run from several instances: Kysely takes a lock. */
export async function migrateToLatest(db: Kysely<Database>, dialect: "sqlite" | "postgres" = "sqlite"): Promise<MigrateResult> {
  // Postgres: name the schema in use (search_path). Otherwise Kysely looks for its bookkeeping tables
  // in every schema, finds another schema's (several deployments or test runs in one database) and
  // never creates its own.
  const schema =
    dialect === "postgres" ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s : undefined;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    throw new StoreError("database migration failed", { code: "migrate", cause: result.error });
  }
  return { applied: (result.results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName) };
}

/**
 * On Postgres, Kysely looks for its migration tables in every schema of the database unless told
 * which one: with several schemas (tests, or several newsdesks on one database) it may find another
 * schema's lock table, skip creating its own, and fail. Name the connection's own schema.
 */
export async function migrationSchema(db: Kysely<Database>): Promise<{ migrationTableSchema?: string }> {
  try {
    const r = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    const schema = r.rows[0]?.schema;
    return schema ? { migrationTableSchema: schema } : {};
  } catch {
    // SQLite has no schemas (and no current_schema()).
    return {};
  }
}
