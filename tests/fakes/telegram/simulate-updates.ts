/**
 * Builds the updates a real user's actions would produce (a text message, a button press, the bot being added
 * or removed, a group upgrade), stores their side effects in the fake's state and queues them for getUpdates.
 */
import type { MessageEntity } from "grammy/types";
import type { FakeRecords } from "./method-context.js";
import { statusJson, type AdminRights, type MemberStatus, type TelegramState } from "./telegram-state.js";
import type { UpdateQueue } from "./update-queue.js";

export interface SendTextInput {
  chatId: number;
  fromId: number;
  text: string;
  threadId?: number;
  /** Post as the chat itself: an anonymous group admin (or a channel post). */
  senderChatId?: number;
  replyToMessageId?: number;
  /** A forwarded message: the user whose message this was (forward_origin of type "user"). */
  forwardedFromUserId?: number;
}

export interface PressButtonInput {
  chatId: number;
  fromId: number;
  messageId: number;
  data: string;
}

export interface MyChatMemberInput {
  chatId: number;
  fromId: number;
  oldStatus: MemberStatus;
  newStatus: MemberStatus;
  /** The bot's administrator rights after the change. */
  rights?: AdminRights;
}

interface World {
  state: TelegramState;
  updates: UpdateQueue;
  records: FakeRecords;
}

/** Telegram marks every "/command" (with an optional "@botname") that starts a word as a bot_command. */
export function botCommandEntities(text: string): MessageEntity[] {
  const out: MessageEntity[] = [];
  for (const m of text.matchAll(/(^|\s)(\/[a-zA-Z0-9_]{1,64}(?:@[a-zA-Z0-9_]{3,32})?)(?=$|[\s.,!?;:])/g)) {
    out.push({ type: "bot_command", offset: (m.index ?? 0) + (m[1]?.length ?? 0), length: m[2]?.length ?? 0 });
  }
  return out;
}

function knownChat(w: World, chatId: number) {
  const chat = w.state.chats.get(chatId);
  if (!chat) throw new Error(`fake telegram: unknown chat ${chatId}; call addChat first`);
  return chat;
}

export function queueText(w: World, input: SendTextInput): number {
  const chat = knownChat(w, input.chatId);
  if (input.senderChatId === undefined) w.state.user(input.fromId);
  if (input.threadId !== undefined && !chat.topics.has(input.threadId)) {
    throw new Error(`fake telegram: chat ${chat.id} has no forum topic ${input.threadId}`);
  }
  const stored = w.state.storeMessage({
    chatId: chat.id,
    fromId: input.fromId,
    fromBot: false,
    text: input.text,
    entities: botCommandEntities(input.text),
    sourceText: input.text,
    ...(input.threadId !== undefined ? { threadId: input.threadId } : {}),
    ...(input.senderChatId !== undefined ? { senderChatId: input.senderChatId } : {}),
    ...(input.replyToMessageId !== undefined ? { replyToMessageId: input.replyToMessageId } : {}),
  });
  const kind = chat.type === "channel" ? "channel_post" : "message";
  const json = w.state.messageJson(stored);
  if (input.forwardedFromUserId !== undefined) {
    const original = w.state.user(input.forwardedFromUserId);
    const date = Math.floor(Date.now() / 1000) - 60;
    Object.assign(json, { forward_origin: { type: "user", date, sender_user: original }, forward_from: original, forward_date: date });
  }
  return w.updates.push({ [kind]: json });
}

export function queueButtonPress(w: World, input: PressButtonInput): number {
  const chat = knownChat(w, input.chatId);
  const message = w.state.findMessage(chat.id, input.messageId);
  if (!message) throw new Error(`fake telegram: no message ${input.messageId} in chat ${chat.id}`);
  const from = w.state.user(input.fromId);
  const id = `${w.records.callbackQueries.size + 1}${String(Math.abs(chat.id)).slice(-6)}${input.messageId}`;
  const updateId = w.updates.push({
    callback_query: {
      id,
      from,
      message: w.state.messageJson(message),
      chat_instance: String(Math.abs(chat.id * 7919) % 2 ** 52),
      data: input.data,
    },
  });
  w.records.callbackQueries.set(id, { id, updateId, chatId: chat.id, messageId: message.messageId, fromId: from.id, data: input.data, answered: false });
  return updateId;
}

/** The bot's own membership changed; the fake's state follows (a private chat "kicked" = blocked by the user). */
export function queueMyChatMember(w: World, input: MyChatMemberInput): number {
  const chat = knownChat(w, input.chatId);
  const from = w.state.user(input.fromId);
  const bot = w.state.bot;
  const oldMember = { status: input.oldStatus, rights: {} };
  const newMember = { status: input.newStatus, rights: input.rights ?? {} };
  if (chat.type === "private") {
    if (input.newStatus === "kicked") w.state.blocked.add(chat.id);
    else w.state.blocked.delete(chat.id);
  } else {
    chat.members.set(bot.id, newMember);
  }
  return w.updates.push({
    my_chat_member: {
      chat: w.state.chatJson(chat),
      from,
      date: w.state.unixTime(),
      old_chat_member: statusJson(chat, bot, oldMember),
      new_chat_member: statusJson(chat, bot, newMember),
    },
  });
}

/** The service messages Telegram sends when a group becomes a supergroup: one in each chat. */
export function queueMigration(w: World, oldId: number, newId: number): void {
  for (const [chatId, extra] of [
    [oldId, { migrate_to_chat_id: newId }],
    [newId, { migrate_from_chat_id: oldId }],
  ] as const) {
    const stored = w.state.storeMessage({
      chatId,
      fromId: 0,
      fromBot: false,
      senderChatId: chatId,
      text: "",
      entities: [],
      sourceText: "",
      extra,
    });
    w.updates.push({ message: w.state.messageJson(stored) });
  }
}
