/**
 * Runs one invocation: finds the command, checks where and by whom it may run, validates every
 * argument, runs it, and turns any failure into a short reply. Never throws.
 */
import { CommandError, describeError } from "../errors.js";
import type { CommandDeps, Invocation, Place, ResolvedTarget } from "./context.js";
import type { CommandDefinition } from "./define-command.js";
import { reply, type Reply } from "./reply.js";

export const MODERATOR_ONLY =
  "Only moderators can change this (Discord: Manage Server; Telegram: a chat admin).";

export function moderatorOnly(def: CommandDefinition): string {
  return def.readOnly
    ? `Only moderators can use /${def.name} (Discord: Manage Server; Telegram: a chat admin).`
    : MODERATOR_ONLY;
}

/** README: a Telegram channel is configured from a private chat by naming it. */
const TELEGRAM_CHANNEL_HINT = " (on Telegram, name the channel: /channel_set @yourchannel 08:00 Europe/Berlin)";

export async function dispatch(
  commands: readonly CommandDefinition[],
  inv: Invocation,
  deps: CommandDeps,
): Promise<Reply> {
  const def = commands.find((c) => c.name === inv.command);
  if (!def) return reply.error(`Unknown command '${inv.command}'. Try /help.`);
  if (def.where === "community" && inv.place.isPrivate) {
    const hasChannel = Object.values(def.args).some((a) => a.type === "channel");
    const hint = inv.place.platform === "telegram" && hasChannel ? TELEGRAM_CHANNEL_HINT : "";
    return reply.error(`/${def.name} works in a server or group, not in a private chat.${hint}`);
  }
  if (def.where === "private" && !inv.place.isPrivate) {
    return reply.error(`/${def.name} works in a private chat with the bot.`);
  }
  if (def.audience === "moderator" && !inv.actor.isModerator) return reply.error(moderatorOnly(def));

  const parsed = parseArgs(def, inv.args);
  if (!parsed.ok) return reply.error(parsed.message);

  const target: ResolvedTarget = inv.target ?? hereTarget(inv.place);
  try {
    return await def.run({ args: parsed.values, actor: inv.actor, place: inv.place, target }, deps);
  } catch (err) {
    if (err instanceof CommandError) return reply.error(err.userMessage);
    deps.logger.error({ err: describeError(err), command: def.name }, "command failed");
    return reply.error("Something went wrong on our side; it has been logged. Please try again later.");
  }
}

/**
 * The chat the command was sent in. When that chat is the community itself (a Telegram group) its name
 * is the community's, so replies say "AI Fans" rather than the chat's numeric id.
 */
function hereTarget(place: Place): ResolvedTarget {
  const base = { chatId: place.chatId, threadId: place.threadId, communityId: place.communityId };
  const chatIsCommunity = place.communityId === `${place.platform}:${place.chatId}` && place.threadId === null;
  return chatIsCommunity && place.communityName ? { ...base, name: place.communityName } : base;
}

export type ParsedArgs = { ok: true; values: Record<string, unknown> } | { ok: false; message: string };

/** Validate raw values against each argument's schema; the first problem becomes the reply. */
export function parseArgs(def: CommandDefinition, raw: Invocation["args"]): ParsedArgs {
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(def.args)) {
    const v = raw[name];
    if (v === undefined || v === "") {
      if (spec.required) return { ok: false, message: `Missing ${name}: ${spec.description}. Usage: ${usage(def)}` };
      values[name] = undefined;
      continue;
    }
    if (spec.type === "channel") {
      values[name] = String(v);
      continue;
    }
    let value: unknown = v;
    if (spec.choices) {
      // "Exclude" means exclude: compare without case, pass the canonical spelling on.
      const choice = spec.choices.find((c) => c.toLowerCase() === String(v).trim().toLowerCase());
      if (choice === undefined) return { ok: false, message: `${name} must be one of: ${spec.choices.join(", ")}` };
      value = choice;
    }
    const r = spec.schema.safeParse(value);
    if (!r.success) return { ok: false, message: `${name}: ${r.error.issues[0]?.message ?? "invalid value"}` };
    values[name] = r.data;
  }
  return { ok: true, values };
}

export function usage(def: CommandDefinition): string {
  const parts = Object.entries(def.args).map(([n, s]) => (s.required ? `<${n}>` : `[${n}]`));
  return `/${def.name}${parts.length ? " " + parts.join(" ") : ""}`;
}

/**
 * Telegram and the console deliver arguments as one line of text: split it into the declared
 * arguments in order; a `rest` argument (the last) takes the remainder. A "quoted phrase" (straight
 * or curly quotes, as phone keyboards type them) is one argument.
 */
export function parseArgsText(def: CommandDefinition, text: string): Invocation["args"] {
  const names = Object.keys(def.args);
  const words = splitWords(text);
  const out: Invocation["args"] = {};
  names.forEach((name, i) => {
    const spec = def.args[name];
    if (i >= words.length || !spec) return;
    out[name] = spec.rest || i === names.length - 1 ? words.slice(i).join(" ") : words[i];
  });
  return out;
}

const OPEN_QUOTES = new Set(['"', "\u201c", "\u201e", "\u00ab"]);
const CLOSE_QUOTES = new Set(['"', "\u201d", "\u201c", "\u00bb"]);

/** Whitespace-separated words; a quote opening a word runs to the next closing quote (or the end). */
export function splitWords(text: string): string[] {
  const out: string[] = [];
  const chars = Array.from(text);
  let i = 0;
  while (i < chars.length) {
    if (/\s/.test(chars[i]!)) {
      i++;
      continue;
    }
    let word = "";
    if (OPEN_QUOTES.has(chars[i]!)) {
      i++;
      while (i < chars.length && !CLOSE_QUOTES.has(chars[i]!)) word += chars[i++];
      i++; // the closing quote
      word = word.trim();
      if (word === "") continue;
    } else {
      while (i < chars.length && !/\s/.test(chars[i]!)) word += chars[i++];
    }
    out.push(word);
  }
  return out;
}
