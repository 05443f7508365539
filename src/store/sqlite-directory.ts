/**
 * A SQLite file in a directory that does not exist yet gets its directories created, and the caller
 * is told which, so the operator sees where a typo in DATABASE_URL put their database.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { sqlitePath } from "./connect.js";

/** Creates the directories of a `sqlite:<path>` URL; returns the first one created, or null. */
export function prepareSqliteDirectory(url: string): string | null {
  if (!url.startsWith("sqlite:")) return null;
  const file = sqlitePath(url);
  if (file === ":memory:") return null;
  return mkdirSync(dirname(file), { recursive: true }) ?? null;
}
