/**
 * The fake's world: users, chats with their members and forum topics, the messages in each chat, and the
 * per-chat conditions Telegram enforces before a bot may post (blocked, kicked, left, migrated).
 */
import type { MessageEntity, User } from "grammy/types";
import { badRequest, forbidden } from "./api-error.js";

export type ChatType = "private" | "group" | "supergroup" | "channel";
export type MemberStatus = "creator" | "administrator" | "member" | "left" | "kicked";
/** Administrator rights (can_post_messages, can_delete_messages, …); unspecified ones default as noted in memberJson. */
export type AdminRights = Record<string, boolean>;

export interface UserInput {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
  is_bot?: boolean;
}

export interface ChatInput {
  id: number;
  type: ChatType;
  title?: string;
  username?: string;
  is_forum?: boolean;
  /** The bot's own status in a group/supergroup/channel: "member" by default, "administrator" in channels. */
  botStatus?: MemberStatus;
}

export interface Member {
  status: MemberStatus;
  rights: AdminRights;
}

export interface FakeChat {
  id: number;
  type: ChatType;
  title?: string;
  username?: string;
  isForum: boolean;
  /** Forum topics: message_thread_id -> name. */
  topics: Map<number, string>;
  members: Map<number, Member>;
  migratedTo?: number;
  nextMessageId: number;
}

/** One message as the fake stores it: what was asked for (source) and what Telegram made of it (text, entities). */
export interface StoredMessage {
  messageId: number;
  chatId: number;
  threadId?: number;
  fromId: number;
  fromBot: boolean;
  /** Set for anonymous-admin and channel posts. */
  senderChatId?: number;
  /** Plain text after parsing, as readers see it. */
  text: string;
  entities: MessageEntity[];
  /** The text parameter as sent, before parse_mode was applied. */
  sourceText: string;
  parseMode?: string;
  replyMarkup?: Record<string, unknown>;
  linkPreviewOptions?: Record<string, unknown>;
  disableWebPagePreview?: boolean;
  disableNotification?: boolean;
  replyToMessageId?: number;
  date: number;
  editDate?: number;
  /** How many times editMessageText changed it. */
  edits: number;
  /** Extra keys merged into the Message JSON (service messages such as migrate_to_chat_id). */
  extra?: Record<string, unknown>;
}

/** The user Telegram shows as the author of anonymous group-admin messages. */
export const GROUP_ANONYMOUS_BOT: User = {
  id: 1087968824,
  is_bot: true,
  first_name: "Group",
  username: "GroupAnonymousBot",
};

const PLACE: Record<ChatType, string> = {
  private: "private chat",
  group: "group chat",
  supergroup: "supergroup chat",
  channel: "channel chat",
};

export class TelegramState {
  readonly users = new Map<number, User>();
  readonly chats = new Map<number, FakeChat>();
  readonly blocked = new Set<number>();
  readonly messageStore = new Map<number, Map<number, StoredMessage>>();

  constructor(
    readonly bot: User,
    private readonly now: () => number,
  ) {
    this.users.set(bot.id, bot);
  }

  /** Current Unix time in seconds, as message.date. */
  unixTime(): number {
    return Math.floor(this.now() / 1000);
  }

  addUser(input: UserInput): User {
    const user: User = { ...input, is_bot: input.is_bot ?? false };
    this.users.set(user.id, user);
    // A user who talks to the bot has a private chat with it whose id is the user id.
    if (!user.is_bot && !this.chats.has(user.id)) this.addChat({ id: user.id, type: "private" });
    return user;
  }

  addChat(input: ChatInput): FakeChat {
    const chat: FakeChat = {
      id: input.id,
      type: input.type,
      isForum: input.is_forum ?? false,
      topics: new Map(),
      members: new Map(),
      nextMessageId: 1,
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.username !== undefined ? { username: input.username } : {}),
    };
    if (input.type !== "private") {
      chat.title ??= `Chat ${input.id}`;
      const botStatus = input.botStatus ?? (input.type === "channel" ? "administrator" : "member");
      chat.members.set(this.bot.id, { status: botStatus, rights: {} });
    }
    this.chats.set(chat.id, chat);
    return chat;
  }

  user(id: number): User {
    const u = this.users.get(id);
    if (!u) throw new Error(`fake telegram: unknown user ${id}; call addUser first`);
    return u;
  }

  /** The chat named by a chat_id parameter (number, numeric string or @username), or 400 chat not found. */
  resolveChat(raw: unknown): FakeChat {
    if (raw === undefined || raw === null || raw === "") throw badRequest("chat_id is empty");
    let chat: FakeChat | undefined;
    if (typeof raw === "number") chat = this.chats.get(raw);
    else if (typeof raw === "string" && /^-?\d+$/.test(raw.trim())) chat = this.chats.get(Number(raw));
    else if (typeof raw === "string" && raw.startsWith("@")) {
      const name = raw.slice(1).toLowerCase();
      chat = [...this.chats.values()].find((c) => c.username?.toLowerCase() === name);
    }
    if (!chat) throw badRequest("chat not found");
    if (chat.migratedTo !== undefined) {
      throw badRequest("group chat was upgraded to a supergroup chat", { migrate_to_chat_id: chat.migratedTo });
    }
    return chat;
  }

  /** Throws what Telegram answers when the bot may not post in this chat. */
  assertCanPost(chat: FakeChat): void {
    if (chat.type === "private") {
      if (this.blocked.has(chat.id)) throw forbidden("bot was blocked by the user");
      return;
    }
    const status = this.member(chat, this.bot.id).status;
    if (status === "kicked") throw forbidden(`bot was kicked from the ${PLACE[chat.type]}`);
    if (status === "left") throw forbidden(`bot is not a member of the ${PLACE[chat.type]}`);
    if (chat.type === "channel" && status !== "administrator" && status !== "creator") {
      throw badRequest("need administrator rights in the channel chat");
    }
  }

  member(chat: FakeChat, userId: number): Member {
    if (chat.type === "private") {
      return { status: userId === chat.id || userId === this.bot.id ? "member" : "left", rights: {} };
    }
    return chat.members.get(userId) ?? { status: "left", rights: {} };
  }

  setMember(chatId: number, userId: number, status: MemberStatus, rights: AdminRights = {}): void {
    const chat = this.chats.get(chatId);
    if (!chat) throw new Error(`fake telegram: unknown chat ${chatId}; call addChat first`);
    if (userId !== this.bot.id) this.user(userId);
    chat.members.set(userId, { status, rights });
  }

  migrate(oldId: number, newId: number): FakeChat {
    const old = this.chats.get(oldId);
    if (!old) throw new Error(`fake telegram: unknown chat ${oldId}`);
    const next =
      this.chats.get(newId) ?? this.addChat({ id: newId, type: "supergroup", ...(old.title ? { title: old.title } : {}) });
    for (const [userId, m] of old.members) next.members.set(userId, { ...m });
    old.migratedTo = newId;
    return next;
  }

  storeMessage(msg: Omit<StoredMessage, "messageId" | "date" | "edits">): StoredMessage {
    const chat = this.chats.get(msg.chatId);
    if (!chat) throw new Error(`fake telegram: unknown chat ${msg.chatId}`);
    const stored: StoredMessage = { ...msg, messageId: chat.nextMessageId++, date: this.unixTime(), edits: 0 };
    let inChat = this.messageStore.get(chat.id);
    if (!inChat) this.messageStore.set(chat.id, (inChat = new Map()));
    inChat.set(stored.messageId, stored);
    return stored;
  }

  findMessage(chatId: number, messageId: number): StoredMessage | undefined {
    return this.messageStore.get(chatId)?.get(messageId);
  }

  deleteMessage(chatId: number, messageId: number): boolean {
    return this.messageStore.get(chatId)?.delete(messageId) ?? false;
  }

  chatJson(chat: FakeChat): Record<string, unknown> {
    if (chat.type === "private") {
      const u = this.users.get(chat.id);
      return {
        id: chat.id,
        type: "private",
        first_name: u?.first_name ?? "User",
        ...(u?.last_name !== undefined ? { last_name: u.last_name } : {}),
        ...(u?.username !== undefined ? { username: u.username } : {}),
      };
    }
    return {
      id: chat.id,
      type: chat.type,
      title: chat.title,
      ...(chat.username !== undefined ? { username: chat.username } : {}),
      ...(chat.isForum ? { is_forum: true } : {}),
    };
  }

  messageJson(m: StoredMessage): Record<string, unknown> {
    const chat = this.chats.get(m.chatId);
    if (!chat) throw new Error(`fake telegram: unknown chat ${m.chatId}`);
    const isChannel = chat.type === "channel";
    const senderChat = m.senderChatId === undefined ? undefined : this.chats.get(m.senderChatId);
    const reply = m.replyToMessageId === undefined ? undefined : this.findMessage(m.chatId, m.replyToMessageId);
    return {
      message_id: m.messageId,
      ...(isChannel ? {} : { from: m.senderChatId !== undefined ? GROUP_ANONYMOUS_BOT : this.user(m.fromId) }),
      ...(senderChat ? { sender_chat: this.chatJson(senderChat) } : {}),
      ...(m.threadId !== undefined ? { message_thread_id: m.threadId, is_topic_message: true } : {}),
      date: m.date,
      chat: this.chatJson(chat),
      ...(reply ? { reply_to_message: this.messageJson({ ...reply, replyToMessageId: undefined }) } : {}),
      ...(m.editDate !== undefined ? { edit_date: m.editDate } : {}),
      ...(m.text !== "" ? { text: m.text } : {}),
      ...(m.entities.length > 0 ? { entities: m.entities } : {}),
      ...(m.linkPreviewOptions ? { link_preview_options: m.linkPreviewOptions } : {}),
      ...(m.replyMarkup ? { reply_markup: m.replyMarkup } : {}),
      ...m.extra,
    };
  }

  memberJson(chat: FakeChat, userId: number): Record<string, unknown> {
    const user = this.users.get(userId);
    if (!user) throw badRequest("user not found");
    return statusJson(chat, user, this.member(chat, userId));
  }
}

/** A ChatMember object for `member` (with an administrator's usual rights unless `member.rights` overrides). */
export function statusJson(chat: FakeChat, user: User, m: Member): Record<string, unknown> {
  switch (m.status) {
    case "creator":
      return { status: "creator", user, is_anonymous: m.rights.is_anonymous ?? false };
    case "administrator":
      return {
        status: "administrator",
        user,
        can_be_edited: false,
        is_anonymous: false,
        can_manage_chat: true,
        can_delete_messages: true,
        can_manage_video_chats: false,
        can_restrict_members: true,
        can_promote_members: false,
        can_change_info: false,
        can_invite_users: true,
        can_post_stories: false,
        can_edit_stories: false,
        can_delete_stories: false,
        ...(chat.type === "channel" ? { can_post_messages: true, can_edit_messages: true } : {}),
        ...(chat.type === "supergroup" ? { can_pin_messages: true, can_manage_topics: chat.isForum } : {}),
        ...m.rights,
      };
    case "kicked":
      return { status: "kicked", user, until_date: 0 };
    default:
      return { status: m.status, user };
  }
}
