import type { Insertable, Selectable } from "kysely";

export interface SubscriptionsTable {
  destination_id: string;
  topic_id: string;
  created_at: number;
}
export type SubscriptionRow = Selectable<SubscriptionsTable>;
export type NewSubscriptionRow = Insertable<SubscriptionsTable>;
