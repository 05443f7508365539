/** Bot API methods about the bot, its updates, its commands and the chats it is in. */
import type { BotCommand } from "grammy/types";
import { ApiError, badRequest } from "./api-error.js";
import type { MethodContext, MethodHandler } from "./method-context.js";
import { optArray, optBool, optInt, optObject, optStr, reqInt, type Params } from "./read-params.js";

const SCOPE_TYPES = new Set([
  "default", "all_private_chats", "all_group_chats", "all_chat_administrators", "chat", "chat_administrators",
  "chat_member",
]);

/**
 * The key under which commands are stored: scope type, chat and user ids, language. getMyCommands answers for
 * exactly this key, without falling back to broader scopes, like the real API.
 */
export function scopeKey(scope: Record<string, unknown> | undefined, languageCode = "", chatId?: number): string {
  const type = typeof scope?.type === "string" ? scope.type : "default";
  const userId = scope?.user_id;
  return [type, chatId ?? scope?.chat_id ?? "", userId ?? "", languageCode].join("|");
}

function commandKey(ctx: MethodContext, p: Params): string {
  const scope = optObject(p, "scope");
  const type = scope === undefined ? "default" : scope.type;
  if (typeof type !== "string" || !SCOPE_TYPES.has(type)) throw badRequest("can't parse BotCommandScope: unsupported type");
  let chatId: number | undefined;
  if (type === "chat" || type === "chat_administrators" || type === "chat_member") {
    chatId = ctx.state.resolveChat(scope?.chat_id).id;
  }
  if (type === "chat_member" && scope !== undefined) reqInt(scope, "user_id");
  const lang = optStr(p, "language_code") ?? "";
  if (lang !== "" && !/^[a-z]{2}$/.test(lang)) throw badRequest("invalid language code specified");
  return scopeKey(scope, lang, chatId);
}

const getMe: MethodHandler = (ctx) => ({
  ...ctx.state.bot,
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
});

const setWebhook: MethodHandler = (ctx, p) => {
  const url = optStr(p, "url") ?? "";
  if (url === "") {
    ctx.records.webhook = undefined;
    return true;
  }
  if (!url.startsWith("https://")) throw badRequest("bad webhook: An HTTPS URL must be provided for webhook");
  if (optBool(p, "drop_pending_updates")) ctx.updates.dropAll();
  ctx.records.webhook = { ...p };
  return true;
};

const deleteWebhook: MethodHandler = (ctx, p) => {
  ctx.records.webhook = undefined;
  if (optBool(p, "drop_pending_updates")) ctx.updates.dropAll();
  return true;
};

const getWebhookInfo: MethodHandler = (ctx) => ({
  url: typeof ctx.records.webhook?.url === "string" ? ctx.records.webhook.url : "",
  has_custom_certificate: false,
  pending_update_count: ctx.updates.size,
});

const getUpdates: MethodHandler = async (ctx, p) => {
  if (ctx.records.webhook) {
    throw new ApiError({
      error_code: 409,
      description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    });
  }
  const allowed = optArray(p, "allowed_updates");
  const offset = optInt(p, "offset");
  const limit = optInt(p, "limit");
  const timeout = optInt(p, "timeout");
  const poll = ctx.updates.poll({
    ...(offset !== undefined ? { offset } : {}),
    ...(limit !== undefined ? { limit } : {}),
    ...(timeout !== undefined ? { timeout } : {}),
    ...(allowed !== undefined ? { allowed_updates: allowed.map(String) } : {}),
  });
  ctx.onAbort(poll.cancel);
  return poll.result;
};

const setMyCommands: MethodHandler = (ctx, p) => {
  const list = optArray(p, "commands");
  if (list === undefined) throw badRequest("parameter \"commands\" is required");
  if (list.length > 100) throw badRequest("too much commands");
  const commands = list.map((raw): BotCommand => {
    const c = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
    if (typeof c.command !== "string" || !/^[a-z0-9_]{1,32}$/.test(c.command)) throw badRequest("BOT_COMMAND_INVALID");
    if (typeof c.description !== "string" || c.description.length < 1 || c.description.length > 256) {
      throw badRequest("command description is empty or too long");
    }
    return { command: c.command, description: c.description };
  });
  const key = commandKey(ctx, p);
  if (commands.length === 0) ctx.records.commands.delete(key);
  else ctx.records.commands.set(key, commands);
  return true;
};

const getMyCommands: MethodHandler = (ctx, p) => ctx.records.commands.get(commandKey(ctx, p)) ?? [];

const deleteMyCommands: MethodHandler = (ctx, p) => {
  ctx.records.commands.delete(commandKey(ctx, p));
  return true;
};

const getChat: MethodHandler = (ctx, p) => {
  const chat = ctx.state.resolveChat(p.chat_id);
  return { ...ctx.state.chatJson(chat), accent_color_id: 0, max_reaction_count: 11, accepted_gift_types: {
    unlimited_gifts: false, limited_gifts: false, unique_gifts: false, premium_subscription: false,
  } };
};

const getChatMember: MethodHandler = (ctx, p) => {
  const chat = ctx.state.resolveChat(p.chat_id);
  return ctx.state.memberJson(chat, reqInt(p, "user_id"));
};

const getChatAdministrators: MethodHandler = (ctx, p) => {
  const chat = ctx.state.resolveChat(p.chat_id);
  if (chat.type === "private") throw badRequest("there are no administrators in the private chat");
  return [...chat.members]
    .filter(([, m]) => m.status === "creator" || m.status === "administrator")
    .map(([userId]) => ctx.state.memberJson(chat, userId));
};

const getChatMemberCount: MethodHandler = (ctx, p) => {
  const chat = ctx.state.resolveChat(p.chat_id);
  if (chat.type === "private") return 2;
  return [...chat.members.values()].filter((m) => m.status !== "left" && m.status !== "kicked").length;
};

const leaveChat: MethodHandler = (ctx, p) => {
  const chat = ctx.state.resolveChat(p.chat_id);
  if (chat.type === "private") throw badRequest("chat member status can't be changed in private chats");
  ctx.state.assertCanPost(chat);
  chat.members.set(ctx.state.bot.id, { status: "left", rights: {} });
  return true;
};

const setChatMenuButton: MethodHandler = (ctx, p) => {
  const chatId = p.chat_id === undefined ? "default" : String(ctx.state.resolveChat(p.chat_id).id);
  ctx.records.menuButtons.set(chatId, optObject(p, "menu_button") ?? { type: "default" });
  return true;
};

const getChatMenuButton: MethodHandler = (ctx, p) => {
  const chatId = p.chat_id === undefined ? "default" : String(ctx.state.resolveChat(p.chat_id).id);
  return ctx.records.menuButtons.get(chatId) ?? ctx.records.menuButtons.get("default") ?? { type: "commands" };
};

export const botMethods: Record<string, MethodHandler> = {
  getMe,
  setWebhook,
  deleteWebhook,
  getWebhookInfo,
  getUpdates,
  setMyCommands,
  getMyCommands,
  deleteMyCommands,
  getChat,
  getChatMember,
  getChatAdministrators,
  getChatMemberCount,
  leaveChat,
  setChatMenuButton,
  getChatMenuButton,
};
