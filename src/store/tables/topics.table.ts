import type { Insertable, Selectable } from "kysely";

export interface TopicsTable {
  id: string;
  name: string;
  description: string;
  /** JSON array of words/phrases. */
  keywords: string;
  /** JSON array of words/phrases that veto a match. */
  exclude: string;
  /** null = built-in catalogue. */
  community_id: string | null;
  created_at: number;
}
export type TopicRow = Selectable<TopicsTable>;
export type NewTopicRow = Insertable<TopicsTable>;
