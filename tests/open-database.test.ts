import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { StoreError } from "../src/core/errors.js";
import { openDatabase } from "../src/open-database.js";
import { connectFailureReason, postgresAddress } from "../src/store/reach-database.js";

const dir = mkdtempSync(join(tmpdir(), "newsdesk-open-db-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("openDatabase", () => {
  it("creates the missing directories of a SQLite file and says which, once", async () => {
    const said: string[] = [];
    const url = `sqlite:${join(dir, "a", "b", "n.db")}`;
    const store = await openDatabase(url, (d) => said.push(d));
    await store.close();
    expect(said).toEqual([join(dir, "a")]);
    expect(existsSync(join(dir, "a", "b", "n.db"))).toBe(true);
    const again = await openDatabase(url, (d) => said.push(d));
    await again.close();
    expect(said).toHaveLength(1);
  });

  it("names host, port and cause of an unreachable Postgres, never the password", async () => {
    const err = await openDatabase("postgres://newsdesk:s3cret-pass@127.0.0.1:1/news", () => {}).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).message).toBe("cannot reach Postgres at 127.0.0.1:1 (connection refused)");
    expect((err as StoreError).code).toBe("unreachable");
    expect(String((err as Error).message)).not.toContain("s3cret");
  });

  it.skipIf(!process.env["TEST_DATABASE_URL"])("tells a wrong database name from an unreachable server", async () => {
    const url = new URL(process.env["TEST_DATABASE_URL"] ?? "");
    url.pathname = "/no_such_database_newsdesk";
    const err = (await openDatabase(url.href, () => {}).then(
      () => null,
      (e: unknown) => e,
    )) as StoreError;
    expect(err.message).toBe(`Postgres at ${url.hostname}:${url.port || 5432}: the database does not exist`);
  });

  it("reads addresses and causes", () => {
    expect(postgresAddress("postgres://u:p@db.internal/x")).toBe("db.internal:5432");
    expect(postgresAddress("postgresql://u:p@[::1]:6543/x")).toBe("[::1]:6543");
    expect(connectFailureReason({ code: "ENOTFOUND" })).toEqual({ reach: false, reason: "host not found" });
    expect(connectFailureReason(new AggregateError([{ code: "ECONNREFUSED" }]))).toEqual({ reach: false, reason: "connection refused" });
    expect(connectFailureReason(new Error("Connection terminated due to connection timeout"))).toEqual({ reach: false, reason: "connection timed out" });
    expect(connectFailureReason({ code: "28P01", message: "password authentication failed for user \"u\"" }).reach).toBe(true);
  });
});
