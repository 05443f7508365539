/**
 * Every migration, listed statically so bundlers and `tsx` need no directory scan. A test checks that
 * each file in this folder appears here. Names sort in the order they run.
 */
import type { Migration } from "kysely";
import * as m0001 from "./0001-initial.js";
import * as m0003 from "./0003-story-links.js";
import * as m0005 from "./0005-grounded-summaries.js";
import * as m0008 from "./0008-leases.js";
import * as m0009 from "./0009-send-budgets.js";
import * as m0010 from "./0010-story-id-indexes.js";

export const migrations: Record<string, Migration> = {
  "0001-initial": m0001,
  "0003-story-links": m0003,
  "0005-grounded-summaries": m0005,
  "0008-leases": m0008,
  "0009-send-budgets": m0009,
  "0010-story-id-indexes": m0010,
};
