import type { Insertable, Selectable, Updateable } from "kysely";

export interface ItemsTable {
  id: string;
  feed_id: string;
  hash: string;
  guid: string | null;
  url: string;
  canonical_url: string;
  title: string;
  summary: string;
  content_hash: string;
  image_url: string | null;
  author: string | null;
  published_at: number;
  date_is_fallback: number;
  first_seen_at: number;
  updated_at: number;
  last_seen_at: number;
  story_id: string | null;
}
export type ItemRow = Selectable<ItemsTable>;
export type NewItemRow = Insertable<ItemsTable>;
export type ItemUpdate = Updateable<ItemsTable>;
