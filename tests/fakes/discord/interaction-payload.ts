import { apiMember, apiRole, apiUser, type Json } from "./model.js";
import type { FakeDiscordState } from "./state.js";

export type OptionValue = string | number | boolean;

export interface InteractOptions {
  /** Omit for a DM interaction. */
  guildId?: string;
  /** Defaults to the user's DM channel when guildId is omitted. */
  channelId?: string;
  userId: string;
  /** Command name (types 2 and 4). */
  name?: string;
  /** 2 application command (default), 3 message component, 4 autocomplete. */
  type?: 2 | 3 | 4;
  subcommandGroup?: string;
  subcommand?: string;
  /** Option values by name (types come from the registered command, else from the JS type), or raw options. */
  options?: Record<string, OptionValue> | Json[];
  /** Autocomplete: the option being typed. */
  focused?: string;
  /** Components: custom_id, component type (default 2 button), selected values. */
  customId?: string;
  componentType?: number;
  values?: string[];
  /** Components: the message carrying the component (default: the last message in the channel). */
  messageId?: string;
  locale?: string;
  /** How long interact() waits for the bot's initial callback (default 5000 ms). */
  timeoutMs?: number;
}

const OptionType = { SubCommand: 1, SubCommandGroup: 2, String: 3, Integer: 4, Boolean: 5, User: 6, Channel: 7, Role: 8, Number: 10 };

function inferType(v: OptionValue): number {
  if (typeof v === "boolean") return OptionType.Boolean;
  if (typeof v === "number") return Number.isInteger(v) ? OptionType.Integer : OptionType.Number;
  return OptionType.String;
}

function optionsOf(def: Json | undefined): Json[] {
  return Array.isArray(def?.options) ? (def.options as Json[]) : [];
}

/** Finds the registered command: guild commands first, then global, as Discord resolves them. */
export function findCommand(state: FakeDiscordState, guildId: string | undefined, name: string, type: number): Json | undefined {
  const scopes = guildId ? [guildId, "global"] : ["global"];
  for (const scope of scopes) {
    const cmd = state.commands.get(scope)?.find((c) => c.name === name && (c.type ?? 1) === type);
    if (cmd) return cmd;
  }
  return undefined;
}

/** Builds `data.options` (with sub-command nesting) and `data.resolved` for users, channels and roles. */
function buildOptions(state: FakeDiscordState, guildId: string | undefined, def: Json | undefined, o: InteractOptions) {
  const resolved: { users?: Json; members?: Json; channels?: Json; roles?: Json } = {};
  if (Array.isArray(o.options)) return { options: o.options, resolved };
  let leafDefs = optionsOf(def);
  const wrap: ((inner: Json[]) => Json[])[] = [];
  if (o.subcommandGroup !== undefined) {
    const groupName = o.subcommandGroup;
    const group = leafDefs.find((d) => d.name === groupName);
    leafDefs = optionsOf(group);
    wrap.push((inner) => [{ name: groupName, type: OptionType.SubCommandGroup, options: inner }]);
  }
  if (o.subcommand !== undefined) {
    const subName = o.subcommand;
    const sub = leafDefs.find((d) => d.name === subName);
    leafDefs = optionsOf(sub);
    wrap.unshift((inner) => [{ name: subName, type: OptionType.SubCommand, options: inner }]);
  }
  let options: Json[] = Object.entries(o.options ?? {}).map(([name, value]) => {
    const type = (leafDefs.find((d) => d.name === name)?.type as number | undefined) ?? inferType(value);
    const opt: Json = { name, type, value: o.type === 4 ? String(value) : value };
    if (o.focused === name) opt.focused = true;
    addResolved(state, guildId, type, String(value), resolved);
    return opt;
  });
  for (const w of wrap) options = w(options);
  return { options, resolved };
}

function addResolved(state: FakeDiscordState, guildId: string | undefined, type: number, id: string, out: Record<string, Json | undefined>): void {
  const guild = guildId ? state.guilds.get(guildId) : undefined;
  if (type === OptionType.User) {
    const user = state.users.get(id);
    if (user) (out.users ??= {})[id] = apiUser(user);
    const member = guild?.members.get(id);
    if (guild && member) {
      const { user: _u, ...rest } = apiMember(member, user, state.permissionsFor(guild.id, id));
      (out.members ??= {})[id] = rest;
    }
  } else if (type === OptionType.Channel) {
    const ch = state.channels.get(id);
    if (ch) {
      const perms = guildId ? state.permissionsFor(guildId, state.botUser.id, id).toString() : undefined;
      (out.channels ??= {})[id] = { ...state.channelJson(ch), permissions: perms };
    }
  } else if (type === OptionType.Role) {
    const role = guild?.roles.get(id);
    if (role) (out.roles ??= {})[id] = apiRole(role);
  }
}

/** The INTERACTION_CREATE payload, shaped so discord.js builds the right interaction class. */
export function buildInteractionPayload(state: FakeDiscordState, id: string, token: string, o: InteractOptions): Json {
  const type = o.type ?? 2;
  const user = state.users.get(o.userId);
  if (!user) throw new Error(`unknown user ${o.userId}: addMember first`);
  const guild = o.guildId ? state.requireGuild(o.guildId) : undefined;
  const channelId = o.channelId ?? (guild ? undefined : state.dmChannelFor(o.userId).id);
  if (channelId === undefined) throw new Error("channelId is required for guild interactions");
  const channel = state.requireChannel(channelId);
  const locale = o.locale ?? "en-US";

  const base: Json = {
    id,
    application_id: state.applicationId,
    type,
    token,
    version: 1,
    channel_id: channelId,
    locale,
    entitlements: [],
    attachment_size_limit: 10_485_760,
  };
  if (guild) {
    const member = guild.members.get(o.userId);
    if (!member) throw new Error(`user ${o.userId} is not a member of guild ${guild.id}`);
    const appPerms = state.permissionsFor(guild.id, state.botUser.id, channelId);
    Object.assign(base, {
      guild_id: guild.id,
      guild: { id: guild.id, locale: "en-US", features: [] },
      guild_locale: "en-US",
      member: apiMember(member, user, state.permissionsFor(guild.id, o.userId, channelId)),
      channel: { ...state.channelJson(channel), permissions: appPerms.toString() },
      app_permissions: appPerms.toString(),
      authorizing_integration_owners: { "0": guild.id },
      context: 0,
    });
  } else {
    Object.assign(base, {
      user: apiUser(user),
      channel: state.channelJson(channel),
      app_permissions: "0",
      authorizing_integration_owners: { "1": o.userId },
      context: 1,
    });
  }

  if (type === 3) {
    const list = state.messages.get(channelId) ?? [];
    const message =
      (o.messageId ? list.find((m) => m.id === o.messageId) : list[list.length - 1]) ??
      state.buildMessage(channelId, { content: "(component host)" }, o.messageId ? { id: o.messageId } : {});
    base.message = message;
    base.data = {
      custom_id: o.customId ?? "button",
      component_type: o.componentType ?? 2,
      ...(o.values ? { values: o.values } : {}),
    };
    return base;
  }
  if (!o.name) throw new Error("name is required for command and autocomplete interactions");
  const def = findCommand(state, guild?.id, o.name, 1);
  const { options, resolved } = buildOptions(state, guild?.id, def, o);
  base.data = {
    id: (def?.id as string | undefined) ?? state.nextId(),
    name: o.name,
    type: 1,
    ...(def?.guild_id ? { guild_id: def.guild_id } : {}),
    ...(options.length > 0 ? { options } : {}),
    ...(Object.keys(resolved).length > 0 ? { resolved } : {}),
  };
  return base;
}
