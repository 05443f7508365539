/**
 * Who may configure a chat: its creator and administrators (getChatMember, cached briefly so a burst of
 * commands does not turn into a burst of API calls), and for a channel named in a command, whether both the
 * user and the bot are administrators there.
 */
import type { Api } from "grammy";
import type { ChatFullInfo, ChatMember } from "grammy/types";
import type { ResolvedTarget } from "../../core/commands/context.js";
import { chatIdParam } from "./chat-id.js";

export interface ChatAdminsOptions {
  /** How long a looked-up membership is trusted (default 60 s). */
  ttlMs?: number;
  now?: () => number;
}

export class ChatAdmins {
  private readonly cache = new Map<string, { member: ChatMember; at: number }>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly api: Api,
    opts: ChatAdminsOptions = {},
  ) {
    this.ttlMs = opts.ttlMs ?? 60_000;
    this.now = opts.now ?? Date.now;
  }

  async member(chatId: string | number, userId: number): Promise<ChatMember> {
    const key = `${chatId}:${userId}`;
    const hit = this.cache.get(key);
    const t = this.now();
    if (hit && t - hit.at < this.ttlMs) return hit.member;
    const member = await this.api.getChatMember(typeof chatId === "string" ? chatIdParam(chatId) : chatId, userId);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(key, { member, at: t });
    return member;
  }

  async isAdmin(chatId: string | number, userId: number): Promise<boolean> {
    const m = await this.member(chatId, userId);
    return m.status === "creator" || m.status === "administrator";
  }

  /** Forget what we know about a chat (the bot's rights changed, a member was promoted). */
  forgetChat(chatId: string | number): void {
    const prefix = `${chatId}:`;
    for (const key of this.cache.keys()) if (key.startsWith(prefix)) this.cache.delete(key);
  }
}

export type ChannelResolution =
  | { ok: true; target: ResolvedTarget; userIsAdmin: boolean }
  | { ok: false; message: string };

/** "@name", "-100…" or "t.me/name": the forms a user types to name a channel. */
export function channelReference(raw: string): string | null {
  const s = raw.trim().replace(/^(?:https?:\/\/)?t\.me\//i, "@");
  if (/^@[A-Za-z][A-Za-z0-9_]{3,31}$/.test(s)) return s;
  if (/^-\d{5,20}$/.test(s)) return s;
  return null;
}

/**
 * Resolves a channel (or group) named in a command: the bot must be able to post there (administrator of a
 * channel), and `userIsAdmin` says whether the user is one of its administrators.
 */
export async function resolveChannel(
  api: Api,
  admins: ChatAdmins,
  raw: string,
  userId: number,
  botId: number,
): Promise<ChannelResolution> {
  const ref = channelReference(raw);
  if (!ref) return { ok: false, message: `'${raw}' is not a channel: use its @username or numeric id (-100…).` };
  let chat: ChatFullInfo;
  try {
    chat = await api.getChat(chatIdParam(ref));
  } catch {
    return { ok: false, message: `I can't find ${ref}. Add me to it as an administrator first.` };
  }
  if (chat.type === "private") return { ok: false, message: `${ref} is a private chat, not a channel or group.` };
  const name = chat.title ?? ref;
  let botOk: boolean;
  let userIsAdmin: boolean;
  try {
    const bot = await admins.member(chat.id, botId);
    botOk =
      chat.type === "channel"
        ? bot.status === "creator" || (bot.status === "administrator" && bot.can_post_messages !== false)
        : bot.status !== "left" && bot.status !== "kicked";
    userIsAdmin = await admins.isAdmin(chat.id, userId);
  } catch {
    return { ok: false, message: `I can't see the administrators of ${name}. Make me an administrator there first.` };
  }
  if (!botOk) return { ok: false, message: `I can't post in ${name}. Make me an administrator there (with "Post messages") first.` };
  return {
    ok: true,
    userIsAdmin,
    target: { chatId: String(chat.id), threadId: null, name, communityId: `telegram:${chat.id}` },
  };
}
