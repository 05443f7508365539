/**
 * A typed command: find it in the shared registry, work out who is asking (creator/administrator, anonymous
 * admin, or the owner of a private chat) and which chat it targets (a channel named in the arguments must
 * have both the user and the bot as administrators), then dispatch and send the Reply back.
 */
import type { Context } from "grammy";
import type { Message } from "grammy/types";
import type { CommandDefinition } from "../../core/commands/define-command.js";
import type { Actor, Invocation, Place, ResolvedTarget } from "../../core/commands/context.js";
import { dispatch } from "../../core/commands/dispatch.js";
import { reply, type Reply } from "../../core/commands/reply.js";
import { resolveChannel } from "./chat-admins.js";
import { commandGroup, matchCommand, parseCommandMessage, telegramUsage } from "./command-names.js";
import { parseTypedArgs, placeOf } from "./invocation.js";
import { sendReply, type TelegramRuntime } from "./reply-sender.js";
import { describeTelegramError } from "./send-errors.js";

/** The command shown after /start's greeting, if the registry has it. */
const START_FOLLOW_UP = ["topics", "help"];

export async function handleCommandMessage(ctx: Context, rt: TelegramRuntime): Promise<void> {
  const msg = ctx.message;
  if (!msg?.text) return;
  const parsed = parseCommandMessage(msg.text, msg.entities);
  if (!parsed) return;
  // A forwarded command is someone else's words: running it would act as whoever forwarded it. Only
  // reading commands in a private chat run; anything else is ignored without a reply.
  const forwarded = msg.forward_origin !== undefined || (msg as { forward_date?: number }).forward_date !== undefined;
  if (forwarded && msg.chat.type !== "private") return;
  const me = rt.me();
  const addressedToUs = parsed.addressee !== null && parsed.addressee.toLowerCase() === me.username.toLowerCase();
  if (parsed.addressee !== null && !addressedToUs) return; // "/cmd@other_bot"
  const isPrivate = msg.chat.type === "private";

  if (parsed.word === "start" && !rt.deps.commands.some((c) => c.name === "start")) {
    if (forwarded) return;
    await handleStart(ctx, rt, msg);
    return;
  }
  const match = matchCommand(rt.deps.commands, parsed.word, parsed.rest);
  if (!match) {
    const group = commandGroup(rt.deps.commands, parsed.word);
    if (group.length > 0 && !forwarded) {
      await sendReply(ctx, rt, groupHelp(parsed.word, group, isPrivate), msg.message_id);
      return;
    }
    // In a group an unknown command may be meant for another bot: answer only when clearly ours.
    if ((isPrivate || addressedToUs) && !forwarded) await sendReply(ctx, rt, reply.error(`Unknown command /${parsed.word}. Try /help.`), msg.message_id);
    return;
  }
  const { def, argsText } = match;
  if (forwarded && !def.readOnly) return;
  const typed = parseTypedArgs(def, argsText);
  const actor = await actorOf(rt, msg);
  let target: ResolvedTarget | undefined;
  if (typed.channelRef !== null) {
    if (msg.from === undefined || msg.sender_chat !== undefined) {
      await sendReply(ctx, rt, reply.error("Name a channel from your own account (not anonymously)."), msg.message_id);
      return;
    }
    const resolved = await resolveChannel(ctx.api, rt.admins, typed.channelRef, msg.from.id, me.id);
    if (!resolved.ok) {
      await sendReply(ctx, rt, reply.error(resolved.message), msg.message_id);
      return;
    }
    target = resolved.target;
    // Moderator of the named channel only if the user administers it (the bot's rights were checked
    // above); typed in a group, they must administer the group too.
    actor.isModerator = isPrivate ? resolved.userIsAdmin : actor.isModerator && resolved.userIsAdmin;
  }
  const here = placeOf(msg.chat, msg);
  // From a private chat, a named channel is its own community: the command acts there. Typed in a
  // group, the command acts for the group's community and the named chat is only where things go
  // (e.g. `/notices @mods_chat` sends the group's moderator notices to the mods chat).
  if (target && !isPrivate) target = { ...target, communityId: here.communityId };
  const place: Place =
    target && isPrivate && target.chatId !== here.chatId
      ? { ...here, communityId: target.communityId, communityName: target.name ?? null, isPrivate: false, threadId: null }
      : here;
  const invocation: Invocation = { command: def.name, args: typed.args, actor, place, ...(target ? { target } : {}) };
  const result = await dispatch(rt.deps.commands, invocation, rt.deps.commandDeps);
  const acting = target && isPrivate && place !== here ? { place, target } : undefined;
  await sendReply(ctx, rt, result, msg.message_id, target ? undefined : { command: def.name, args: stringArgs(typed.args) }, acting);
}

/** "/channel" alone (or with an unknown subcommand): the group's commands usable here, with their usage. */
function groupHelp(word: string, group: CommandDefinition[], isPrivate: boolean): Reply {
  const here = group.filter((c) => c.where === "any" || (c.where === "private") === isPrivate);
  const shown = here.length > 0 ? here : group;
  return reply.blocks(
    [
      { kind: "text", text: `/${word} commands:`, style: "heading" },
      { kind: "list", items: shown.map((c) => ({ text: telegramUsage(c), detail: c.description })) },
    ],
    { ephemeral: true },
  );
}

function stringArgs(args: Invocation["args"]): Record<string, string> {
  return Object.fromEntries(Object.entries(args).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])));
}

/** Who sent a message, and whether they may configure the chat it was sent in. */
export async function actorOf(rt: TelegramRuntime, msg: Message): Promise<Actor> {
  const chat = msg.chat;
  if (msg.sender_chat !== undefined) {
    // An anonymous admin posts as the group itself; a linked channel's post comes from another chat.
    return {
      platform: "telegram",
      userId: String(msg.sender_chat.id),
      displayName: "title" in msg.sender_chat ? msg.sender_chat.title : undefined,
      isModerator: msg.sender_chat.id === chat.id,
    };
  }
  const from = msg.from;
  if (!from) return { platform: "telegram", userId: String(chat.id), isModerator: false };
  return {
    platform: "telegram",
    userId: String(from.id),
    displayName: [from.first_name, from.last_name].filter(Boolean).join(" "),
    isModerator: chat.type === "private" ? true : await isChatAdmin(rt, chat.id, from.id),
  };
}

export async function isChatAdmin(rt: TelegramRuntime, chatId: number, userId: number): Promise<boolean> {
  try {
    return await rt.admins.isAdmin(chatId, userId);
  } catch (err) {
    rt.deps.logger.warn({ chatId, error: describeTelegramError(err) }, "telegram admin check failed");
    return false;
  }
}

/** /start: a greeting, then (in a private chat) the topics to follow, as buttons. */
async function handleStart(ctx: Context, rt: TelegramRuntime, msg: Message): Promise<void> {
  const name = msg.from?.first_name;
  const greeting: Reply = reply.blocks([
    { kind: "text", text: `Hello${name ? ` ${name}` : ""}! I post a daily digest of AI news.`, style: "heading" },
    {
      kind: "text",
      text:
        msg.chat.type === "private"
          ? "Follow the topics you care about below; /help lists everything I can do."
          : "Administrators can set up this chat's digest; /help lists the commands.",
    },
  ]);
  const followUp = rt.deps.commands.find((c) => START_FOLLOW_UP.includes(c.name) && c.where !== "community");
  if (msg.chat.type !== "private" || !followUp) {
    await sendReply(ctx, rt, greeting, msg.message_id);
    return;
  }
  const shown = await dispatch(
    rt.deps.commands,
    { command: followUp.name, args: {}, actor: await actorOf(rt, msg), place: placeOf(msg.chat, msg) },
    rt.deps.commandDeps,
  );
  const combined: Reply = {
    ...shown,
    blocks: [...greeting.blocks, ...shown.blocks],
    ...(shown.choices ? { choices: shown.choices } : {}),
  };
  await sendReply(ctx, rt, combined, msg.message_id, { command: followUp.name, args: {} });
}
