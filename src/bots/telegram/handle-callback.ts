/**
 * An inline button was pressed: decode the command it carries, run it as the person who pressed it, answer
 * the callback query (so the button stops spinning), and show the outcome:
 * - a refusal: an alert to the presser only; the message stays;
 * - in a private chat, under a view we know (e.g. /topics): the result as a toast, the view refreshed in place
 *   (the toggled topic gets its ✓);
 * - a personal action under a shared message in a group: a toast only, the shared message stays;
 * - otherwise (a confirmation, an unknown view): the message is replaced by the result, buttons gone.
 */
import { GrammyError, type Context } from "grammy";
import type { Actor, Invocation, Place } from "../../core/commands/context.js";
import { dispatch } from "../../core/commands/dispatch.js";
import { replyToText, type Reply } from "../../core/commands/reply.js";
import type { ButtonAction } from "./callback-data.js";
import { isChatAdmin } from "./handle-command.js";
import { placeOf } from "./invocation.js";
import { renderReply } from "./render-reply.js";
import { messageOptions, reportSendFailure, type TelegramRuntime } from "./reply-sender.js";
import { truncate } from "./telegram-html.js";

const EXPIRED = "This button has expired. Please run the command again.";
const TOAST_LIMIT = 200;

export async function handleCallback(ctx: Context, rt: TelegramRuntime): Promise<void> {
  const query = ctx.callbackQuery;
  if (!query?.data) return;
  const decoded = rt.codec.decode(query.data);
  const message = query.message;
  if (!decoded.ok || !message) {
    await ctx.answerCallbackQuery({ text: EXPIRED, show_alert: true });
    return;
  }
  const chat = message.chat;
  const actor: Actor = {
    platform: "telegram",
    userId: String(query.from.id),
    displayName: [query.from.first_name, query.from.last_name].filter(Boolean).join(" "),
    isModerator: chat.type === "private" ? true : await isChatAdmin(rt, chat.id, query.from.id),
  };
  const here = placeOf(chat, "is_topic_message" in message ? message : undefined);
  // A button under a reply about a channel named from a private chat acts in that channel's
  // community, as the command did; the presser must administer that channel (checked afresh).
  const acting = here.isPrivate ? rt.acting.get(chat.id, message.message_id) : undefined;
  if (acting) actor.isModerator = await isChatAdmin(rt, Number(acting.target.chatId), query.from.id);
  const place = acting ? acting.place : here;
  const run = (action: ButtonAction): Promise<Reply> => {
    const inv: Invocation = { command: action.command, args: action.args, actor, place, ...(acting ? { target: acting.target } : {}) };
    return dispatch(rt.deps.commands, inv, rt.deps.commandDeps);
  };
  const result = await run(decoded.action);
  if (result.error) {
    await ctx.answerCallbackQuery({ text: truncate(replyToText(result), TOAST_LIMIT), show_alert: true });
    return;
  }
  const toast = truncate(replyToText(result), TOAST_LIMIT);
  const origin = rt.origins.get(chat.id, message.message_id);
  const pressed = rt.deps.commands.find((c) => c.name === decoded.action.command);
  const hasChoices = (result.choices?.length ?? 0) > 0;
  // Confirmation steps are hidden commands: their result always replaces the question.
  const isStep = pressed !== undefined && !pressed.hidden;

  if (origin && isStep && !hasChoices && origin.command !== decoded.action.command && here.isPrivate) {
    await ctx.answerCallbackQuery({ text: toast });
    const view = await run(origin);
    if (!view.error) await edit(ctx, rt, here, message.message_id, view, origin);
    return;
  }
  if (origin && isStep && !hasChoices && !here.isPrivate && pressed.audience === "member") {
    await ctx.answerCallbackQuery({ text: toast });
    return;
  }
  await ctx.answerCallbackQuery();
  await edit(ctx, rt, here, message.message_id, result, hasChoices ? decoded.action : undefined);
}

async function edit(
  ctx: Context,
  rt: TelegramRuntime,
  place: Place,
  messageId: number,
  reply: Reply,
  origin: ButtonAction | undefined,
): Promise<void> {
  const chatId = Number(place.chatId);
  const messages = renderReply(reply, (a) => rt.codec.encode(a));
  const [first, ...more] = messages;
  if (!first) return;
  try {
    if (more.length === 0) {
      await ctx.api.editMessageText(chatId, messageId, first.html, messageOptions(first, rt.linkPreviews));
      if (first.keyboard && origin) rt.origins.remember(chatId, messageId, origin);
    } else {
      // Too long to replace one message (e.g. a digest preview): post it instead.
      for (const m of messages) await ctx.reply(m.html, messageOptions(m, rt.linkPreviews));
    }
  } catch (err) {
    if (err instanceof GrammyError && err.description.includes("message is not modified")) return;
    await reportSendFailure(rt, chatId, err);
  }
}
