/**
 * Telegram command names are single words ([a-z0-9_], at most 32). A two-level name such as "channel set"
 * is offered in menus as /channel_set; typed, both "/channel_set …" and "/channel set …" work.
 */
import type { CommandDefinition } from "../../core/commands/define-command.js";

export function telegramCommandName(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, "_").replace(/[^a-z0-9_]/g, "").slice(0, 32);
}

export interface ParsedCommandText {
  /** The command word without "/" and "@bot", lower-cased. */
  word: string;
  /** Everything after the command word. */
  rest: string;
  /** The "@botname" suffix, if any (without "@"). */
  addressee: string | null;
}

/** Splits "/cmd@bot args…" from a message text; null if the text does not start with a command. */
export function parseCommandText(textIn: string): ParsedCommandText | null {
  const m = /^\/([A-Za-z0-9_]{1,64})(?:@([A-Za-z0-9_]{3,64}))?(?=$|\s)([\s\S]*)$/.exec(textIn);
  if (!m) return null;
  return { word: (m[1] ?? "").toLowerCase(), rest: (m[3] ?? "").trim(), addressee: m[2] ?? null };
}

interface EntityLike {
  type: string;
  offset: number;
  length: number;
}

/**
 * The command at the start of a message, as Telegram marked it: the `bot_command` entity at offset 0
 * gives the command's exact extent, so "/help?", "/channel_off:" and "/filter_add@newsdesk_bot;" are
 * commands too (Telegram ends a command at punctuation; a whitespace pattern did not). Punctuation
 * glued to the command is dropped from the arguments. Without entities (not from Telegram) the old
 * whitespace rule applies.
 */
export function parseCommandMessage(text: string, entities: readonly EntityLike[] | undefined): ParsedCommandText | null {
  if (entities === undefined) return parseCommandText(text);
  const e = entities.find((x) => x.type === "bot_command" && x.offset === 0);
  if (!e) return null;
  const m = /^\/([A-Za-z0-9_]{1,64})(?:@([A-Za-z0-9_]{3,64}))?$/.exec(text.slice(0, e.length));
  if (!m) return null;
  const rest = text.slice(e.length).replace(/^[\p{P}\p{S}]+(?=\s|$)/u, "").trim();
  return { word: (m[1] ?? "").toLowerCase(), rest, addressee: m[2] ?? null };
}

/**
 * The command a typed text names, and the argument text that follows it: "/channel_set x" and
 * "/channel set x" both give "channel set" with "x".
 */
export function matchCommand(
  commands: readonly CommandDefinition[],
  word: string,
  rest: string,
): { def: CommandDefinition; argsText: string } | null {
  const direct = commands.find((c) => telegramCommandName(c.name) === word);
  if (direct) return { def: direct, argsText: rest };
  const [sub = "", ...more] = rest.split(/\s+/);
  const grouped = commands.find((c) => telegramCommandName(c.name) === `${word}_${sub.toLowerCase()}`);
  if (grouped && sub !== "") return { def: grouped, argsText: more.join(" ") };
  return null;
}

/** The visible subcommands of a command group ("channel" → channel set, channel follow …); empty if none. */
export function commandGroup(commands: readonly CommandDefinition[], word: string): CommandDefinition[] {
  return commands.filter((c) => !c.hidden && c.name.trim().includes(" ") && telegramCommandName(c.name).startsWith(`${word}_`));
}

/** How to type a command in Telegram: "/channel_set [time] [zone] [channel]". */
export function telegramUsage(def: CommandDefinition): string {
  const args = Object.entries(def.args).map(([n, s]) => (s.required ? `<${n}>` : `[${n}]`));
  return [`/${telegramCommandName(def.name)}`, ...args].join(" ");
}

export interface MenuCommand {
  command: string;
  description: string;
}

export interface CommandMenus {
  /** Default scope: members in groups (private chats have their own list). */
  everyone: MenuCommand[];
  /** Private chats: the user configures their own digest, so moderator commands for DMs appear too. */
  privateChats: MenuCommand[];
  /** Group administrators: member and moderator commands for groups (scopes do not add up in Telegram). */
  administrators: MenuCommand[];
}

/** The three command lists registered with setMyCommands. */
export function commandMenus(commands: readonly CommandDefinition[]): CommandMenus {
  const visible = commands.filter((c) => !c.hidden);
  const menu = (list: CommandDefinition[]): MenuCommand[] => {
    const seen = new Set<string>();
    const out: MenuCommand[] = [];
    for (const c of list) {
      const command = telegramCommandName(c.name);
      if (command === "" || seen.has(command)) continue;
      seen.add(command);
      out.push({ command, description: (c.description.trim() || command).slice(0, 256) });
    }
    return out.slice(0, 100);
  };
  const inGroups = (c: CommandDefinition) => c.where !== "private";
  const inPrivate = (c: CommandDefinition) => c.where !== "community";
  return {
    everyone: menu(visible.filter((c) => c.audience === "member" && inGroups(c))),
    privateChats: menu(visible.filter(inPrivate)),
    administrators: menu(visible.filter(inGroups)),
  };
}
