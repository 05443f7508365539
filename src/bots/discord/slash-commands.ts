/**
 * Slash commands derived from the shared command declarations. "channel set" becomes command `channel`
 * with subcommand `set` (three words: a subcommand group); one word stays a top-level command.
 * Moderator-only commands carry default_member_permissions = Manage Server (checked again at run time).
 */
import { createHash } from "node:crypto";
import { ApplicationCommandOptionType, ChannelType, InteractionContextType, PermissionFlagsBits } from "discord.js";
import type { ArgSpec, CommandDefinition } from "../../core/commands/define-command.js";
import { truncate } from "./text-limits.js";

export interface SlashOption {
  type: number;
  name: string;
  description: string;
  required?: boolean;
  options?: SlashOption[];
  choices?: { name: string; value: string }[];
  autocomplete?: boolean;
  channel_types?: number[];
  min_value?: number;
  max_value?: number;
}

export interface SlashCommand {
  type: 1;
  name: string;
  description: string;
  options: SlashOption[];
  default_member_permissions: string | null;
  contexts: number[];
  integration_types: number[];
}

/** Where a digest can be posted: text, announcement, threads and forums. */
export const DESTINATION_CHANNEL_TYPES = [
  ChannelType.GuildText,
  ChannelType.GuildAnnouncement,
  ChannelType.AnnouncementThread,
  ChannelType.PublicThread,
  ChannelType.PrivateThread,
  ChannelType.GuildForum,
];

const MODERATOR_PERMISSIONS = PermissionFlagsBits.ManageGuild.toString();

/** Discord option names are lower-case: `maxStories` → `max_stories`. */
export function optionName(arg: string): string {
  return arg
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^-_\p{L}\p{N}]/gu, "_")
    .slice(0, 32);
}

export function commandPath(name: string): string[] {
  return name.trim().toLowerCase().split(/\s+/);
}

function describe(text: string): string {
  return truncate(text.trim() || "—", 100);
}

function numberBounds(spec: ArgSpec): { min_value?: number; max_value?: number } {
  const s = spec.schema as unknown as { minValue?: unknown; maxValue?: unknown };
  const out: { min_value?: number; max_value?: number } = {};
  if (typeof s.minValue === "number" && Number.isFinite(s.minValue)) out.min_value = s.minValue;
  if (typeof s.maxValue === "number" && Number.isFinite(s.maxValue)) out.max_value = s.maxValue;
  return out;
}

export function slashOption(name: string, spec: ArgSpec): SlashOption {
  const base = { name: optionName(name), description: describe(spec.description), required: spec.required };
  switch (spec.type) {
    case "integer":
      return { ...base, type: ApplicationCommandOptionType.Integer, ...numberBounds(spec) };
    case "boolean":
      return { ...base, type: ApplicationCommandOptionType.Boolean };
    case "channel":
      return { ...base, type: ApplicationCommandOptionType.Channel, channel_types: DESTINATION_CHANNEL_TYPES };
    default: {
      const opt: SlashOption = { ...base, type: ApplicationCommandOptionType.String };
      if (spec.choices && spec.choices.length > 0 && spec.choices.length <= 25) {
        opt.choices = spec.choices.map((c) => ({ name: truncate(c, 100), value: c }));
      } else if (spec.autocomplete) {
        opt.autocomplete = true;
      }
      return opt;
    }
  }
}

function argOptions(def: CommandDefinition): SlashOption[] {
  const opts = Object.entries(def.args).map(([n, s]) => slashOption(n, s));
  // Discord requires required options before optional ones.
  return [...opts.filter((o) => o.required), ...opts.filter((o) => !o.required)];
}

interface TopEntry {
  name: string;
  direct?: CommandDefinition;
  subs: { path: string[]; def: CommandDefinition }[];
}

/** The slash commands for these definitions (hidden ones are reachable by buttons only). */
export function buildSlashCommands(commands: readonly CommandDefinition[]): SlashCommand[] {
  const tops = new Map<string, TopEntry>();
  for (const def of commands) {
    if (def.hidden) continue;
    const path = commandPath(def.name);
    const [top, ...rest] = path;
    if (!top || rest.length > 2) throw new Error(`command '${def.name}' cannot be a Discord slash command (1–3 words)`);
    const entry = tops.get(top) ?? { name: top, subs: [] };
    if (rest.length === 0) entry.direct = def;
    else entry.subs.push({ path: rest, def });
    if (entry.direct && entry.subs.length > 0) {
      throw new Error(`'${top}' is both a command and a group on Discord; rename one of '${top}' and '${def.name}'`);
    }
    tops.set(top, entry);
  }
  return [...tops.values()].map(toSlash).sort((a, b) => a.name.localeCompare(b.name));
}

function toSlash(entry: TopEntry): SlashCommand {
  const defs = entry.direct ? [entry.direct] : entry.subs.map((s) => s.def);
  const allModerator = defs.every((d) => d.audience === "moderator");
  const guildOnly = defs.every((d) => d.where === "community");
  const base = {
    type: 1 as const,
    name: entry.name,
    default_member_permissions: allModerator ? MODERATOR_PERMISSIONS : null,
    contexts: guildOnly ? [InteractionContextType.Guild] : [InteractionContextType.Guild, InteractionContextType.BotDM],
    integration_types: [0],
  };
  if (entry.direct) return { ...base, description: describe(entry.direct.description), options: argOptions(entry.direct) };

  const options: SlashOption[] = [];
  const groups = new Map<string, SlashOption>();
  for (const { path, def } of entry.subs) {
    const sub: SlashOption = {
      type: ApplicationCommandOptionType.Subcommand,
      name: path[path.length - 1] ?? "",
      description: describe(def.description),
      options: argOptions(def),
    };
    if (path.length === 1) {
      options.push(sub);
      continue;
    }
    const groupName = path[0] ?? "";
    let group = groups.get(groupName);
    if (!group) {
      group = { type: ApplicationCommandOptionType.SubcommandGroup, name: groupName, description: describe(`${entry.name} ${groupName}`), options: [] };
      groups.set(groupName, group);
      options.push(group);
    }
    group.options?.push(sub);
  }
  const names = entry.subs.map((s) => s.path.join(" ")).join(", ");
  return { ...base, description: describe(`${entry.name}: ${names}`), options };
}

/** Stable hash of what would be registered, and where, to skip re-registering unchanged commands. */
export function commandsHash(body: readonly SlashCommand[], scope: string): string {
  return createHash("sha256").update(JSON.stringify({ scope, body })).digest("hex");
}
