/**
 * What the update handlers share: the wiring (deps, button codec, admin cache, the bot's identity) and
 * sending a command's Reply back into the chat it came from.
 */
import type { Context } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { BotDeps } from "../../core/bot.js";
import type { Reply } from "../../core/commands/reply.js";
import type { Place, ResolvedTarget } from "../../core/commands/context.js";
import type { ActingPlaces, ButtonAction, CallbackCodec, MessageOrigins } from "./callback-data.js";
import type { ChatAdmins } from "./chat-admins.js";
import { renderReply, type TelegramMessage } from "./render-reply.js";
import { classifySendError } from "./send-errors.js";

export interface TelegramRuntime {
  deps: BotDeps;
  codec: CallbackCodec;
  origins: MessageOrigins;
  acting: ActingPlaces;
  admins: ChatAdmins;
  me(): UserFromGetMe;
  linkPreviews: boolean;
}

export function messageOptions(m: TelegramMessage, linkPreviews: boolean) {
  return {
    parse_mode: "HTML" as const,
    link_preview_options: { is_disabled: !linkPreviews },
    ...(m.keyboard ? { reply_markup: { inline_keyboard: m.keyboard } } : {}),
  };
}

/**
 * Sends a reply in the chat (and forum topic) of the update. In groups a reply meant for the asker quotes
 * their message, Telegram's nearest thing to an ephemeral answer.
 */
export async function sendReply(
  ctx: Context,
  rt: TelegramRuntime,
  reply: Reply,
  quoteMessageId?: number,
  /** The invocation that produced the reply, remembered for messages with buttons. */
  origin?: ButtonAction,
  /** Where the reply's buttons act, when not in the chat they are pressed in. */
  acting?: { place: Place; target: ResolvedTarget },
): Promise<void> {
  const messages = renderReply(reply, (a) => rt.codec.encode(a));
  const quote =
    quoteMessageId !== undefined && reply.ephemeral && ctx.chat?.type !== "private"
      ? { reply_parameters: { message_id: quoteMessageId, allow_sending_without_reply: true } }
      : {};
  try {
    for (const m of messages) {
      const sent = await ctx.reply(m.html, { ...messageOptions(m, rt.linkPreviews), ...quote });
      if (m.keyboard && origin) rt.origins.remember(sent.chat.id, sent.message_id, origin);
      if (m.keyboard && acting) rt.acting.remember(sent.chat.id, sent.message_id, acting);
    }
  } catch (err) {
    await reportSendFailure(rt, ctx.chat?.id, err);
  }
}

/** A send outside a delivery failed: a chat that is gone for good is reported, anything else logged. */
export async function reportSendFailure(rt: TelegramRuntime, chatId: number | undefined, err: unknown): Promise<void> {
  const failure = classifySendError(err);
  rt.deps.logger.warn({ chatId, kind: failure.kind, reason: failure.reason }, "telegram reply failed");
  if (chatId === undefined) return;
  if (failure.migrateToChatId !== undefined) {
    await rt.deps.events.chatMigrated("telegram", String(chatId), failure.migrateToChatId);
  } else if (failure.unreachable) {
    await rt.deps.events.chatUnreachable("telegram", String(chatId), failure.reason);
  }
}
