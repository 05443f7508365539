/**
 * Runs slash commands, buttons and autocomplete through the shared command layer. Every interaction
 * is answered within Discord's 3 s: a quick reply directly, a slow one is deferred and edited later.
 */
import {
  MessageFlags,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
} from "discord.js";
import type { CommandDeps, Invocation } from "../../core/commands/context.js";
import type { CommandDefinition } from "../../core/commands/define-command.js";
import { dispatch } from "../../core/commands/dispatch.js";
import { reply as replyOf, type Reply } from "../../core/commands/reply.js";
import { describeError } from "../../core/errors.js";
import type { Logger } from "../../core/logger.js";
import { MAX_CHOICES, type Completer } from "./autocomplete-choices.js";
import type { ButtonAction, ButtonIds } from "./button-ids.js";
import { actorOf, placeOf, resolveTarget } from "./interaction-context.js";
import { renderReply } from "./render-reply.js";
import { commandPath, optionName } from "./slash-commands.js";

export interface InteractionHandlerOptions {
  commands: readonly CommandDefinition[];
  commandDeps: CommandDeps;
  logger: Logger;
  buttonIds: ButtonIds;
  completer: Completer;
  /** Reply directly if the command is done within this; otherwise defer first (default 1200 ms). */
  ackBudgetMs?: number;
}

const EXPIRED = "This button has expired. Run the command again.";

/** What an interaction shows: its reply (and the view its buttons redraw), or a redrawn view plus the reply. */
interface Outcome {
  reply: Reply;
  view?: ButtonAction["view"];
  redraw?: { reply: Reply; view: NonNullable<ButtonAction["view"]> };
}

/** A command's options as button arguments (strings), so its view can be run again. */
function viewArgs(args: Invocation["args"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(args)) if (v !== undefined && v !== null && v !== "") out[k] = String(v);
  return out;
}
const LATE = Symbol("late");

function sleep(ms: number): { done: Promise<typeof LATE>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const done = new Promise<typeof LATE>((resolve) => {
    timer = setTimeout(() => resolve(LATE), ms);
  });
  return { done, cancel: () => clearTimeout(timer) };
}

export function createInteractionHandler(o: InteractionHandlerOptions): (i: Interaction) => Promise<void> {
  const budget = o.ackBudgetMs ?? 1200;
  const byName = new Map(o.commands.map((c) => [commandPath(c.name).join(" "), c]));
  const channelArgOf = (def: CommandDefinition) => Object.entries(def.args).find(([, s]) => s.type === "channel")?.[0];

  /** The invocation, or a refusal when the channel argument's target fails the permission check. */
  function invocationFor(
    i: ChatInputCommandInteraction | ButtonInteraction,
    def: CommandDefinition | undefined,
    command: string,
    args: Invocation["args"],
  ): Invocation | Reply {
    const inv: Invocation = { command, args, actor: actorOf(i), place: placeOf(i) };
    const channelArg = def ? channelArgOf(def) : undefined;
    // Refusals for the wrong audience or place come from dispatch; only then is the target checked.
    const allowed = def && !(def.audience === "moderator" && !inv.actor.isModerator) && !(def.where === "community" && inv.place.isPrivate);
    if (def && channelArg && allowed) {
      const raw = args[channelArg];
      const t = resolveTarget(i, raw === undefined || raw === "" ? undefined : String(raw));
      if (!t.ok) return replyOf.error(t.message);
      inv.target = t.target;
    }
    return inv;
  }

  async function run(inv: Invocation | Reply): Promise<Reply> {
    if ("blocks" in inv) return inv;
    return dispatch(o.commands, inv, o.commandDeps);
  }

  /**
   * A press under a private view (e.g. /topics) redraws that view, run again as the presser, so the ✓
   * moves and the member can keep pressing; the press's own result goes to them as a follow-up.
   * Confirmation steps (hidden commands) and results that bring their own buttons replace the message.
   */
  async function press(i: ButtonInteraction, action: ButtonAction): Promise<Outcome> {
    const def = o.commands.find((c) => c.name === action.command);
    const reply = await run(invocationFor(i, def, action.command, action.args));
    const hasChoices = (reply.choices?.length ?? 0) > 0;
    const origin = action.view;
    if (!reply.error && origin && def && !def.hidden && !hasChoices && origin.command !== action.command) {
      const originDef = o.commands.find((c) => c.name === origin.command);
      const redrawn = await run(invocationFor(i, originDef, origin.command, origin.args));
      if (!redrawn.error) return { reply, redraw: { reply: redrawn, view: origin } };
    }
    return { reply, ...(hasChoices ? { view: { command: action.command, args: action.args } } : {}) };
  }

  async function answer(i: ChatInputCommandInteraction | ButtonInteraction, work: Promise<Outcome>): Promise<void> {
    const update = i.isButton();
    const timer = sleep(budget);
    const early = await Promise.race([work, timer.done]);
    timer.cancel();
    let deferred = false;
    let outcome: Outcome;
    if (early === LATE) {
      if (update) await i.deferUpdate();
      else await i.deferReply({ flags: MessageFlags.Ephemeral });
      deferred = true;
      outcome = await work;
    } else {
      outcome = early;
    }
    const r = outcome.reply;
    const { embeds, components, allowedMentions } = renderReply(r, o.buttonIds, outcome.view);
    const body = { embeds, components, allowedMentions };
    const ephemeral = { ...body, flags: MessageFlags.Ephemeral as const };
    if (update) {
      const redraw = outcome.redraw;
      // A button's answer replaces the message it sits on; a refusal goes to the member alone.
      if (r.error) await (deferred ? i.followUp(ephemeral) : i.reply(ephemeral));
      else if (redraw) {
        const view = renderReply(redraw.reply, o.buttonIds, redraw.view);
        const viewBody = { embeds: view.embeds, components: view.components, allowedMentions };
        await (deferred ? i.editReply(viewBody) : i.update(viewBody));
        await i.followUp({ ...body, components: [], flags: MessageFlags.Ephemeral });
      } else await (deferred ? i.editReply(body) : i.update(body));
    } else if (!deferred) {
      await i.reply(r.ephemeral ? ephemeral : body);
    } else if (r.ephemeral) {
      await i.editReply(body);
    } else {
      // The deferral was private; a public answer replaces it.
      await i.deleteReply();
      await i.followUp(body);
    }
  }

  async function onCommand(i: ChatInputCommandInteraction): Promise<void> {
    const name = [i.commandName, i.options.getSubcommandGroup(false), i.options.getSubcommand(false)].filter(Boolean).join(" ");
    const def = byName.get(name);
    const args: Invocation["args"] = {};
    for (const [argName, spec] of Object.entries(def?.args ?? {})) {
      const opt = i.options.get(optionName(argName));
      if (!opt) continue;
      args[argName] = spec.type === "channel" ? (opt.channel?.id ?? String(opt.value ?? "")) : opt.value;
    }
    const view = { command: def?.name ?? name, args: viewArgs(args) };
    await answer(i, run(invocationFor(i, def, view.command, args)).then((reply) => ({ reply, view })));
  }

  async function onButton(i: ButtonInteraction): Promise<void> {
    const action = o.buttonIds.decode(i.customId);
    if (!action) {
      await i.reply({ content: EXPIRED, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
      return;
    }
    await answer(i, press(i, action));
  }

  async function onAutocomplete(i: AutocompleteInteraction): Promise<void> {
    const focused = i.options.getFocused(true);
    const name = [i.commandName, i.options.getSubcommandGroup(false), i.options.getSubcommand(false)].filter(Boolean).join(" ");
    const def = byName.get(name);
    const spec = Object.entries(def?.args ?? {}).find(([n]) => optionName(n) === focused.name)?.[1];
    const source = spec?.autocomplete;
    const choices = source
      ? await o.completer(source, String(focused.value), { deps: o.commandDeps, place: placeOf(i), userId: i.user.id })
      : [];
    await i.respond(choices.slice(0, MAX_CHOICES));
  }

  return async (i: Interaction) => {
    try {
      if (i.isChatInputCommand()) await onCommand(i);
      else if (i.isButton()) await onButton(i);
      else if (i.isAutocomplete()) await onAutocomplete(i);
    } catch (err) {
      o.logger.error({ err: describeError(err), interactionId: i.id }, "discord interaction failed");
      if (!i.isRepliable()) return;
      const body = { content: "Something went wrong on our side; it has been logged.", flags: MessageFlags.Ephemeral as const, allowedMentions: { parse: [] } };
      await (i.replied || i.deferred ? i.followUp(body) : i.reply(body)).catch(() => undefined);
    }
  };
}
