import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Gateway, type GatewayStats } from "./gateway.js";
import { InteractionRegistry, type InteractionRecord } from "./interaction-registry.js";
import type { InteractOptions } from "./interaction-payload.js";
import type { FakeChannel, FakeGuild, FakeMember, FakeRole, Json } from "./model.js";
import { DEFAULT_RATE_LIMITS, RateLimiter, type BucketConfig, type RateLimitStats } from "./rate-limit.js";
import { channelRoutes } from "./rest-routes-channels.js";
import { coreRoutes } from "./rest-routes-core.js";
import { interactionRoutes } from "./rest-routes-interactions.js";
import { RestServer, type FailureScript, type RecordedRequest } from "./rest-server.js";
import {
  FakeDiscordState,
  type AddChannelOptions,
  type AddGuildOptions,
  type AddMemberOptions,
  type AddRoleOptions,
  type Bits,
} from "./state.js";

export type { InteractionRecord, InteractOptions, FailureScript, RecordedRequest, RateLimitStats, Json };

export interface FakeDiscordOptions {
  token?: string;
  botName?: string;
  /** Global cap in requests per second (default 50, Discord's). */
  globalPerSecond?: number;
  /** Per-channel message bucket (default 5 per 5000 ms). */
  channelBucket?: BucketConfig;
  /** Bucket for every other route (default 1000 per 1000 ms, i.e. out of the way). */
  routeBucket?: BucketConfig;
  /** false: accept over-cap requests and only count them (default true: answer 429). */
  enforceRateLimits?: boolean;
  /** Default true: sends the bot may not make fail with 50001/50013. */
  enforcePermissions?: boolean;
  /** Initial callbacks later than this get 10062 (default 3000, Discord's). */
  interactionDeadlineMs?: number;
  nonceWindowMs?: number;
  heartbeatIntervalMs?: number;
  /** Recommended shard count in GET /gateway/bot (default 1); guilds route to (id >> 22) % count. */
  recommendedShards?: number;
}

export interface FakeDiscord {
  /** For discord.js: `new Client({ rest: { api: d.restBase } })`; requests go to `${restBase}/v10/...`. */
  restBase: string;
  gatewayUrl: string;
  token: string;
  applicationId: string;
  botUserId: string;
  state: FakeDiscordState;
  addGuild(opts: AddGuildOptions): FakeGuild;
  removeGuild(guildId: string): void;
  addChannel(guildId: string, opts: AddChannelOptions): FakeChannel;
  addRole(guildId: string, opts: AddRoleOptions): FakeRole;
  addMember(guildId: string, opts: AddMemberOptions): FakeMember;
  setBotPermissions(guildOrChannelId: string, bits: Bits): void;
  updateThread(channelId: string, patch: { archived?: boolean; locked?: boolean }): void;
  /** Deletes a channel or thread (CHANNEL_DELETE / THREAD_DELETE). */
  deleteChannel(channelId: string): void;
  /** Dispatches an interaction; resolves when the bot sent its initial callback. */
  interact(opts: InteractOptions): Promise<InteractionRecord>;
  interactions(): InteractionRecord[];
  /** Every REST request, oldest first. */
  requests(): RecordedRequest[];
  /** Messages in a channel (non-ephemeral), oldest first. */
  messages(channelId: string): Json[];
  /** Messages the bot sent to a user's DM channel. */
  dms(userId: string): Json[];
  /** Registered commands: global when guildId is omitted. */
  commands(guildId?: string): Json[];
  failNext(script: FailureScript): void;
  rateLimitStats(): RateLimitStats;
  gatewayStats(): GatewayStats & { connected: number };
  /** Handler exceptions answered with 500 (should stay empty). */
  internalErrors(): unknown[];
  /** Connected gateway sessions' shards as "id/count" (e.g. ["0/2", "1/2"]). */
  connectedShards(): string[];
  /** Closes gateway sockets (4000: client resumes; 1000: session ends, client re-identifies). */
  dropGatewayConnections(code?: number): void;
  close(): Promise<void>;
}

/** Starts an in-process fake Discord (REST + gateway) on 127.0.0.1, port chosen by the OS. */
export async function startFakeDiscord(opts: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const token = opts.token ?? "fake.bot.token";
  const state = new FakeDiscordState(opts.botName);
  const limiter = new RateLimiter({
    globalPerSecond: opts.globalPerSecond ?? DEFAULT_RATE_LIMITS.globalPerSecond,
    channelBucket: opts.channelBucket ?? DEFAULT_RATE_LIMITS.channelBucket,
    routeBucket: opts.routeBucket ?? DEFAULT_RATE_LIMITS.routeBucket,
    enforce: opts.enforceRateLimits ?? true,
  });
  const rest = new RestServer(token, limiter);
  const server = createServer((req, res) => {
    void rest.handle(req, res);
  });
  let gatewayUrl = "";
  const gateway = new Gateway(server, state, {
    token,
    heartbeatIntervalMs: opts.heartbeatIntervalMs ?? 41_250,
    url: () => gatewayUrl,
  });
  state.dispatch = (event, data) => gateway.dispatch(event, data);
  const registry = new InteractionRegistry(state, opts.interactionDeadlineMs ?? 3000, (e, d) => gateway.dispatch(e, d));
  rest.add(coreRoutes({ state, gatewayUrl: () => gatewayUrl, ...(opts.recommendedShards ? { recommendedShards: opts.recommendedShards } : {}) }));
  rest.add(
    channelRoutes({
      state,
      channelBucket: limiter.options.channelBucket,
      nonceWindowMs: opts.nonceWindowMs ?? 5 * 60_000,
      enforcePermissions: opts.enforcePermissions ?? true,
    }),
  );
  rest.add(interactionRoutes(registry));

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  gatewayUrl = `ws://127.0.0.1:${port}`;

  return {
    restBase: `http://127.0.0.1:${port}/api`,
    gatewayUrl,
    token,
    applicationId: state.applicationId,
    botUserId: state.botUser.id,
    state,
    addGuild: (o) => state.addGuild(o),
    removeGuild: (id) => state.removeGuild(id),
    addChannel: (g, o) => state.addChannel(g, o),
    addRole: (g, o) => state.addRole(g, o),
    addMember: (g, o) => state.addMember(g, o),
    setBotPermissions: (id, bits) => state.setBotPermissions(id, bits),
    updateThread: (id, patch) => state.updateThread(id, patch),
    deleteChannel: (id) => state.deleteChannel(id),
    interact: (o) => {
      if (gateway.connectedSessions === 0) return Promise.reject(new Error("no bot is connected to the fake gateway"));
      try {
        return registry.interact(o);
      } catch (err) {
        // Bad test input (unknown user, missing channel) surfaces as a rejection like everything else.
        return Promise.reject(err instanceof Error ? err : new Error(String(err)));
      }
    },
    interactions: () => [...registry.records],
    requests: () => [...rest.requests],
    messages: (channelId) => [...(state.messages.get(channelId) ?? [])],
    dms: (userId) => {
      const id = state.dmChannelByUser.get(userId);
      return id === undefined ? [] : [...(state.messages.get(id) ?? [])];
    },
    commands: (guildId) => [...(state.commands.get(guildId ?? "global") ?? [])],
    failNext: (s) => rest.failNext(s),
    rateLimitStats: () => limiter.stats(),
    gatewayStats: () => ({ ...gateway.stats, connected: gateway.connectedSessions }),
    internalErrors: () => [...rest.internalErrors],
    connectedShards: () => gateway.connectedShards,
    dropGatewayConnections: (code) => gateway.dropConnections(code),
    close: async () => {
      registry.abortAll();
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
