import type { Selectable } from "kysely";

/** Model calls made per UTC day, for LLM_MAX_STORIES_PER_DAY. */
export interface LlmUsageTable {
  /** YYYY-MM-DD (UTC). */
  day: string;
  calls: number;
}
export type LlmUsageRow = Selectable<LlmUsageTable>;
