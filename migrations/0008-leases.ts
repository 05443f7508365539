/**
 * Leases for running several instances on one database: leader locks (clustering, Telegram long
 * polling) and per-host fetch slots. One row per lease; a lease is free when it has expired, so a dead
 * holder is replaced within one lease without any coordinator. Imports nothing from src/.
 */
import type { Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration sees the schema of its own time
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable("leases")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("holder", "text", (c) => c.notNull())
    // Epoch milliseconds by the database's clock, so instances with skewed clocks agree.
    .addColumn("acquired_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable("leases").execute();
}
