/**
 * Turns what grammY throws into the core's classified failure, with a reason safe to log and to show to
 * moderators: grammY's HttpError can carry the request URL, and the URL carries the bot token, so only the
 * method name and Telegram's own description ever leave this file.
 */
import { GrammyError, HttpError } from "grammy";
import type { SendFailureKind } from "../../core/messenger.js";

export interface ClassifiedFailure {
  kind: SendFailureKind;
  reason: string;
  retryAfterMs?: number;
  migrateToChatId?: string;
  /** The bot can never post there again: blocked, kicked, chat deleted, user deactivated. */
  unreachable: boolean;
}

/** 400 descriptions that mean the destination is gone or closed to the bot for good. */
const PERMANENT_400 = [
  "chat not found",
  "message thread not found",
  "topic_closed",
  "topic_deleted",
  "need administrator rights",
  "not enough rights",
  "have no rights to send",
  "chat_write_forbidden",
  "chat_restricted",
  "peer_id_invalid",
  "group chat was deactivated",
];

export function classifySendError(err: unknown): ClassifiedFailure {
  if (err instanceof GrammyError) {
    const description = err.description.replace(/^(Bad Request|Forbidden|Too Many Requests): /i, "");
    const reason = `Telegram ${err.error_code}: ${description}`;
    const lower = err.description.toLowerCase();
    const migrate = err.parameters.migrate_to_chat_id;
    if (migrate !== undefined) {
      return { kind: "permanent", reason, migrateToChatId: String(migrate), unreachable: false };
    }
    if (err.error_code === 429) {
      const seconds = err.parameters.retry_after ?? 1;
      return { kind: "rate-limited", reason, retryAfterMs: seconds * 1000, unreachable: false };
    }
    if (err.error_code === 403) return { kind: "permanent", reason, unreachable: true };
    if (err.error_code === 400 && PERMANENT_400.some((p) => lower.includes(p))) {
      return { kind: "permanent", reason, unreachable: lower.includes("chat not found") || lower.includes("deactivated") };
    }
    // Other 400s are more likely our bug (markup, length) than the chat's fault: never deactivate for them.
    return { kind: "transient", reason, unreachable: false };
  }
  if (err instanceof HttpError) {
    return { kind: "transient", reason: `${httpMethod(err)}: network error${networkCode(err.error)}`, unreachable: false };
  }
  return { kind: "transient", reason: redactUrls(err instanceof Error ? err.message : String(err)), unreachable: false };
}

function httpMethod(err: HttpError): string {
  return /'([A-Za-z]+)'/.exec(err.message)?.[1] ?? "request";
}

function networkCode(inner: unknown): string {
  const code = (inner as { code?: unknown; cause?: { code?: unknown } } | null)?.code ??
    (inner as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof code === "string" && /^[A-Z0-9_]+$/.test(code) ? ` (${code})` : "";
}

/** Removes anything that looks like a Bot API URL or token from free text. */
export function redactUrls(s: string): string {
  return s.replace(/https?:\/\/\S+/g, "<url>").replace(/\d{5,}:[A-Za-z0-9_-]{20,}/g, "<token>");
}

/** One short line for logs: method and Telegram's description, never the token or the URL. */
export function describeTelegramError(err: unknown): string {
  if (err instanceof GrammyError) return `${err.method}: ${err.error_code} ${err.description}`;
  return classifySendError(err).reason;
}
