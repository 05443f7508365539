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
  /**
   * Telegram may have accepted the message although we got no answer saying so: a 5xx (502 Bad Gateway,
   * 504) or a connection lost after the request went out. Telegram has no idempotency key, so resending
   * may post it twice (a refused connection or a failed DNS lookup never reached Telegram: not ambiguous).
   */
  ambiguous?: boolean;
}

/** Network errors that happen before the request reaches Telegram. */
const NEVER_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "UND_ERR_CONNECT_TIMEOUT", "ERR_INVALID_URL"]);

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
    if (err.error_code >= 500) return { kind: "transient", reason, unreachable: false, ambiguous: true };
    // Other 400s are more likely our bug (markup, length) than the chat's fault: never deactivate for them.
    return { kind: "transient", reason, unreachable: false };
  }
  if (err instanceof HttpError) {
    const code = networkCode(err.error);
    const reason = `${httpMethod(err)}: network error${code ? ` (${code})` : ""}`;
    return { kind: "transient", reason, unreachable: false, ambiguous: !NEVER_SENT.has(code) };
  }
  return { kind: "transient", reason: redactUrls(err instanceof Error ? err.message : String(err)), unreachable: false };
}

function httpMethod(err: HttpError): string {
  return /'([A-Za-z]+)'/.exec(err.message)?.[1] ?? "request";
}

function networkCode(inner: unknown): string {
  const e = inner as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === "string" && /^[A-Z0-9_]+$/.test(code) ? code : "";
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
