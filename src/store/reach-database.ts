/**
 * The first query against a new connection, so an unreachable or misconfigured database is reported
 * as such (`cannot reach Postgres at db.internal:5432 (connection refused)`) instead of surfacing later
 * as "database migration failed". The message names host, port and cause, never the password.
 */
import { sql, type Kysely } from "kysely";
import { StoreError } from "../core/errors.js";
import type { Database } from "./database.js";

/** Host and port of a postgres:// URL, defaults filled in; the credentials are never part of it. */
export function postgresAddress(url: string): string {
  try {
    const u = new URL(url);
    const host = u.hostname || u.searchParams.get("host") || "localhost";
    return `${host.includes(":") && !host.startsWith("[") ? `[${host}]` : host}:${u.port || "5432"}`;
  } catch {
    return "the DATABASE_URL address";
  }
}

interface PgLikeError {
  code?: string;
  message?: string;
  errors?: unknown[];
}

/** The cause in a few words: a socket error code, or the server's SQLSTATE for login problems. */
export function connectFailureReason(err: unknown): { reach: boolean; reason: string } {
  const e = (err ?? {}) as PgLikeError;
  // Node wraps a refused dual-stack connect (::1 and 127.0.0.1) in an AggregateError.
  const code = e.code ?? (e.errors?.[0] as PgLikeError | undefined)?.code;
  switch (code) {
    case "ECONNREFUSED":
      return { reach: false, reason: "connection refused" };
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return { reach: false, reason: "host not found" };
    case "ETIMEDOUT":
      return { reach: false, reason: "connection timed out" };
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return { reach: false, reason: "host unreachable" };
    case "ECONNRESET":
      return { reach: false, reason: "connection reset" };
    case "28P01":
    case "28000":
      return { reach: true, reason: "the server refused the login: check the user and password in DATABASE_URL" };
    case "3D000":
      return { reach: true, reason: "the database does not exist" };
    default:
      break;
  }
  const message = e.message ?? String(err);
  // pg's own connect timeout has no code, only this message.
  if (/timeout/i.test(message)) return { reach: false, reason: "connection timed out" };
  return { reach: true, reason: message };
}

/** Throws a StoreError naming the address and cause when the database does not answer `SELECT 1`. */
export async function reachDatabase(db: Kysely<Database>, dialect: "sqlite" | "postgres", url: string): Promise<void> {
  if (dialect !== "postgres") return;
  try {
    await sql`select 1`.execute(db);
  } catch (cause) {
    const address = postgresAddress(url);
    const { reach, reason } = connectFailureReason(cause);
    const message = reach ? `Postgres at ${address}: ${reason}` : `cannot reach Postgres at ${address} (${reason})`;
    throw new StoreError(message, { code: reach ? "login" : "unreachable", cause });
  }
}
