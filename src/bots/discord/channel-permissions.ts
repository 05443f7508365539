/**
 * Before a channel is saved as a destination: can the bot view it, post there (in threads: Send
 * Messages in Threads; in forums: create posts, i.e. Send Messages) and embed links? Names what is missing.
 */
import { ChannelType, PermissionFlagsBits } from "discord.js";

const THREAD_TYPES: ReadonlySet<number> = new Set([
  ChannelType.AnnouncementThread,
  ChannelType.PublicThread,
  ChannelType.PrivateThread,
]);

export function isThreadType(type: number): boolean {
  return THREAD_TYPES.has(type);
}

export function requiredPermissions(channelType: number): { bit: bigint; name: string }[] {
  const send = isThreadType(channelType)
    ? { bit: PermissionFlagsBits.SendMessagesInThreads, name: "Send Messages in Threads" }
    : { bit: PermissionFlagsBits.SendMessages, name: "Send Messages" };
  return [{ bit: PermissionFlagsBits.ViewChannel, name: "View Channel" }, send, { bit: PermissionFlagsBits.EmbedLinks, name: "Embed Links" }];
}

/** Names of the permissions the bot lacks there (empty: fine). Administrator implies everything. */
export function missingPermissions(channelType: number, botPermissions: bigint): string[] {
  if ((botPermissions & PermissionFlagsBits.Administrator) !== 0n) return [];
  return requiredPermissions(channelType)
    .filter((p) => (botPermissions & p.bit) !== p.bit)
    .map((p) => p.name);
}

export function missingPermissionsMessage(channelLabel: string, missing: string[]): string {
  const list = missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(", ")} and ${missing[missing.length - 1]}`;
  return `I can't post digests in ${channelLabel}: I'm missing ${list} there. Give the bot ${missing.length === 1 ? "that permission" : "those permissions"} in the channel settings, then try again.`;
}
