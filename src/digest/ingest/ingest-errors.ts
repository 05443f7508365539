/**
 * Ingest-specific errors. `code` is the machine-readable kind stored as FeedHealth.lastErrorKind;
 * `userMessage` is what a moderator reads in `feeds list` or a chat notice.
 */
import { describeError, FetchError, NewsdeskError, ParseError } from "../../core/errors.js";

export type FetchErrorCode =
  | "timeout"
  | "dns"
  | "tls"
  | "connection"
  | "http"
  | "too-large"
  | "blocked"
  | "redirects"
  | "file"
  | "bad-url";

export function fetchError(code: FetchErrorCode, userMessage: string, cause?: unknown, internal?: string): FetchError {
  return new FetchError(internal ?? userMessage, { code, userMessage, cause });
}

/** The server answered with a non-success status. `retryAfterMs` comes from Retry-After on 429/503. */
export class HttpStatusError extends FetchError {
  constructor(
    readonly status: number,
    readonly retryAfterMs: number | null,
    url: string,
  ) {
    const text = status === 429 ? "too many requests" : status === 404 ? "not found" : status === 410 ? "gone" : status >= 500 ? "server error" : "refused";
    super(`HTTP ${status} from ${url}`, { code: "http", userMessage: `HTTP ${status} (${text})` });
  }
}

/** The document is not a feed (e.g. an HTML page). `alternateUrl` is the feed the page links to, if any. */
export class NotAFeedError extends ParseError {
  constructor(
    message: string,
    readonly alternateUrl: string | null,
  ) {
    super(message, {
      code: "not-a-feed",
      userMessage: alternateUrl ? `${message}; the page links to a feed at ${alternateUrl}` : message,
    });
  }
}

/** A 304 to a request that sent no validators: the poller and `feeds test` both warn with this. */
export const NOT_MODIFIED_WITHOUT_VALIDATORS = "The server answered 304 Not Modified to a request without validators (nothing was read)";

export function parseError(userMessage: string, cause?: unknown): ParseError {
  return new ParseError(userMessage, { code: "parse", userMessage, cause });
}

/** The error as { code, readable message }, whatever was thrown. */
export function describeFeedError(err: unknown): { code: string; message: string } {
  if (err instanceof NewsdeskError) return { code: err.code, message: err.userMessage };
  return { code: "internal", message: `Unexpected error: ${describeError(err)}` };
}
