/**
 * Opening the configured database for `npm start` and the CLI: the directories of a new SQLite file
 * are created and reported, and a failure is one line that says what to fix. An unreachable Postgres
 * names its host, port and cause (never the password); anything else keeps its own message.
 */
import { StoreError, describeError } from "./core/errors.js";
import type { Store } from "./core/ports.js";
import { openStore } from "./store/open-store.js";
import { prepareSqliteDirectory } from "./store/sqlite-directory.js";

export async function openDatabase(url: string, created: (directory: string) => void): Promise<Store> {
  const directory = prepareSqliteDirectory(url);
  if (directory) created(directory);
  try {
    return await openStore(url);
  } catch (err) {
    // reach-database's messages already say what failed; the rest get the context they lack.
    if (err instanceof StoreError && (err.code === "unreachable" || err.code === "login")) throw err;
    throw new StoreError(`cannot open the database: ${describeError(err)}`, { code: "open", cause: err });
  }
}
