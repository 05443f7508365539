/** Bot API methods that create or change messages: sendMessage, editMessageText, deleteMessage and friends. */
import { badRequest, tooManyRequests } from "./api-error.js";
import type { MethodContext, MethodHandler } from "./method-context.js";
import { optBool, optInt, optObject, optStr, reqInt, type Params } from "./read-params.js";
import type { FakeChat } from "./telegram-state.js";
import { checkThread, linkPreview, messageContent, replyMarkup } from "./validate-message.js";

const CHAT_ACTIONS = new Set([
  "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice", "upload_document",
  "choose_sticker", "find_location", "record_video_note", "upload_video_note",
]);

function isGroup(chat: FakeChat): boolean {
  return chat.type === "group" || chat.type === "supergroup";
}

function replyTarget(ctx: MethodContext, chat: FakeChat, p: Params): number | undefined {
  const params = optObject(p, "reply_parameters");
  const id = params ? optInt(params, "message_id") : optInt(p, "reply_to_message_id");
  if (id === undefined) return undefined;
  if (ctx.state.findMessage(chat.id, id)) return id;
  const lenient = params ? optBool(params, "allow_sending_without_reply") : optBool(p, "allow_sending_without_reply");
  if (lenient) return undefined;
  throw badRequest("message to be replied not found");
}

const sendMessage: MethodHandler = (ctx, p) => {
  const chat = ctx.state.resolveChat(p.chat_id);
  ctx.state.assertCanPost(chat);
  const threadId = optInt(p, "message_thread_id");
  checkThread(chat, threadId);
  const content = messageContent(p, ctx.html, "message is too long");
  const markup = replyMarkup(p);
  const replyTo = replyTarget(ctx, chat, p);
  const verdict = ctx.limiter.admit(chat.id, isGroup(chat));
  if (!verdict.ok) throw tooManyRequests(verdict.retryAfter);
  const disableNotification = optBool(p, "disable_notification");
  const stored = ctx.state.storeMessage({
    chatId: chat.id,
    fromId: ctx.state.bot.id,
    fromBot: true,
    ...(chat.type === "channel" ? { senderChatId: chat.id } : {}),
    ...(threadId !== undefined ? { threadId } : {}),
    ...content,
    ...(markup ? { replyMarkup: markup } : {}),
    ...linkPreview(p),
    ...(disableNotification !== undefined ? { disableNotification } : {}),
    ...(replyTo !== undefined ? { replyToMessageId: replyTo } : {}),
  });
  return ctx.state.messageJson(stored);
};

const editMessageText: MethodHandler = (ctx, p) => {
  if (p.inline_message_id !== undefined) throw badRequest("inline messages are not supported by the fake");
  const chat = ctx.state.resolveChat(p.chat_id);
  ctx.state.assertCanPost(chat);
  const messageId = reqInt(p, "message_id");
  const msg = ctx.state.findMessage(chat.id, messageId);
  if (!msg) throw badRequest("message to edit not found");
  if (!msg.fromBot) throw badRequest("message can't be edited");
  const content = messageContent(p, ctx.html, "MESSAGE_TOO_LONG");
  const markup = replyMarkup(p);
  const same =
    content.text === msg.text &&
    JSON.stringify(content.entities) === JSON.stringify(msg.entities) &&
    JSON.stringify(markup) === JSON.stringify(msg.replyMarkup);
  if (same) {
    throw badRequest(
      "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
    );
  }
  msg.text = content.text;
  msg.entities = content.entities;
  msg.sourceText = content.sourceText;
  msg.parseMode = content.parseMode;
  // Telegram drops an inline keyboard that an edit does not repeat.
  msg.replyMarkup = markup;
  Object.assign(msg, linkPreview(p));
  msg.editDate = ctx.state.unixTime();
  msg.edits++;
  return ctx.state.messageJson(msg);
};

const deleteMessage: MethodHandler = (ctx, p) => {
  const chat = ctx.state.resolveChat(p.chat_id);
  const messageId = reqInt(p, "message_id");
  const msg = ctx.state.findMessage(chat.id, messageId);
  if (!msg) throw badRequest("message to delete not found");
  if (!msg.fromBot && chat.type !== "private") {
    const status = ctx.state.member(chat, ctx.state.bot.id).status;
    if (status !== "administrator" && status !== "creator") throw badRequest("message can't be deleted");
  }
  ctx.state.deleteMessage(chat.id, messageId);
  return true;
};

const answerCallbackQuery: MethodHandler = (ctx, p) => {
  const id = optStr(p, "callback_query_id") ?? "";
  const query = ctx.records.callbackQueries.get(id);
  if (!query || query.answered) {
    throw badRequest("query is too old and response timeout expired or query ID is invalid");
  }
  query.answered = true;
  query.answer = Object.fromEntries(Object.entries(p).filter(([k]) => k !== "callback_query_id"));
  return true;
};

const sendChatAction: MethodHandler = (ctx, p) => {
  const chat = ctx.state.resolveChat(p.chat_id);
  ctx.state.assertCanPost(chat);
  checkThread(chat, optInt(p, "message_thread_id"));
  if (!CHAT_ACTIONS.has(optStr(p, "action") ?? "")) throw badRequest("wrong parameter action in request");
  return true;
};

export const messageMethods: Record<string, MethodHandler> = {
  sendMessage,
  editMessageText,
  deleteMessage,
  answerCallbackQuery,
  sendChatAction,
};
