import type { Generated, Insertable, Selectable, Updateable } from "kysely";

/** Times are epoch milliseconds (bigint columns) on both dialects; booleans are 0/1 integers. */
export interface FeedsTable {
  id: string;
  url: string;
  /** "global" or a community id. */
  scope: string;
  title: string | null;
  site_url: string | null;
  etag: string | null;
  last_modified: string | null;
  source_weight: Generated<number>;
  ttl_minutes: number | null;
  created_at: number;
  last_polled_at: number | null;
  last_success_at: number | null;
  consecutive_failures: Generated<number>;
  failing_since: number | null;
  last_error: string | null;
  last_error_kind: string | null;
  next_poll_at: number | null;
  warned_at: number | null;
  disabled_at: number | null;
  disabled_reason: string | null;
}
export type FeedRow = Selectable<FeedsTable>;
export type NewFeedRow = Insertable<FeedsTable>;
export type FeedUpdate = Updateable<FeedsTable>;
