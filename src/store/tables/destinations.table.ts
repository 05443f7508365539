import type { Insertable, Selectable, Updateable } from "kysely";

export interface DestinationsTable {
  id: string;
  platform: string;
  chat_id: string;
  /** "" for the chat itself: an empty string (not NULL) keeps the unique key working on both dialects. */
  thread_id: string;
  kind: string;
  name: string | null;
  community_id: string | null;
  user_id: string | null;
  time_of_day: string;
  time_zone: string;
  max_stories: number;
  active: number;
  inactive_reason: string | null;
  last_digest_at: number | null;
  created_at: number;
  updated_at: number;
}
export type DestinationRow = Selectable<DestinationsTable>;
export type NewDestinationRow = Insertable<DestinationsTable>;
export type DestinationUpdate = Updateable<DestinationsTable>;
