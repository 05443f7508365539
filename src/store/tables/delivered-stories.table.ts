import type { Insertable, Selectable } from "kysely";

export interface DeliveredStoriesTable {
  destination_id: string;
  story_id: string;
  delivery_id: string | null;
  delivered_at: number;
}
export type DeliveredStoryRow = Selectable<DeliveredStoriesTable>;
export type NewDeliveredStoryRow = Insertable<DeliveredStoriesTable>;
