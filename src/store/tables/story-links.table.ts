import type { Insertable, Selectable } from "kysely";

export interface StoryLinksTable {
  story_id: string;
  earlier_story_id: string;
  /** "followup" | "same" */
  kind: string;
  score: number;
  earlier_title: string;
  earlier_url: string;
  earlier_first_seen_at: number;
  created_at: number;
}
export type StoryLinkRow = Selectable<StoryLinksTable>;
export type NewStoryLinkRow = Insertable<StoryLinksTable>;
