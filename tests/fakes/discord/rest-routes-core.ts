import { Errors } from "./api-error.js";
import { apiGuild, apiMember, apiUser, isThreadType, type Json } from "./model.js";
import type { Route } from "./rest-server.js";
import type { FakeDiscordState } from "./state.js";
import { validateCommand, validateCommands } from "./validate.js";

export interface CoreRouteDeps {
  state: FakeDiscordState;
  gatewayUrl: () => string;
  /** GET /gateway/bot's recommended shard count (what discord.js uses for shards: "auto"). */
  recommendedShards?: number;
}

function applicationJson(state: FakeDiscordState): Json {
  return {
    id: state.applicationId,
    name: state.botUser.username,
    icon: null,
    description: "",
    summary: "",
    bot_public: true,
    bot_require_code_grant: false,
    verify_key: "0".repeat(64),
    flags: 0,
    team: null,
    owner: { id: "1", username: "owner", discriminator: "0", avatar: null },
    bot: apiUser(state.botUser),
    approximate_guild_count: state.guilds.size,
    integration_types_config: { "0": {} },
  };
}

function normalizeCommand(state: FakeDiscordState, scope: string, body: Json, existing: Json | undefined): Json {
  const id = (existing?.id as string | undefined) ?? state.nextId();
  const dmp = body.default_member_permissions;
  return {
    type: 1,
    description: "",
    options: [],
    nsfw: false,
    contexts: null,
    integration_types: [0],
    name_localizations: null,
    description_localizations: null,
    ...body,
    id,
    application_id: state.applicationId,
    version: state.nextId(),
    default_member_permissions: dmp === undefined || dmp === null ? null : String(dmp),
    ...(scope === "global" ? {} : { guild_id: scope }),
  };
}

function commandScope(state: FakeDiscordState, params: Record<string, string>): string {
  if (params.appId !== state.applicationId) throw Errors.missingAccess();
  if (params.guildId === undefined) return "global";
  if (!state.guilds.has(params.guildId)) throw Errors.missingAccess();
  return params.guildId;
}

function commandRoutes(state: FakeDiscordState, prefix: string): Route[] {
  const same = (a: Json, b: Json) => a.name === b.name && (a.type ?? 1) === (b.type ?? 1);
  return [
    {
      method: "GET",
      pattern: `${prefix}/commands`,
      auth: "bot",
      handle: ({ params }) => ({ body: state.commands.get(commandScope(state, params)) ?? [] }),
    },
    {
      method: "PUT",
      pattern: `${prefix}/commands`,
      auth: "bot",
      handle: ({ params, body }) => {
        const scope = commandScope(state, params);
        const old = state.commands.get(scope) ?? [];
        // Bulk overwrite keeps ids of commands that survive by name and type, as Discord does.
        const next = validateCommands(body).map((c) => normalizeCommand(state, scope, c, old.find((o) => same(o, c))));
        state.commands.set(scope, next);
        return { body: next };
      },
    },
    {
      method: "POST",
      pattern: `${prefix}/commands`,
      auth: "bot",
      handle: ({ params, body }) => {
        const scope = commandScope(state, params);
        const b = (body ?? {}) as Json;
        validateCommand(b);
        const list = state.commands.get(scope) ?? [];
        const idx = list.findIndex((o) => same(o, b));
        const cmd = normalizeCommand(state, scope, b, list[idx]);
        if (idx >= 0) list[idx] = cmd;
        else list.push(cmd);
        state.commands.set(scope, list);
        return { status: idx >= 0 ? 200 : 201, body: cmd };
      },
    },
    {
      method: "GET",
      pattern: `${prefix}/commands/:commandId`,
      auth: "bot",
      handle: ({ params }) => {
        const cmd = state.commands.get(commandScope(state, params))?.find((c) => c.id === params.commandId);
        if (!cmd) throw Errors.unknownCommand();
        return { body: cmd };
      },
    },
    {
      method: "DELETE",
      pattern: `${prefix}/commands/:commandId`,
      auth: "bot",
      handle: ({ params }) => {
        const scope = commandScope(state, params);
        const list = state.commands.get(scope) ?? [];
        const idx = list.findIndex((c) => c.id === params.commandId);
        if (idx < 0) throw Errors.unknownCommand();
        list.splice(idx, 1);
        return {};
      },
    },
  ];
}

/** Gateway discovery, the bot's own user and application, guild reads and command registration. */
export function coreRoutes({ state, gatewayUrl, recommendedShards = 1 }: CoreRouteDeps): Route[] {
  const guildOf = (id: string | undefined) => {
    const g = id === undefined ? undefined : state.guilds.get(id);
    if (!g) throw Errors.unknownGuild();
    return g;
  };
  return [
    { method: "GET", pattern: "/gateway", auth: "token", handle: () => ({ body: { url: gatewayUrl() } }) },
    {
      method: "GET",
      pattern: "/gateway/bot",
      auth: "bot",
      handle: () => ({
        body: {
          url: gatewayUrl(),
          shards: recommendedShards,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
        },
      }),
    },
    {
      method: "GET",
      pattern: "/users/@me",
      auth: "bot",
      handle: () => ({ body: { ...apiUser(state.botUser), verified: true, mfa_enabled: false, locale: "en-US" } }),
    },
    {
      method: "GET",
      pattern: "/users/:userId",
      auth: "bot",
      handle: ({ params }) => {
        const u = state.users.get(params.userId ?? "");
        if (!u) throw Errors.unknownUser();
        return { body: apiUser(u) };
      },
    },
    { method: "GET", pattern: "/applications/@me", auth: "bot", handle: () => ({ body: applicationJson(state) }) },
    { method: "GET", pattern: "/oauth2/applications/@me", auth: "bot", handle: () => ({ body: applicationJson(state) }) },
    {
      method: "GET",
      pattern: "/guilds/:guildId",
      auth: "bot",
      handle: ({ params, query }) => {
        const g = guildOf(params.guildId);
        const counts = query.get("with_counts") === "true";
        return {
          body: {
            ...apiGuild(g),
            ...(counts ? { approximate_member_count: g.members.size, approximate_presence_count: 0 } : {}),
          },
        };
      },
    },
    {
      method: "GET",
      pattern: "/guilds/:guildId/channels",
      auth: "bot",
      handle: ({ params }) => {
        const g = guildOf(params.guildId);
        const list = [...state.channels.values()].filter((c) => c.guildId === g.id && !isThreadType(c.type));
        return { body: list.map((c) => state.channelJson(c)) };
      },
    },
    {
      method: "GET",
      pattern: "/guilds/:guildId/roles",
      auth: "bot",
      handle: ({ params }) => ({ body: apiGuild(guildOf(params.guildId)).roles }),
    },
    {
      method: "GET",
      pattern: "/guilds/:guildId/members/:userId",
      auth: "bot",
      handle: ({ params }) => {
        const g = guildOf(params.guildId);
        const m = g.members.get(params.userId ?? "");
        if (!m) throw Errors.unknownMember();
        return { body: apiMember(m, state.users.get(m.userId)) };
      },
    },
    ...commandRoutes(state, "/applications/:appId"),
    ...commandRoutes(state, "/applications/:appId/guilds/:guildId"),
  ];
}
