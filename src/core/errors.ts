/**
 * Errors are named by where they failed (as grammY's GrammyError / HttpError), carry their cause, and
 * keep the text shown to users (`userMessage`) apart from the internal message that goes to logs.
 */
export class NewsdeskError extends Error {
  /** Short, safe text for chat replies and moderator notices. Never contains tokens or stack traces. */
  readonly userMessage: string;
  /** Machine-readable kind, e.g. "timeout", "not-a-feed", "conflict". */
  readonly code: string;

  constructor(message: string, opts: { code: string; userMessage?: string; cause?: unknown }) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = opts.code;
    this.userMessage = opts.userMessage ?? message;
  }
}

/** An environment variable is missing or invalid; start-up stops with this one line. */
export class ConfigError extends NewsdeskError {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`, { code: "config" });
  }
}

/** The database refused or failed an operation. */
export class StoreError extends NewsdeskError {}

/** A uniqueness rule was hit (e.g. the feed is already subscribed). */
export class ConflictError extends StoreError {
  constructor(message: string, userMessage?: string) {
    super(message, { code: "conflict", userMessage });
  }
}

/** Fetching a feed failed (network, HTTP status, size, SSRF guard …). `code` says which. */
export class FetchError extends NewsdeskError {}

/** The bytes were fetched but are not a feed we can read. */
export class ParseError extends NewsdeskError {}

/** A chat command was refused: bad argument, missing permission. `userMessage` is the reply. */
export class CommandError extends NewsdeskError {}

/** A platform (Discord, Telegram) rejected a call. */
export class PlatformError extends NewsdeskError {}

/** Best-effort text for a thrown value, for logs. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
