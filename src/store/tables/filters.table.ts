import type { Insertable, Selectable } from "kysely";

export interface FiltersTable {
  destination_id: string;
  /** "include" | "exclude" */
  mode: string;
  word: string;
}
export type FilterRow = Selectable<FiltersTable>;
export type NewFilterRow = Insertable<FiltersTable>;
