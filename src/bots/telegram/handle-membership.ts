/**
 * The bot's own membership and chat identity changes: removed or blocked → destinations stop; a group
 * upgraded to a supergroup → destinations move to the new id (Telegram announces it with a service message
 * carrying migrate_to_chat_id in the old chat).
 */
import type { Context } from "grammy";
import { communityIdOf } from "./invocation.js";
import type { TelegramRuntime } from "./reply-sender.js";

export async function handleMyChatMember(ctx: Context, rt: TelegramRuntime): Promise<void> {
  const update = ctx.myChatMember;
  if (!update) return;
  const chat = update.chat;
  rt.admins.forgetChat(chat.id);
  const status = update.new_chat_member.status;
  const chatId = String(chat.id);
  const { events, logger } = rt.deps;
  if (chat.type === "private") {
    if (status === "kicked") await events.chatUnreachable("telegram", chatId, "the user blocked the bot");
    return;
  }
  const gone = status === "kicked" || status === "left";
  // A bot that is no longer an administrator of a channel cannot post there any more.
  const demoted = chat.type === "channel" && status !== "administrator" && status !== "creator";
  if (!gone && !demoted) return;
  const reason = gone
    ? `the bot was removed from ${chat.title ?? "the chat"}`
    : `the bot is no longer an administrator of ${chat.title ?? "the channel"}`;
  logger.info({ chatId, status }, "telegram: bot lost access to a chat");
  await events.removedFromCommunity(communityIdOf(chat.id), reason);
  // Destinations of this chat created from elsewhere (a channel set up from a private chat) stop too.
  await events.chatUnreachable("telegram", chatId, reason);
}

export async function handleMigration(ctx: Context, rt: TelegramRuntime): Promise<void> {
  const msg = ctx.message;
  if (msg?.migrate_to_chat_id === undefined) return;
  rt.admins.forgetChat(msg.chat.id);
  await rt.deps.events.chatMigrated("telegram", String(msg.chat.id), String(msg.migrate_to_chat_id));
}
