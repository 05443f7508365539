import type { Insertable, Selectable } from "kysely";

export interface SendBudgetsTable {
  /** e.g. "telegram:<bot id>": one budget per bot token (the id part only, never the secret). */
  key: string;
  /** Epoch ms (database clock): theoretical arrival time of the next send. */
  next_at: number;
  /** Epoch ms (database clock): no send before this (a 429's retry_after). */
  hold_until: number;
}
export type SendBudgetRow = Selectable<SendBudgetsTable>;
export type NewSendBudgetRow = Insertable<SendBudgetsTable>;
