import { Errors, FormErrors } from "./api-error.js";
import { ChannelKind, isThreadType, type FakeChannel, type Json } from "./model.js";
import { hasPerm, Perm } from "./permission-bits.js";
import type { BucketConfig } from "./rate-limit.js";
import type { Route } from "./rest-server.js";
import type { FakeDiscordState } from "./state.js";
import { resolveReference } from "./message-reference.js";
import { validateMessageBody } from "./validate.js";

export interface ChannelRouteDeps {
  state: FakeDiscordState;
  channelBucket: BucketConfig;
  /** How long a nonce sent with enforce_nonce deduplicates (Discord: "a few minutes"). */
  nonceWindowMs: number;
  /** Refuse sends the bot's roles and overwrites do not allow (403 50001 / 50013). */
  enforcePermissions: boolean;
}

/** Channel reads, message create/edit/delete (with nonce dedup), threads and forum posts, DM channels. */
export function channelRoutes(deps: ChannelRouteDeps): Route[] {
  const { state } = deps;
  const nonces = new Map<string, { at: number; message: Json }>();

  const channelOf = (id: string | undefined): FakeChannel => {
    const ch = id === undefined ? undefined : state.channels.get(id);
    if (!ch || (ch.guildId !== undefined && !state.guilds.has(ch.guildId))) throw Errors.unknownChannel();
    return ch;
  };
  const botPerms = (ch: FakeChannel): bigint =>
    ch.guildId === undefined ? Perm.ViewChannel | Perm.SendMessages | Perm.EmbedLinks | Perm.ReadMessageHistory : state.permissionsFor(ch.guildId, state.botUser.id, ch.id);
  const requirePerm = (ch: FakeChannel, perm: bigint) => {
    if (!deps.enforcePermissions) return;
    const perms = botPerms(ch);
    if (!hasPerm(perms, Perm.ViewChannel)) throw Errors.missingAccess();
    if (!hasPerm(perms, perm)) throw Errors.missingPermissions();
  };
  const visible = (ch: FakeChannel) => {
    if (deps.enforcePermissions && !hasPerm(botPerms(ch), Perm.ViewChannel)) throw Errors.missingAccess();
    return ch;
  };
  const messageOf = (ch: FakeChannel, id: string | undefined): Json => {
    const msg = id === undefined ? undefined : state.findMessage(ch.id, id);
    if (!msg) throw Errors.unknownMessage();
    return msg;
  };

  const checkSendable = (ch: FakeChannel) => {
    if (ch.type === ChannelKind.DM) {
      const user = ch.recipientId ? state.users.get(ch.recipientId) : undefined;
      if (!user || user.dmsClosed) throw Errors.cannotDm();
      return;
    }
    if (ch.type === ChannelKind.GuildForum || ch.type === ChannelKind.GuildCategory) {
      visible(ch);
      throw Errors.nonTextChannel();
    }
    requirePerm(ch, isThreadType(ch.type) ? Perm.SendMessagesInThreads : Perm.SendMessages);
    if (isThreadType(ch.type) && (ch.archived || ch.locked)) throw Errors.threadArchived();
  };

  const createThread = (parent: FakeChannel, body: Json, starterId?: string): Json => {
    const errs = new FormErrors();
    const name = body.name;
    if (typeof name !== "string" || name.length < 1 || name.length > 100) {
      errs.add(["name"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
    }
    const isForum = parent.type === ChannelKind.GuildForum;
    const first = (body.message ?? undefined) as Json | undefined;
    if (isForum && !first) errs.add(["message"], "BASE_TYPE_REQUIRED", "This field is required");
    errs.throwIfAny();
    if (parent.guildId === undefined || isThreadType(parent.type) || parent.type === ChannelKind.GuildCategory) {
      throw Errors.nonTextChannel();
    }
    const type = body.type === ChannelKind.PrivateThread && !isForum ? ChannelKind.PrivateThread : ChannelKind.PublicThread;
    requirePerm(parent, isForum ? Perm.SendMessages : type === ChannelKind.PrivateThread ? Perm.CreatePrivateThreads : Perm.CreatePublicThreads);
    if (first) validateMessageBody(first);
    const thread = state.addChannel(parent.guildId, { id: starterId, name: name as string, type, parentId: parent.id });
    const out: Json = { ...state.channelJson(thread), member: { id: thread.id, user_id: state.botUser.id, join_timestamp: new Date().toISOString(), flags: 0 } };
    if (first) {
      // A forum post's starter message shares the thread's id.
      out.message = state.storeMessage(thread.id, state.buildMessage(thread.id, first, { id: thread.id, position: 0 }));
    }
    return out;
  };

  /**
   * Modify Channel. Threads, as Discord documents it: reopening (`archived: false`) an unlocked thread needs
   * only the right to post there; reopening a locked one, (un)locking, or touching someone else's thread
   * needs Manage Threads; an archived thread must be reopened in the same request to change anything else.
   */
  const modifyChannel = (ch: FakeChannel, b: Json): Json => {
    visible(ch);
    if (ch.guildId === undefined) throw Errors.missingPermissions();
    const errs = new FormErrors();
    const name = b.name;
    if (name !== undefined && (typeof name !== "string" || name.length < 1 || name.length > 100)) {
      errs.add(["name"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
    }
    for (const k of ["archived", "locked"]) if (b[k] !== undefined && typeof b[k] !== "boolean") errs.add([k], "BASE_TYPE_BOOLEAN", "Must be either true or false.");
    errs.throwIfAny();
    if (!isThreadType(ch.type)) {
      requirePerm(ch, Perm.ManageChannels);
      if (typeof name === "string") ch.name = name;
      if (typeof b.topic === "string" || b.topic === null) ch.topic = b.topic;
      state.dispatch("CHANNEL_UPDATE", state.channelJson(ch));
      return state.channelJson(ch);
    }
    const reopening = b.archived === false && ch.archived;
    if (ch.archived && !reopening) throw Errors.threadArchived();
    const onlyReopen = reopening && !ch.locked && b.locked === undefined && name === undefined;
    const ownerEdit = ch.ownerId === state.botUser.id && b.locked === undefined && !(reopening && ch.locked);
    requirePerm(ch, onlyReopen ? Perm.SendMessagesInThreads : ownerEdit ? Perm.ViewChannel : Perm.ManageThreads);
    if (typeof b.archived === "boolean") ch.archived = b.archived;
    if (typeof b.locked === "boolean") ch.locked = b.locked;
    if (typeof name === "string") ch.name = name;
    state.dispatch("THREAD_UPDATE", state.channelJson(ch));
    return state.channelJson(ch);
  };

  return [
    { method: "GET", pattern: "/channels/:channelId", auth: "bot", handle: ({ params }) => ({ body: state.channelJson(visible(channelOf(params.channelId))) }) },
    { method: "PATCH", pattern: "/channels/:channelId", auth: "bot", handle: ({ params, body }) => ({ body: modifyChannel(channelOf(params.channelId), (body ?? {}) as Json) }) },
    {
      method: "GET",
      pattern: "/channels/:channelId/messages",
      auth: "bot",
      handle: ({ params, query }) => {
        const ch = channelOf(params.channelId);
        requirePerm(ch, Perm.ReadMessageHistory);
        const limit = Math.min(100, Math.max(1, Number(query.get("limit") ?? 50)));
        return { body: [...(state.messages.get(ch.id) ?? [])].reverse().slice(0, limit) };
      },
    },
    {
      method: "GET",
      pattern: "/channels/:channelId/messages/:messageId",
      auth: "bot",
      handle: ({ params }) => {
        const ch = channelOf(params.channelId);
        requirePerm(ch, Perm.ReadMessageHistory);
        return { body: messageOf(ch, params.messageId) };
      },
    },
    {
      method: "POST",
      pattern: "/channels/:channelId/messages",
      auth: "bot",
      bucket: (p) => ({ key: `channel-messages:${p.channelId ?? ""}`, hash: "fake-channel-messages", config: deps.channelBucket }),
      handle: ({ params, body, now }) => {
        const ch = channelOf(params.channelId);
        checkSendable(ch);
        const b = (body ?? {}) as Json;
        validateMessageBody(b);
        const nonceKey = b.nonce === undefined || b.nonce === null ? undefined : `${ch.id}:${String(b.nonce)}`;
        if (b.enforce_nonce === true && nonceKey !== undefined) {
          const seen = nonces.get(nonceKey);
          if (seen && now - seen.at < deps.nonceWindowMs) return { body: seen.message };
        }
        const msg = state.storeMessage(ch.id, state.buildMessage(ch.id, b, resolveReference(state, ch, b)));
        if (nonceKey !== undefined) nonces.set(nonceKey, { at: now, message: msg });
        return { body: msg };
      },
    },
    {
      method: "PATCH",
      pattern: "/channels/:channelId/messages/:messageId",
      auth: "bot",
      handle: ({ params, body, now }) => {
        const ch = channelOf(params.channelId);
        const msg = messageOf(ch, params.messageId);
        const b = (body ?? {}) as Json;
        validateMessageBody(b, { partial: true });
        for (const k of ["content", "embeds", "components", "flags", "allowed_mentions"]) if (b[k] !== undefined) msg[k] = b[k];
        msg.edited_timestamp = new Date(now).toISOString();
        state.dispatch("MESSAGE_UPDATE", msg);
        return { body: msg };
      },
    },
    {
      method: "DELETE",
      pattern: "/channels/:channelId/messages/:messageId",
      auth: "bot",
      handle: ({ params }) => {
        const ch = channelOf(params.channelId);
        const msg = messageOf(ch, params.messageId);
        const list = state.messages.get(ch.id) ?? [];
        list.splice(list.indexOf(msg), 1);
        state.dispatch("MESSAGE_DELETE", { id: msg.id, channel_id: ch.id, ...(ch.guildId ? { guild_id: ch.guildId } : {}) });
        return {};
      },
    },
    {
      method: "POST",
      pattern: "/channels/:channelId/threads",
      auth: "bot",
      handle: ({ params, body }) => ({ status: 201, body: createThread(channelOf(params.channelId), (body ?? {}) as Json) }),
    },
    {
      method: "POST",
      pattern: "/channels/:channelId/messages/:messageId/threads",
      auth: "bot",
      handle: ({ params, body }) => {
        const ch = channelOf(params.channelId);
        const msg = messageOf(ch, params.messageId);
        const { message: _ignored, ...rest } = (body ?? {}) as Json;
        return { status: 201, body: createThread(ch, rest, String(msg.id)) };
      },
    },
    {
      method: "POST",
      pattern: "/users/@me/channels",
      auth: "bot",
      handle: ({ body }) => {
        const id = ((body ?? {}) as Json).recipient_id;
        if (typeof id !== "string" || !state.users.has(id)) throw Errors.unknownUser();
        return { body: state.channelJson(state.dmChannelFor(id)) };
      },
    },
  ];
}
