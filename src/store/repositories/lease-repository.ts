/**
 * Leases on the `leases` table (migration 0008). Expiry is computed by the database's own clock, so
 * instances whose clocks drift apart still agree on who holds what. Taking a lease is one
 * INSERT … ON CONFLICT DO UPDATE … WHERE (expired or already ours): atomic on Postgres (the conflicting
 * row is locked and the condition re-checked) and on SQLite (one writer at a time).
 */
import { sql, type Kysely, type RawBuilder } from "kysely";
import type { LeaseRepository } from "../../core/ports.js";
import type { Database } from "../database.js";

/** Epoch milliseconds now, by the database. */
export function dbNowMs(dialect: "sqlite" | "postgres"): RawBuilder<number> {
  return dialect === "postgres"
    ? sql<number>`(extract(epoch from clock_timestamp()) * 1000)::bigint`
    : sql<number>`cast(round((julianday('now') - 2440587.5) * 86400000) as integer)`;
}

export function createLeaseRepository(db: Kysely<Database>, dialect: "sqlite" | "postgres"): LeaseRepository {
  const now = () => dbNowMs(dialect);
  return {
    async acquire(name, holder, ttlMs) {
      const ttl = Math.max(1, Math.round(ttlMs));
      const row = await db
        .insertInto("leases")
        .values({ name, holder, acquired_at: now(), expires_at: sql<number>`${now()} + ${ttl}` })
        .onConflict((oc) =>
          oc
            .column("name")
            .doUpdateSet({
              holder: (eb) => eb.ref("excluded.holder"),
              expires_at: (eb) => eb.ref("excluded.expires_at"),
              // A renewal keeps the time it was first taken (how long this leader has led).
              acquired_at: sql<number>`case when leases.holder = excluded.holder then leases.acquired_at else excluded.acquired_at end`,
            })
            .where((eb) => eb.or([eb("leases.holder", "=", holder), eb("leases.expires_at", "<=", now())])),
        )
        .returning("holder")
        .executeTakeFirst();
      return row?.holder === holder;
    },
    async release(name, holder) {
      await db.deleteFrom("leases").where("name", "=", name).where("holder", "=", holder).execute();
    },
    async holder(name) {
      const row = await db
        .selectFrom("leases")
        .select(["holder", "expires_at"])
        .where("name", "=", name)
        .where("expires_at", ">", now())
        .executeTakeFirst();
      return row ? { holder: row.holder, expiresAt: new Date(Number(row.expires_at)) } : null;
    },
  };
}
