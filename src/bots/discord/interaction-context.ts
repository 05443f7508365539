/**
 * What the command layer needs to know about an interaction: who (a moderator = Manage Server or
 * Administrator, from the interaction's member permissions), where, and — for commands with a
 * channel argument — the resolved, permission-checked target.
 */
import { PermissionFlagsBits, type BaseInteraction, type GuildBasedChannel } from "discord.js";
import type { Actor, Place, ResolvedTarget } from "../../core/commands/context.js";
import { isThreadType, missingPermissions, missingPermissionsMessage } from "./channel-permissions.js";
import { DESTINATION_CHANNEL_TYPES } from "./slash-commands.js";

export function communityIdOf(guildId: string): string {
  return `discord:${guildId}`;
}

export function actorOf(i: BaseInteraction): Actor {
  const perms = i.memberPermissions;
  // In a DM with the bot there is no one else to protect: the member manages their own follows.
  const isModerator = i.inGuild()
    ? perms !== null && (perms.has(PermissionFlagsBits.ManageGuild) || perms.has(PermissionFlagsBits.Administrator))
    : true;
  const displayName = i.user.globalName ?? i.user.username;
  return { platform: "discord", userId: i.user.id, displayName, isModerator };
}

export function placeOf(i: BaseInteraction): Place {
  const channel = i.channel;
  const inThread = channel !== null && isThreadType(channel.type) && "parentId" in channel && channel.parentId !== null;
  const chatId = inThread && channel && "parentId" in channel && channel.parentId ? channel.parentId : (i.channelId ?? "");
  return {
    platform: "discord",
    communityId: i.guildId ? communityIdOf(i.guildId) : null,
    communityName: i.guild?.name ?? null,
    chatId,
    threadId: inThread ? (i.channelId ?? null) : null,
    isPrivate: !i.guildId,
  };
}

export type TargetResult = { ok: true; target: ResolvedTarget } | { ok: false; message: string };

/**
 * The channel named by the option (or the current channel) as a destination target, after checking the
 * bot can view it, post there and embed links. In a DM the DM itself is the target.
 */
export function resolveTarget(i: BaseInteraction, channelId: string | undefined): TargetResult {
  const place = placeOf(i);
  if (!i.inGuild()) return { ok: true, target: { chatId: place.chatId, threadId: place.threadId, communityId: null } };
  const id = channelId ?? i.channelId ?? "";
  const channel: GuildBasedChannel | undefined = i.guild?.channels.cache.get(id) ?? undefined;
  const label = channel ? `#${channel.name}` : `<#${id}>`;
  // discord.js files a channel named in an option under the invoking guild's cache whatever its real
  // guild: without this check a moderator of one server could point its digest, notices or filters at
  // another server's channel (and read that server's settings).
  if (channel && channel.guildId !== i.guildId) {
    return { ok: false, message: "That channel belongs to another server: pick a channel of this server." };
  }
  if (channel && !DESTINATION_CHANNEL_TYPES.includes(channel.type)) {
    return { ok: false, message: `${label} can't receive digests: pick a text or announcement channel, a thread or a forum.` };
  }
  const me = i.guild?.members.me;
  let bits: bigint | undefined = channel && me ? channel.permissionsFor(me)?.bitfield : undefined;
  // Without a cached channel, Discord's own figure for the current channel is the next best thing.
  if (bits === undefined && id === i.channelId && i.appPermissions) bits = i.appPermissions.bitfield;
  if (bits === undefined || channel === undefined) {
    return { ok: false, message: `I can't see ${label}. Give the bot View Channel there, then try again.` };
  }
  const missing = missingPermissions(channel.type, bits);
  if (missing.length > 0) return { ok: false, message: missingPermissionsMessage(label, missing) };
  const thread = isThreadType(channel.type);
  return {
    ok: true,
    target: {
      chatId: thread && channel.parentId ? channel.parentId : channel.id,
      threadId: thread ? channel.id : null,
      // "#news" reads as a channel in replies, notices and /status (all plain text).
      name: channel.name ? `#${channel.name}` : undefined,
      communityId: communityIdOf(i.guildId),
    },
  };
}
