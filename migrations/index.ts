/**
 * Every migration, listed statically so bundlers and `tsx` need no directory scan. A test checks that
 * each file in this folder appears here. Names sort in the order they run.
 */
import type { Migration } from "kysely";
import * as m0001 from "./0001-initial.js";
import * as m0005 from "./0005-grounded-summaries.js";

export const migrations: Record<string, Migration> = {
  "0001-initial": m0001,
  "0005-grounded-summaries": m0005,
};
