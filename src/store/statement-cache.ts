/**
 * A bounded cache of better-sqlite3 prepared statements, in front of Kysely's SQLite driver.
 *
 * Why: Kysely prepares every query anew (`db.prepare(sql)` per execution). A prepared statement holds
 * native memory that better-sqlite3 does not report to V8, so it is freed only when a garbage
 * collection happens to finalise its small JS wrapper. Under a delivery run to 10,000 destinations
 * the JS heap stays small, collections are rare, and the process's resident memory grew past 1 GB of
 * dead statements (measured by `npm run bench live-memory`). Re-using the statement for the same SQL
 * text keeps the number of live statements at most `capacity`, whatever the load, and saves the
 * parse and plan of each repeated query.
 *
 * Safe because Kysely runs one query at a time per connection and `all`/`run` finish synchronously;
 * a statement still held by an unfinished `iterate()` is `busy`, and then a fresh one is prepared.
 */
import type { Database as SqliteDatabase, Statement } from "better-sqlite3";
import type { SqliteDatabase as KyselySqliteDatabase, SqliteStatement } from "kysely";
import { BoundedCache } from "../core/bounded-cache.js";

export const DEFAULT_STATEMENT_CACHE = 256;

export function cachingStatements(db: SqliteDatabase, capacity = DEFAULT_STATEMENT_CACHE): KyselySqliteDatabase {
  let cache = new BoundedCache<string, Statement>(capacity);
  return {
    close: () => {
      cache = new BoundedCache<string, Statement>(capacity);
      db.close();
    },
    prepare(sql: string): SqliteStatement {
      const hit = cache.get(sql);
      if (hit && !hit.busy) return hit as unknown as SqliteStatement;
      const stmt = db.prepare(sql);
      // The cached one is still iterating (a stream): this execution gets a statement of its own.
      if (!hit) cache.set(sql, stmt);
      return stmt as unknown as SqliteStatement;
    },
  };
}
