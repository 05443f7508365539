/** What every Bot API method handler of the fake gets to work with. */
import type { BotCommand } from "grammy/types";
import type { ParseHtmlOptions } from "./parse-html.js";
import type { RateLimiter } from "./rate-limiter.js";
import type { Params } from "./read-params.js";
import type { TelegramState } from "./telegram-state.js";
import type { UpdateQueue } from "./update-queue.js";

export interface CallbackQueryRecord {
  id: string;
  /** The update that carried the query. */
  updateId: number;
  chatId: number;
  messageId: number;
  fromId: number;
  data: string;
  answered: boolean;
  /** The answerCallbackQuery parameters (text, show_alert, url, cache_time). */
  answer?: Record<string, unknown>;
}

/** Settings the bot changed that tests may want to inspect. */
export interface FakeRecords {
  webhook: Record<string, unknown> | undefined;
  /** Menu buttons by chat id, or "default". */
  menuButtons: Map<string, unknown>;
  /** Commands by scope key (see scopeKey). */
  commands: Map<string, BotCommand[]>;
  callbackQueries: Map<string, CallbackQueryRecord>;
}

export interface MethodContext {
  state: TelegramState;
  updates: UpdateQueue;
  limiter: RateLimiter;
  records: FakeRecords;
  html: ParseHtmlOptions;
  /** Registers cleanup for when the client goes away before the answer (an aborted long poll). */
  onAbort(cancel: () => void): void;
}

export type MethodHandler = (ctx: MethodContext, params: Params) => unknown;
