import type { Insertable, Selectable } from "kysely";

export interface SettingsTable {
  key: string;
  value: string;
}
export type SettingRow = Selectable<SettingsTable>;
export type NewSettingRow = Insertable<SettingsTable>;
