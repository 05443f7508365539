/**
 * Opens a Kysely instance for a DATABASE_URL: `sqlite:<path>` (or `sqlite::memory:`) on better-sqlite3,
 * `postgres://…` on pg. The only file that knows about drivers.
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import type pg from "pg";
import { StoreError } from "../core/errors.js";
import type { Database } from "./database.js";
import { cachingStatements } from "./statement-cache.js";

export type Dialect = "sqlite" | "postgres";

export interface Connection {
  db: Kysely<Database>;
  dialect: Dialect;
}

export interface ConnectOptions {
  /** Postgres only: use this schema (search_path), creating it if needed. Tests use a fresh one per run. */
  pgSchema?: string;
  /** Postgres pool size. */
  poolSize?: number;
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

export function sqlitePath(url: string): string {
  const rest = url.slice("sqlite:".length);
  if (rest === ":memory:" || rest === "") return ":memory:";
  return resolve(rest.replace(/^\/\//, ""));
}

export async function connect(url: string, opts: ConnectOptions = {}): Promise<Connection> {
  if (url.startsWith("sqlite:")) {
    const file = sqlitePath(url);
    if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
    let sqlite: SqliteDatabase.Database;
    try {
      sqlite = new SqliteDatabase(file);
    } catch (cause) {
      throw new StoreError(`cannot open SQLite database at ${file}`, { code: "open", cause });
    }
    // WAL lets readers run beside the writer; busy_timeout makes a second process wait, not fail.
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("busy_timeout = 5000");
    sqlite.pragma("synchronous = NORMAL");
    return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(sqlite) }) }), dialect: "sqlite" };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    // Loaded only for Postgres: a SQLite instance does not carry the driver's memory.
    const { default: pgDriver } = await import("pg");
    const schema = opts.pgSchema;
    if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
      throw new StoreError(`invalid schema name ${schema}`, { code: "config" });
    }
    if (schema) {
      const client = new pgDriver.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      } finally {
        await client.end();
      }
    }
    const pool = new pgDriver.Pool({
      connectionString: url,
      max: opts.poolSize ?? 10,
      // A silently dropped connection (firewall, wrong host) fails in 10 s instead of hanging start-up.
      connectionTimeoutMillis: 10_000,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
      // Times are epoch milliseconds in bigint columns: read them back as numbers, not strings.
      types: {
        getTypeParser: ((oid: number, format?: "text" | "binary") =>
          oid === INT8_OID || oid === NUMERIC_OID
            ? (v: string) => Number(v)
            : pgDriver.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), dialect: "postgres" };
  }
  throw new StoreError(`unsupported DATABASE_URL scheme in ${url.split(":")[0]}:`, { code: "config" });
}
