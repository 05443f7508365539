import type { Insertable, Selectable } from "kysely";

export interface StoryMessagesTable {
  destination_id: string;
  story_id: string;
  delivery_id: string | null;
  chat_id: string;
  /** "" when none. */
  thread_id: string;
  message_id: string;
  sent_at: number;
}
export type StoryMessageRow = Selectable<StoryMessagesTable>;
export type NewStoryMessageRow = Insertable<StoryMessagesTable>;
