/**
 * Kysely prepares every query anew; each better-sqlite3 statement holds native memory freed only when
 * a GC finalises it. The cache re-uses statements by SQL text, bounded, and never hands out one that
 * is still iterating.
 */
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { cachingStatements } from "../../src/store/statement-cache.js";

function counted(): { db: Database.Database; prepared: () => number } {
  const db = new Database(":memory:");
  db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
  let n = 0;
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    n++;
    return prepare(sql);
  }) as typeof db.prepare;
  return { db, prepared: () => n };
}

describe("cachingStatements", () => {
  it("prepares a repeated query once and gives the same results", () => {
    const { db, prepared } = counted();
    const cached = cachingStatements(db, 8);
    for (let i = 0; i < 100; i++) cached.prepare("INSERT INTO t (v) VALUES (?)").run([`v${i}`]);
    const rows = cached.prepare("SELECT count(*) AS n FROM t").all([]);
    expect(rows).toEqual([{ n: 100 }]);
    expect(prepared()).toBe(2);
  });

  it("holds at most `capacity` statements, forgetting the least recently used", () => {
    const { db, prepared } = counted();
    const cached = cachingStatements(db, 2);
    const q = (k: number) => cached.prepare(`SELECT ${k} AS k`).all([]);
    q(1);
    q(2);
    q(1); // 1 is now the most recent
    q(3); // evicts 2
    expect(prepared()).toBe(3);
    q(1);
    expect(prepared()).toBe(3);
    q(2);
    expect(prepared()).toBe(4);
  });

  it("gives a statement of its own to a query while the cached one is still iterating", () => {
    const { db } = counted();
    const cached = cachingStatements(db, 8);
    for (let i = 0; i < 3; i++) cached.prepare("INSERT INTO t (v) VALUES (?)").run([`v${i}`]);
    const sql = "SELECT v FROM t ORDER BY id";
    const outer = cached.prepare(sql).iterate([]);
    const first = outer.next();
    // Same SQL while the first is mid-iteration: better-sqlite3 would throw "busy" on a shared one.
    expect(cached.prepare(sql).all([])).toHaveLength(3);
    expect(first.value).toEqual({ v: "v0" });
    expect([...outer]).toHaveLength(2);
    cached.close();
    expect(db.open).toBe(false);
  });
});
