import type { Insertable, Selectable } from "kysely";

export interface StoryTopicsTable {
  story_id: string;
  topic_id: string;
  confidence: number;
}
export type StoryTopicRow = Selectable<StoryTopicsTable>;
export type NewStoryTopicRow = Insertable<StoryTopicsTable>;
