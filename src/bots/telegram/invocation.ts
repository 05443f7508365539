/**
 * From a Telegram chat/message to the core's Place, and from typed argument text to Invocation args. A
 * command with a `channel` argument takes the first word that names a chat ("@name", "-100…",
 * "t.me/name"), wherever it stands; without one the command targets the chat it was sent in, so
 * "/channel_set 08:00 Europe/Berlin" in a group and "/channel_set @news 08:00 Europe/Berlin" in a private
 * chat both parse.
 */
import type { Chat, Message } from "grammy/types";
import type { Invocation, Place } from "../../core/commands/context.js";
import type { CommandDefinition } from "../../core/commands/define-command.js";
import { parseArgsText } from "../../core/commands/dispatch.js";
import { channelReference } from "./chat-admins.js";

export function communityIdOf(chatId: number | string): string {
  return `telegram:${chatId}`;
}

/** Where a message (or the message under a pressed button) was sent; a forum topic becomes threadId. */
export function placeOf(chat: Chat, message?: Pick<Message, "is_topic_message" | "message_thread_id">): Place {
  const isPrivate = chat.type === "private";
  const threadId = message?.is_topic_message && message.message_thread_id !== undefined ? String(message.message_thread_id) : null;
  return {
    platform: "telegram",
    communityId: isPrivate ? null : communityIdOf(chat.id),
    communityName: isPrivate ? null : (chat.title ?? null),
    chatId: String(chat.id),
    threadId,
    isPrivate,
  };
}

export interface ParsedArgs {
  args: Invocation["args"];
  /** The chat named in the command's channel argument, still to be resolved and checked. */
  channelRef: string | null;
  channelArg: string | null;
}

export function parseTypedArgs(def: CommandDefinition, argsText: string): ParsedArgs {
  const names = Object.keys(def.args);
  const channelArg = names.find((n) => def.args[n]?.type === "channel") ?? null;
  if (channelArg === null) return { args: parseArgsText(def, argsText), channelRef: null, channelArg: null };
  const words = argsText.trim() === "" ? [] : argsText.trim().split(/\s+/);
  // Times, zones and topics never look like "@name" or "-100…", so the chat may stand anywhere.
  const at = words.findIndex((w) => channelReference(w) !== null);
  const without: CommandDefinition = {
    ...def,
    args: Object.fromEntries(Object.entries(def.args).filter(([n]) => n !== channelArg)),
  };
  if (at < 0) return { args: parseArgsText(without, argsText), channelRef: null, channelArg };
  const ref = channelReference(words[at] ?? "");
  const rest = [...words.slice(0, at), ...words.slice(at + 1)].join(" ");
  return { args: { ...parseArgsText(without, rest), [channelArg]: ref ?? undefined }, channelRef: ref, channelArg };
}
