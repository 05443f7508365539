/**
 * Discord archives idle threads (after 1 h to 7 days without messages) and then refuses posts with 50083,
 * so a daily digest into a thread regularly finds it archived. Reopening an unlocked thread needs only
 * the right to post in it (Send Messages in Threads), whoever started it; a *locked* thread is a
 * moderator's decision, so we leave it closed even when the bot has Manage Threads and could reopen it.
 */
import { Routes, type Client } from "discord.js";
import { PlatformError } from "../../core/errors.js";
import { discordErrorCode, THREAD_FAILURE_CODES } from "./classify-send-error.js";

/** Discord: "Thread is archived" (also answered for posts into a locked thread). */
export const THREAD_ARCHIVED_CODE = 50083;
/** Discord: "Thread is locked". */
export const THREAD_LOCKED_CODE = 160005;

export const THREAD_LOCKED_REASON = "The thread is archived and locked: unlock it or choose another channel with /channel set.";
/** Locked but still open: only members with Manage Threads may post, and we do not act as a moderator. */
export const THREAD_LOCKED_OPEN_REASON = "The thread is locked: unlock it or choose another channel with /channel set.";
export const THREAD_REOPEN_DENIED_REASON =
  "The thread is archived and the bot may not reopen it (Discord: Missing Permissions): give the bot View Channel and Send Messages in Threads in the parent channel, or choose another channel with /channel set.";


interface RawThread {
  id: string;
  thread_metadata?: { archived?: boolean; locked?: boolean };
}

export interface ThreadRevivalOptions {
  client: Client;
  /** Runs a REST call through the adapter's pacer. */
  call<T>(fn: () => Promise<unknown>): Promise<T>;
}

export interface ThreadRevival {
  /** The gateway told us this thread is archived (saves a refused send). */
  knownArchived(threadId: string): boolean;
  /**
   * Reopens the thread; false when it turned out open already (nothing sent). Throws a PlatformError (a code in THREAD_FAILURE_CODES) when it is locked or the bot
   * may not reopen it; other failures (5xx, network) are thrown as they come, to be retried later.
   */
  reopen(threadId: string): Promise<boolean>;
}

export function createThreadRevival(opts: ThreadRevivalOptions): ThreadRevival {
  const { client, call } = opts;

  const locked = (threadId: string, archived: boolean, cause?: unknown) =>
    new PlatformError(`thread ${threadId} is locked`, {
      code: THREAD_FAILURE_CODES.locked,
      userMessage: archived ? THREAD_LOCKED_REASON : THREAD_LOCKED_OPEN_REASON,
      cause,
    });

  return {
    knownArchived(threadId) {
      const ch = client.channels.cache.get(threadId);
      return ch?.isThread() === true && ch.archived === true;
    },

    async reopen(threadId) {
      // Fresh state, not the cache: a moderator may have locked or reopened it since.
      const thread = await call<RawThread>(() => client.rest.get(Routes.channel(threadId)));
      const meta = thread.thread_metadata ?? {};
      if (meta.locked) throw locked(threadId, meta.archived === true);
      if (!meta.archived) return false;
      try {
        await call(() => client.rest.patch(Routes.channel(threadId), { body: { archived: false } }));
      } catch (err) {
        const code = discordErrorCode(err);
        // Locked between our read and the reopen.
        if (code === THREAD_LOCKED_CODE || code === THREAD_ARCHIVED_CODE) throw locked(threadId, true, err);
        if (code === 50013 || code === 50001) {
          throw new PlatformError(`may not reopen thread ${threadId}`, {
            code: THREAD_FAILURE_CODES.reopenDenied,
            userMessage: THREAD_REOPEN_DENIED_REASON,
            cause: err,
          });
        }
        throw err;
      }
      return true;
    },
  };
}
