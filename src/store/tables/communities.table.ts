import type { Insertable, Selectable } from "kysely";

export interface CommunitiesTable {
  id: string;
  platform: string;
  external_id: string;
  name: string | null;
  notice_destination_id: string | null;
  created_at: number;
}
export type CommunityRow = Selectable<CommunitiesTable>;
export type NewCommunityRow = Insertable<CommunitiesTable>;
