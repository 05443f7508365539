/**
 * Delivery to Telegram: renders the DigestDoc into HTML parts, sends them in order (through the bot's API, so
 * flood control and bounded 429 retries apply), and classifies failures. A group that became a supergroup is
 * followed once: the destination moves (PlatformEvents.chatMigrated) and the send continues in the new chat.
 */
import type { Api } from "grammy";
import type { PlatformEvents } from "../../core/bot.js";
import type { Logger } from "../../core/logger.js";
import { UNCONFIRMED_MESSAGE_ID, type Messenger, type PlacedStories, type SendResult } from "../../core/messenger.js";
import type { Destination } from "../../core/types.js";
import { chatIdParam, isGroupChatId } from "./chat-id.js";
import type { FloodLimiter } from "./flood-limiter.js";
import { renderDigestParts, type TelegramDigestPart } from "./render-digest.js";
import { SendPermits } from "./send-permits.js";
import { classifySendError } from "./send-errors.js";
import { MESSAGE_LIMIT, text, truncate } from "./telegram-html.js";

/** Pause before the one retry of an ambiguous failure (a 502 is often a moment's overload). */
const AMBIGUOUS_RETRY_PAUSE_MS = 1000;

export interface TelegramMessengerOptions {
  /** Show link previews under digest messages (default off: a digest has many links). */
  linkPreviews: boolean;
  /** Visible-length limit per message (Telegram: 4096). */
  messageLimit?: number;
  /** Digest messages sent but not yet recorded, at most (default 4): the most one crash can duplicate. */
  maxInFlight?: number;
  /** The bot's flood limiter: a permit is taken only once the chat itself is ready for a message. */
  limiter?: Pick<FloodLimiter, "chatReady">;
}

export function createTelegramMessenger(
  api: Api,
  events: PlatformEvents,
  logger: Logger,
  opts: TelegramMessengerOptions,
): Messenger {
  const limit = opts.messageLimit ?? MESSAGE_LIMIT;
  const permits = new SendPermits(opts.maxInFlight ?? 4);

  /**
   * An update replies to the message that carried the original when it is in this chat and topic;
   * allow_sending_without_reply: an original deleted since is no reason to lose the update.
   */
  function replyParameters(part: TelegramDigestPart | undefined, chatId: string, threadId: string | null) {
    const ref = part?.update?.replyTo;
    if (!ref || ref.chatId !== chatId || (ref.threadId ?? null) !== threadId || !/^\d+$/.test(ref.messageId)) return {};
    return { reply_parameters: { message_id: Number(ref.messageId), allow_sending_without_reply: true } };
  }

  async function sendParts(
    to: Destination,
    parts: TelegramDigestPart[],
    first: number,
    onSent: (id: string, placed?: PlacedStories) => Promise<void>,
    signal?: AbortSignal,
  ): Promise<SendResult & { unreachable?: boolean }> {
    let chatId = to.chatId;
    let migrated = false;
    const messageIds: string[] = [];
    const ambiguous = { retried: 0, unconfirmed: 0 };
    const counted = () => (ambiguous.retried + ambiguous.unconfirmed > 0 ? { ambiguous: { ...ambiguous } } : {});
    let retriedPart = -1;
    for (let i = first; i < parts.length; i++) {
      if (signal?.aborted) return { ok: false, kind: "transient", reason: "stopped: shutting down", messageIds, ...counted() };
      let release: (() => void) | undefined;
      try {
        // Held from the send until its record (see SendPermits), taken once the chat may get a message.
        await opts.limiter?.chatReady(chatId, isGroupChatId(chatId), signal);
        release = await permits.acquire(signal);
        const part = parts[i];
        const msg = await api.sendMessage(
          chatIdParam(chatId),
          part?.html ?? "",
          {
            parse_mode: "HTML",
            link_preview_options: { is_disabled: !opts.linkPreviews },
            ...(to.threadId !== null ? { message_thread_id: Number(to.threadId) } : {}),
            ...replyParameters(part, chatId, to.threadId),
          },
          // grammY types its signal with the abort-controller shim; it is Node's AbortSignal at run time.
          signal as Parameters<Api["sendMessage"]>[3],
        );
        const id = String(msg.message_id);
        messageIds.push(id);
        await onSent(id, { storyIds: part?.storyIds ?? [], at: { chatId, threadId: to.threadId, messageId: id } });
        release();
      } catch (err) {
        release?.();
        const failure = classifySendError(err);
        if (failure.migrateToChatId !== undefined && !migrated) {
          migrated = true;
          logger.info({ from: chatId, to: failure.migrateToChatId }, "telegram group upgraded; following it");
          await events.chatMigrated("telegram", chatId, failure.migrateToChatId);
          chatId = failure.migrateToChatId;
          i--;
          continue;
        }
        if (failure.ambiguous && retriedPart !== i && !signal?.aborted) {
          // Telegram may have posted it: one more try only (it may post a second copy; never a third).
          retriedPart = i;
          ambiguous.retried++;
          logger.warn({ chatId, part: i, reason: failure.reason }, "telegram send may have gone through; retrying it once");
          await new Promise((r) => setTimeout(r, AMBIGUOUS_RETRY_PAUSE_MS));
          i--;
          continue;
        }
        if (failure.ambiguous && retriedPart === i) {
          // Failed that way twice: count the part as posted rather than risk a third copy, and stop here;
          // the ledger resumes with the next part after its backoff.
          ambiguous.unconfirmed++;
          logger.warn({ chatId, part: i, reason: failure.reason }, "telegram send failed ambiguously twice; not sending that part again");
          try {
            await onSent(UNCONFIRMED_MESSAGE_ID);
          } catch {
            // The claim was lost or the process is stopping: the ledger sees that itself.
          }
        } else {
          logger.warn({ chatId, kind: failure.kind, reason: failure.reason }, "telegram send failed");
        }
        return {
          ok: false,
          kind: failure.kind,
          reason: failure.reason,
          messageIds,
          ...counted(),
          unreachable: failure.unreachable,
          ...(failure.retryAfterMs !== undefined ? { retryAfterMs: failure.retryAfterMs } : {}),
          ...(failure.migrateToChatId !== undefined ? { migrateToChatId: failure.migrateToChatId } : {}),
        };
      }
    }
    return { ok: true, messageIds, ...counted() };
  }

  return {
    platform: "telegram",
    async sendDigest(to, doc, { skipParts, onSent, signal }) {
      // Telegram has no idempotency key: resuming relies on skipParts (parts recorded through onSent).
      const parts = renderDigestParts(doc, { limit });
      const { unreachable: _, ...result } = await sendParts(to, parts, Math.max(0, skipParts), onSent, signal);
      return result;
    },
    async sendNotice(to, notice) {
      const html = text(truncate(notice, limit)).html;
      const { unreachable, ...result } = await sendParts(to, [{ html, storyIds: [] }], 0, async () => {});
      // No delivery ledger sees a notice's failure, so a dead chat is reported here.
      if (!result.ok && unreachable) await events.chatUnreachable("telegram", to.chatId, result.reason);
      return result;
    },
  };
}
