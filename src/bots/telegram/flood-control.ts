/**
 * The flood limiter as a grammY API transformer, so every message the bot sends — digests, notices, command
 * replies — passes the same caps. Install it before auto-retry: transformers installed later wrap earlier
 * ones, so each retry of a 429 queues through the limiter again.
 *
 * Any 429 (whatever the method) holds back every send of the token for its retry_after, in this process
 * and, through the shared budget, in every instance using the token.
 */
import type { Transformer } from "grammy";
import { isGroupChatId } from "./chat-id.js";
import type { FloodLimiter } from "./flood-limiter.js";

/** Methods that post a new message (edits and callback answers are not counted by Telegram's send caps). */
const SENDS = /^(send(?!ChatAction)[A-Z]\w*|copyMessages?|forwardMessages?)$/;

export function floodControl(limiter: FloodLimiter): Transformer {
  return async (prev, method, payload, signal) => {
    const chatId = (payload as { chat_id?: unknown } | undefined)?.chat_id;
    const id = String(chatId);
    const res =
      !SENDS.test(method) || chatId === undefined
        ? await prev(method, payload, signal)
        : // The signal ends a wait for a turn, never a request on its way (it may be accepted all the same).
          // grammY types its signal with the abort-controller shim; at run time it is Node's own AbortSignal.
          await limiter.run(id, isGroupChatId(id), () => prev(method, payload), signal as AbortSignal | undefined);
    if (!res.ok && res.error_code === 429) limiter.hold((res.parameters?.retry_after ?? 1) * 1000);
    return res;
  };
}
