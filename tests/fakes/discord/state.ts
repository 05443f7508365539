import {
  apiChannel,
  apiGuild,
  apiMember,
  apiRole,
  apiUser,
  ChannelKind,
  isThreadType,
  type FakeChannel,
  type FakeGuild,
  type FakeMember,
  type FakeRole,
  type FakeUser,
  type Json,
} from "./model.js";
import {
  ALL_PERMISSIONS,
  computePermissions,
  DEFAULT_BOT_PERMISSIONS,
  DEFAULT_MEMBER_PERMISSIONS,
  toBits,
  type Overwrite,
} from "./permission-bits.js";
import { createSnowflakeGenerator } from "./snowflake.js";

export type Bits = bigint | number | string;

export interface AddGuildOptions {
  id?: string;
  name: string;
  ownerId?: string;
  /** Permissions of the bot's managed role (default: view, send, embed, threads, history). */
  botPermissions?: Bits;
}
export interface AddChannelOptions {
  id?: string;
  name: string;
  /** 0 text, 5 announcement, 11 public thread (needs parentId), 12 private thread, 15 forum, 4 category. */
  type?: number;
  parentId?: string;
  permissionOverwrites?: { id: string; type: 0 | 1; allow?: Bits; deny?: Bits }[];
  topic?: string;
  /** Threads: archived threads refuse messages with 50083. */
  archived?: boolean;
  locked?: boolean;
  /** Threads: who started it (default the bot); the bot may edit its own threads without Manage Threads. */
  ownerId?: string;
}
export interface AddRoleOptions {
  id?: string;
  name: string;
  permissions?: Bits;
}
export interface AddMemberOptions {
  userId?: string;
  username: string;
  roles?: string[];
  /** Extra permissions, e.g. ManageGuild for a moderator; added to basePermissions on a personal role. */
  permissions?: Bits;
  /** Default DEFAULT_MEMBER_PERMISSIONS (view, send, history, commands); 0 for a member who can do nothing. */
  basePermissions?: Bits;
  bot?: boolean;
  dmsClosed?: boolean;
}

/** Something that pushes gateway events to connected bots (the gateway implements it). */
export type Dispatcher = (event: string, data: Json) => void;

/** The whole fake Discord world: guilds, channels, members, messages and commands. */
export class FakeDiscordState {
  readonly nextId = createSnowflakeGenerator();
  readonly applicationId: string;
  readonly botUser: FakeUser;
  readonly users = new Map<string, FakeUser>();
  readonly guilds = new Map<string, FakeGuild>();
  readonly channels = new Map<string, FakeChannel>();
  readonly messages = new Map<string, Json[]>();
  readonly dmChannelByUser = new Map<string, string>();
  /** Registered application commands by scope: "global" or a guild id. */
  readonly commands = new Map<string, Json[]>();
  dispatch: Dispatcher = () => {};

  constructor(botName = "newsdesk-bot") {
    this.applicationId = this.nextId();
    // Discord bots' user id equals their application id.
    this.botUser = { id: this.applicationId, username: botName, globalName: null, bot: true, dmsClosed: false };
    this.users.set(this.botUser.id, this.botUser);
  }

  addGuild(opts: AddGuildOptions): FakeGuild {
    const id = opts.id ?? this.nextId();
    const ownerId = opts.ownerId ?? this.nextId();
    if (!this.users.has(ownerId)) {
      this.users.set(ownerId, { id: ownerId, username: "owner", globalName: null, bot: false, dmsClosed: false });
    }
    const now = new Date().toISOString();
    const guild: FakeGuild = {
      id,
      name: opts.name,
      ownerId,
      botRoleId: this.nextId(),
      roles: new Map(),
      members: new Map(),
      joinedAt: now,
    };
    // @everyone carries no permissions so that tests control exactly what each member can do.
    guild.roles.set(id, { id, name: "@everyone", permissions: 0n, position: 0, managed: false });
    guild.roles.set(guild.botRoleId, {
      id: guild.botRoleId,
      name: this.botUser.username,
      permissions: opts.botPermissions === undefined ? DEFAULT_BOT_PERMISSIONS : toBits(opts.botPermissions),
      position: 1,
      managed: true,
    });
    guild.members.set(ownerId, { userId: ownerId, roles: [], joinedAt: now, nick: null });
    guild.members.set(this.botUser.id, { userId: this.botUser.id, roles: [guild.botRoleId], joinedAt: now, nick: null });
    this.guilds.set(id, guild);
    this.dispatch("GUILD_CREATE", this.guildCreatePayload(id));
    return guild;
  }

  removeGuild(guildId: string): void {
    const guild = this.requireGuild(guildId);
    for (const ch of [...this.channels.values()]) if (ch.guildId === guild.id) this.channels.delete(ch.id);
    this.guilds.delete(guildId);
    this.commands.delete(guildId);
    this.dispatch("GUILD_DELETE", { id: guildId });
  }

  addChannel(guildId: string, opts: AddChannelOptions): FakeChannel {
    const guild = this.requireGuild(guildId);
    const type = opts.type ?? ChannelKind.GuildText;
    if (isThreadType(type)) {
      const parent = opts.parentId === undefined ? undefined : this.channels.get(opts.parentId);
      if (!parent || parent.guildId !== guild.id) throw new Error(`thread ${opts.name} needs a parentId in the guild`);
    }
    const channel: FakeChannel = {
      id: opts.id ?? this.nextId(),
      guildId: guild.id,
      name: opts.name,
      type,
      parentId: opts.parentId ?? null,
      permissionOverwrites: (opts.permissionOverwrites ?? []).map((o) => ({
        id: o.id,
        type: o.type,
        allow: toBits(o.allow ?? 0n),
        deny: toBits(o.deny ?? 0n),
      })),
      position: [...this.channels.values()].filter((c) => c.guildId === guild.id).length,
      topic: opts.topic ?? null,
      ownerId: isThreadType(type) ? (opts.ownerId ?? this.botUser.id) : null,
      archived: opts.archived ?? false,
      locked: opts.locked ?? false,
      lastMessageId: null,
      recipientId: null,
    };
    this.channels.set(channel.id, channel);
    this.dispatch(isThreadType(type) ? "THREAD_CREATE" : "CHANNEL_CREATE", apiChannel(channel));
    return channel;
  }

  /** Archives/unarchives or locks a thread, as a moderator would. */
  updateThread(channelId: string, patch: { archived?: boolean; locked?: boolean }): void {
    const ch = this.requireChannel(channelId);
    if (patch.archived !== undefined) ch.archived = patch.archived;
    if (patch.locked !== undefined) ch.locked = patch.locked;
    this.dispatch("THREAD_UPDATE", apiChannel(ch));
  }

  /**
   * Deletes a channel as a moderator would: a thread sends THREAD_DELETE (id, guild_id, parent_id, type
   * only); any other channel sends CHANNEL_DELETE and takes its threads with it (no event per thread).
   */
  deleteChannel(channelId: string): void {
    const ch = this.requireChannel(channelId);
    this.channels.delete(ch.id);
    this.messages.delete(ch.id);
    if (isThreadType(ch.type)) {
      this.dispatch("THREAD_DELETE", { id: ch.id, guild_id: ch.guildId, parent_id: ch.parentId, type: ch.type });
      return;
    }
    for (const t of [...this.channels.values()]) {
      if (t.parentId === ch.id && isThreadType(t.type)) {
        this.channels.delete(t.id);
        this.messages.delete(t.id);
      }
    }
    this.dispatch("CHANNEL_DELETE", apiChannel(ch));
  }

  addRole(guildId: string, opts: AddRoleOptions): FakeRole {
    const guild = this.requireGuild(guildId);
    const role: FakeRole = {
      id: opts.id ?? this.nextId(),
      name: opts.name,
      permissions: toBits(opts.permissions ?? 0n),
      position: guild.roles.size,
      managed: false,
    };
    guild.roles.set(role.id, role);
    this.dispatch("GUILD_ROLE_CREATE", { guild_id: guild.id, role: this.roleJson(role) });
    return role;
  }

  addMember(guildId: string, opts: AddMemberOptions): FakeMember {
    const guild = this.requireGuild(guildId);
    const userId = opts.userId ?? this.nextId();
    const user: FakeUser = this.users.get(userId) ?? {
      id: userId,
      username: opts.username,
      globalName: null,
      bot: opts.bot ?? false,
      dmsClosed: false,
    };
    user.username = opts.username;
    if (opts.dmsClosed !== undefined) user.dmsClosed = opts.dmsClosed;
    this.users.set(userId, user);
    const roles = [...(opts.roles ?? [])];
    for (const r of roles) if (!guild.roles.has(r)) throw new Error(`unknown role ${r} in guild ${guildId}`);
    // @everyone has no permissions here, so ordinary members get theirs from a personal role.
    const personal = toBits(opts.basePermissions ?? DEFAULT_MEMBER_PERMISSIONS) | toBits(opts.permissions ?? 0n);
    if (personal !== 0n) roles.push(this.addRole(guildId, { name: `perms-${opts.username}`, permissions: personal }).id);
    const member: FakeMember = { userId, roles, joinedAt: new Date().toISOString(), nick: null };
    guild.members.set(userId, member);
    this.dispatch("GUILD_MEMBER_ADD", { ...apiMember(member, user), guild_id: guild.id });
    return member;
  }

  /** Sets the bot's permissions guild-wide (its managed role) or in one channel (a member overwrite). */
  setBotPermissions(guildOrChannelId: string, bits: Bits): void {
    const value = toBits(bits);
    const guild = this.guilds.get(guildOrChannelId);
    if (guild) {
      const role = guild.roles.get(guild.botRoleId);
      if (!role) throw new Error("bot role missing");
      role.permissions = value;
      this.dispatch("GUILD_ROLE_UPDATE", { guild_id: guild.id, role: this.roleJson(role) });
      return;
    }
    const ch = this.requireChannel(guildOrChannelId);
    // Threads take permissions from their parent, as on Discord.
    const target = isThreadType(ch.type) && ch.parentId ? this.requireChannel(ch.parentId) : ch;
    target.permissionOverwrites = target.permissionOverwrites.filter((o) => !(o.type === 1 && o.id === this.botUser.id));
    target.permissionOverwrites.push({ id: this.botUser.id, type: 1, allow: value, deny: ALL_PERMISSIONS & ~value });
    this.dispatch("CHANNEL_UPDATE", apiChannel(target));
  }

  /** A member's permissions in the guild, or in a channel when channelId is given (threads use the parent). */
  permissionsFor(guildId: string, userId: string, channelId?: string): bigint {
    const guild = this.requireGuild(guildId);
    const member = guild.members.get(userId);
    if (!member) return 0n;
    let overwrites: Overwrite[] | undefined;
    if (channelId !== undefined) {
      const ch = this.requireChannel(channelId);
      const source = isThreadType(ch.type) && ch.parentId ? this.channels.get(ch.parentId) : ch;
      overwrites = source?.permissionOverwrites ?? [];
    }
    const rolePermissions = new Map([...guild.roles.values()].map((r) => [r.id, r.permissions]));
    return computePermissions({
      guildId,
      ownerId: guild.ownerId,
      userId,
      memberRoleIds: member.roles,
      rolePermissions,
      overwrites,
    });
  }

  /** DM channel with a user, created on first use as POST /users/@me/channels does. */
  dmChannelFor(userId: string): FakeChannel {
    const existing = this.dmChannelByUser.get(userId);
    if (existing) return this.requireChannel(existing);
    const channel: FakeChannel = {
      id: this.nextId(),
      guildId: undefined,
      name: "",
      type: ChannelKind.DM,
      parentId: null,
      permissionOverwrites: [],
      position: 0,
      topic: null,
      ownerId: null,
      archived: false,
      locked: false,
      lastMessageId: null,
      recipientId: userId,
    };
    this.channels.set(channel.id, channel);
    this.dmChannelByUser.set(userId, channel.id);
    return channel;
  }

  channelJson(ch: FakeChannel): Json {
    return apiChannel(ch, ch.recipientId ? this.users.get(ch.recipientId) : undefined);
  }

  memberJson(guild: FakeGuild, member: FakeMember): Json {
    return apiMember(member, this.users.get(member.userId));
  }

  roleJson(role: FakeRole): Json {
    return apiRole(role);
  }

  /** The full GUILD_CREATE payload: roles, channels, threads and members (incl. the bot). */
  guildCreatePayload(guildId: string): Json {
    const guild = this.requireGuild(guildId);
    const chans = [...this.channels.values()].filter((c) => c.guildId === guildId);
    return {
      ...apiGuild(guild),
      joined_at: guild.joinedAt,
      large: false,
      unavailable: false,
      member_count: guild.members.size,
      voice_states: [],
      members: [...guild.members.values()].map((m) => this.memberJson(guild, m)),
      channels: chans.filter((c) => !isThreadType(c.type)).map((c) => this.channelJson(c)),
      threads: chans.filter((c) => isThreadType(c.type)).map((c) => this.channelJson(c)),
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  /** Stores a message and announces it (MESSAGE_CREATE reaches only bots with the message intents). */
  storeMessage(channelId: string, message: Json): Json {
    const list = this.messages.get(channelId) ?? [];
    list.push(message);
    this.messages.set(channelId, list);
    const ch = this.channels.get(channelId);
    if (ch) ch.lastMessageId = String(message.id);
    this.dispatch("MESSAGE_CREATE", message);
    return message;
  }

  findMessage(channelId: string, messageId: string): Json | undefined {
    return this.messages.get(channelId)?.find((m) => m.id === messageId);
  }

  /** A message authored by the bot (or a webhook acting for it), shaped like Discord's response. */
  buildMessage(channelId: string, body: Json, extra: Json = {}): Json {
    const ch = this.channels.get(channelId);
    return {
      id: this.nextId(),
      type: 0,
      channel_id: channelId,
      ...(ch?.guildId ? { guild_id: ch.guildId } : {}),
      author: apiUser(this.botUser),
      content: typeof body.content === "string" ? body.content : "",
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: body.tts === true,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      mention_channels: [],
      attachments: [],
      embeds: Array.isArray(body.embeds) ? body.embeds.map((e: unknown) => ({ type: "rich", ...(e as Json) })) : [],
      reactions: [],
      pinned: false,
      flags: typeof body.flags === "number" ? body.flags : 0,
      components: Array.isArray(body.components) ? body.components : [],
      ...(body.nonce !== undefined ? { nonce: body.nonce } : {}),
      ...(body.allowed_mentions !== undefined ? { allowed_mentions: body.allowed_mentions } : {}),
      ...extra,
    };
  }

  requireGuild(id: string): FakeGuild {
    const g = this.guilds.get(id);
    if (!g) throw new Error(`unknown guild ${id}`);
    return g;
  }

  requireChannel(id: string): FakeChannel {
    const c = this.channels.get(id);
    if (!c) throw new Error(`unknown channel ${id}`);
    return c;
  }
}
