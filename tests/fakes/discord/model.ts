import type { Overwrite } from "./permission-bits.js";

/** Loosely typed JSON object as Discord sends and receives it. */
export type Json = Record<string, unknown>;

/** Channel types the fake models (Discord's numbers). */
export const ChannelKind = {
  GuildText: 0,
  DM: 1,
  GuildCategory: 4,
  GuildAnnouncement: 5,
  PublicThread: 11,
  PrivateThread: 12,
  GuildForum: 15,
} as const;

export function isThreadType(type: number): boolean {
  return type === 10 || type === 11 || type === 12;
}

export interface FakeUser {
  id: string;
  username: string;
  globalName: string | null;
  bot: boolean;
  /** The user refuses DMs: sending to their DM channel fails with 50007. */
  dmsClosed: boolean;
}

export interface FakeRole {
  id: string;
  name: string;
  permissions: bigint;
  position: number;
  managed: boolean;
}

export interface FakeMember {
  userId: string;
  roles: string[];
  joinedAt: string;
  nick: string | null;
}

export interface FakeChannel {
  id: string;
  /** Undefined for DM channels. */
  guildId: string | undefined;
  name: string;
  type: number;
  parentId: string | null;
  permissionOverwrites: Overwrite[];
  position: number;
  topic: string | null;
  /** Threads only. */
  ownerId: string | null;
  archived: boolean;
  locked: boolean;
  lastMessageId: string | null;
  /** DM channels only. */
  recipientId: string | null;
}

export interface FakeGuild {
  id: string;
  name: string;
  ownerId: string;
  /** The bot's managed role, whose permissions setBotPermissions(guildId) replaces. */
  botRoleId: string;
  roles: Map<string, FakeRole>;
  members: Map<string, FakeMember>;
  joinedAt: string;
}

export function apiUser(u: FakeUser): Json {
  return {
    id: u.id,
    username: u.username,
    global_name: u.globalName,
    discriminator: "0",
    avatar: null,
    bot: u.bot,
    system: false,
    flags: 0,
    public_flags: 0,
  };
}

export function apiRole(r: FakeRole): Json {
  return {
    id: r.id,
    name: r.name,
    permissions: r.permissions.toString(),
    position: r.position,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    managed: r.managed,
    mentionable: false,
    icon: null,
    unicode_emoji: null,
    flags: 0,
  };
}

export function apiMember(m: FakeMember, user: FakeUser | undefined, permissions?: bigint): Json {
  const out: Json = {
    user: user ? apiUser(user) : { id: m.userId, username: "unknown", discriminator: "0", avatar: null },
    nick: m.nick,
    avatar: null,
    roles: [...m.roles],
    joined_at: m.joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    communication_disabled_until: null,
  };
  if (permissions !== undefined) out.permissions = permissions.toString();
  return out;
}

export function apiOverwrite(o: Overwrite): Json {
  return { id: o.id, type: o.type, allow: o.allow.toString(), deny: o.deny.toString() };
}

export function apiChannel(c: FakeChannel, recipient?: FakeUser): Json {
  if (c.type === ChannelKind.DM) {
    return {
      id: c.id,
      type: c.type,
      last_message_id: c.lastMessageId,
      flags: 0,
      recipients: recipient ? [apiUser(recipient)] : [],
    };
  }
  const out: Json = {
    id: c.id,
    type: c.type,
    guild_id: c.guildId,
    name: c.name,
    parent_id: c.parentId,
    position: c.position,
    flags: 0,
    last_message_id: c.lastMessageId,
    rate_limit_per_user: 0,
    nsfw: false,
  };
  if (isThreadType(c.type)) {
    Object.assign(out, {
      owner_id: c.ownerId,
      message_count: 0,
      member_count: 1,
      total_message_sent: 0,
      applied_tags: [],
      thread_metadata: {
        archived: c.archived,
        locked: c.locked,
        auto_archive_duration: 1440,
        archive_timestamp: new Date().toISOString(),
        create_timestamp: new Date().toISOString(),
      },
    });
  } else {
    Object.assign(out, {
      topic: c.topic,
      permission_overwrites: c.permissionOverwrites.map(apiOverwrite),
    });
    if (c.type === ChannelKind.GuildForum) {
      Object.assign(out, {
        available_tags: [],
        default_reaction_emoji: null,
        default_sort_order: null,
        default_forum_layout: 0,
        default_thread_rate_limit_per_user: 0,
      });
    }
  }
  return out;
}

/** The guild object of GET /guilds/:id (no channels/members). */
export function apiGuild(g: FakeGuild): Json {
  return {
    id: g.id,
    name: g.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: g.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [...g.roles.values()].map(apiRole),
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: "en-US",
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    max_video_channel_users: 25,
    application_id: null,
  };
}
