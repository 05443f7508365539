import type { Insertable, Selectable } from "kysely";

/** Leader locks and per-host fetch slots (migration 0008): free once `expires_at` has passed. */
export interface LeasesTable {
  name: string;
  holder: string;
  acquired_at: number;
  expires_at: number;
}
export type LeaseRow = Selectable<LeasesTable>;
export type NewLeaseRow = Insertable<LeasesTable>;
