/**
 * A failed Discord call as a classified SendResult: permanent (deactivate the destination, with a reason
 * a moderator can act on), rate-limited, or transient (retry later).
 */
import { DiscordAPIError, HTTPError, RateLimitError } from "discord.js";
import { PlatformError } from "../../core/errors.js";
import type { SendResult } from "../../core/messenger.js";

type Failure = Extract<SendResult, { ok: false }>;

/** Discord JSON error codes that will not go away by retrying, with what to tell moderators. */
export const PERMANENT_REASONS: Readonly<Record<number, string>> = {
  10003: "The channel no longer exists (Discord: Unknown Channel).",
  10004: "The bot is no longer in that server (Discord: Unknown Guild).",
  10013: "That Discord user no longer exists (Discord: Unknown User).",
  50001: "The bot cannot see that channel any more (Discord: Missing Access). Give it View Channel there.",
  50007: "That member does not accept direct messages from the bot (Discord: Cannot send messages to this user).",
  50008: "That channel does not accept messages (Discord: non-text channel).",
  50013:
    "The bot lacks a permission in that channel (Discord: Missing Permissions). It needs View Channel, Send Messages (Send Messages in Threads for threads) and Embed Links.",
  50083: "The thread is archived (Discord: Thread is archived): unarchive it or choose another channel with /channel set.",
  160005: "The thread is locked (Discord: Thread is locked): unlock it or choose another channel with /channel set.",
};

/** Our own PlatformError codes for a thread we could not reopen: permanent, their userMessage says why. */
export const THREAD_FAILURE_CODES = { locked: "discord-thread-locked", reopenDenied: "discord-thread-reopen-denied" } as const;
const PERMANENT_PLATFORM_CODES: ReadonlySet<string> = new Set(Object.values(THREAD_FAILURE_CODES));

/** A failure that means this destination cannot be posted to any more (not one refused message). */
export function isUnreachable(err: unknown): boolean {
  const code = discordErrorCode(err);
  return (code !== undefined && UNREACHABLE_CODES.has(code)) || (err instanceof PlatformError && PERMANENT_PLATFORM_CODES.has(err.code));
}

/** Codes that mean the bot lost the place itself (as opposed to one message being refused). */
export const UNREACHABLE_CODES: ReadonlySet<number> = new Set([10003, 10004, 50001, 50007, 50083]);

export function discordErrorCode(err: unknown): number | undefined {
  return err instanceof DiscordAPIError && typeof err.code === "number" ? err.code : undefined;
}

export function classifySendError(err: unknown, messageIds: string[]): Failure {
  if (err instanceof PlatformError && PERMANENT_PLATFORM_CODES.has(err.code)) {
    return { ok: false, kind: "permanent", reason: err.userMessage, messageIds };
  }
  if (err instanceof DiscordAPIError) {
    const code = typeof err.code === "number" ? err.code : -1;
    const permanent = PERMANENT_REASONS[code];
    if (permanent) return { ok: false, kind: "permanent", reason: permanent, messageIds };
    if (err.status === 429) return { ok: false, kind: "rate-limited", reason: "Discord asked us to slow down.", messageIds };
    if (err.status >= 500) return { ok: false, kind: "transient", reason: `Discord error ${err.status}.`, messageIds };
    if (err.status === 401) {
      return { ok: false, kind: "transient", reason: "Discord refused the bot token (401); check DISCORD_TOKEN.", messageIds };
    }
    // 400s for our own bodies (e.g. 50035) would fail the same way again.
    return { ok: false, kind: "permanent", reason: `Discord refused the message (${code}: ${err.message}).`, messageIds };
  }
  if (err instanceof RateLimitError) {
    return { ok: false, kind: "rate-limited", reason: "Discord asked us to slow down.", retryAfterMs: err.retryAfter, messageIds };
  }
  if (err instanceof HTTPError) {
    return { ok: false, kind: "transient", reason: `Discord error ${err.status} after retries.`, messageIds };
  }
  const name = err instanceof Error ? err.name : "";
  const reason = name === "AbortError" || name === "TimeoutError" ? "Discord did not answer in time." : "Could not reach Discord.";
  return { ok: false, kind: "transient", reason, messageIds };
}
