import { sql, type RawBuilder } from "kysely";

/**
 * The database's own clock in epoch milliseconds, as an SQL expression. Leases and shared rate budgets
 * are compared between instances, so they must come from one clock that every instance reads the same
 * way: the database's, read at the moment the statement runs (Postgres `clock_timestamp()`, not `now()`,
 * which is frozen at the start of the transaction).
 */
export function dbNowMs(dialect: "sqlite" | "postgres"): RawBuilder<number> {
  return dialect === "postgres"
    ? sql<number>`(floor(extract(epoch from clock_timestamp()) * 1000))::bigint`
    : sql<number>`cast(unixepoch('subsec') * 1000 as integer)`;
}
