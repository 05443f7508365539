import type { Insertable, Selectable } from "kysely";

export interface StoriesTable {
  id: string;
  headline_item_id: string;
  title: string;
  url: string;
  summary: string;
  image_url: string | null;
  /** JSON array of StorySource: denormalised so a digest needs one read per story. */
  sources: string;
  score: number;
  first_seen_at: number;
  last_seen_at: number;
  updated_at: number;
}
export type StoryRow = Selectable<StoriesTable>;
export type NewStoryRow = Insertable<StoriesTable>;
