/**
 * A send budget shared by every instance that uses one bot token (Telegram's global cap of about 30
 * messages a second is per bot, not per process), and the hold a 429's retry_after puts on all of them.
 * One row per budget key; times are epoch milliseconds on the database's clock. Frozen once released.
 * Imports nothing from src/.
 */
import type { Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration sees the schema of its own time
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable("send_budgets")
    .addColumn("key", "text", (c) => c.primaryKey())
    // The theoretical arrival time of the next send (GCRA): sends are granted while it is at most a
    // burst ahead of now, each moving it one interval on.
    .addColumn("next_at", "bigint", (c) => c.notNull().defaultTo(0))
    // No send of this key before this time (the latest 429's retry_after).
    .addColumn("hold_until", "bigint", (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable("send_budgets").execute();
}
