import type { Insertable, Selectable } from "kysely";

export interface StorySummariesTable {
  story_id: string;
  /** Hash of the item set the model was given. */
  version: string;
  status: "ok" | "empty" | "failed";
  /** JSON array of CitedSentenceRecord. */
  sentences: string;
  attempts: number;
  model: string | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}
export type StorySummaryRow = Selectable<StorySummariesTable>;
export type NewStorySummaryRow = Insertable<StorySummariesTable>;
