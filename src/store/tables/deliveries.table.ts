import type { Insertable, Selectable, Updateable } from "kysely";

export interface DeliveriesTable {
  id: string;
  destination_id: string;
  digest_key: string;
  /** "claimed" | "sent" | "failed" */
  status: string;
  claimed_by: string | null;
  lease_until: number | null;
  attempts: number;
  /** JSON array of story ids fixed at claim time. */
  story_ids: string;
  /** JSON array of platform message ids, appended as each is accepted. */
  message_ids: string;
  /** JSON of the DigestDoc fixed at claim time, so a resumed send renders the same parts. */
  doc: string | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
}
export type DeliveryRow = Selectable<DeliveriesTable>;
export type NewDeliveryRow = Insertable<DeliveriesTable>;
export type DeliveryUpdate = Updateable<DeliveriesTable>;
