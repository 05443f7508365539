/**
 * The Discord adapter: a discord.js client (Guilds intent only, nothing privileged) that registers the
 * shared commands as slash commands, answers interactions through the command layer, delivers digests
 * through its Messenger, and reports removals to the core.
 */
import { Client, Events, GatewayIntentBits, type GatewayThreadDeleteDispatchData, type Interaction } from "discord.js";
import type { BotAdapter, BotDeps } from "../../core/bot.js";
import { describeError } from "../../core/errors.js";
import { loginError } from "./login-error.js";
import { coreCompleter, type Completer } from "./autocomplete-choices.js";
import { createButtonIds } from "./button-ids.js";
import { createDiscordMessenger } from "./discord-messenger.js";
import { communityIdOf } from "./interaction-context.js";
import { createInteractionHandler } from "./interaction-handler.js";
import { registerCommands, type CommandHashStore } from "./register-commands.js";
import { createSendPacer } from "./send-pacer.js";
import { buildSlashCommands } from "./slash-commands.js";

export interface DiscordBotOptions {
  token: string;
  applicationId: string;
  /** discord.js `rest.api`, e.g. a REST proxy or a test server ("http://host/api"). */
  apiBase?: string | null;
  /** Register commands in this server only (development); otherwise globally. */
  devGuildId?: string | null;
  /** Retries of 5xx / network failures per request before a send counts as transient. */
  maxRetries: number;
  /** Keeps the hash of the registered commands, so unchanged commands are not registered again. */
  hashStore?: CommandHashStore;
  /** Global requests per second (Discord's is 50); our sends pace themselves under it. */
  globalRatePerSecond?: number;
  /** Reply directly to commands finishing within this; otherwise defer first (default 1200 ms). */
  ackBudgetMs?: number;
  /** Autocomplete suggestions (default: the core's completeFor). */
  completer?: Completer;
  /**
   * Gateway shards this instance runs, through discord.js's own sharding: "auto" runs Discord's
   * recommended count here; `{ ids, count }` runs these of `count` (the rest in other instances).
   * Discord routes a server to shard (guild_id >> 22) % count; DMs come to shard 0.
   */
  shards?: "auto" | { ids: number[]; count: number } | null;
}

export interface DiscordBot extends BotAdapter {
  readonly client: Client;
}

export function createDiscordBot(opts: DiscordBotOptions, deps: BotDeps): DiscordBot {
  const logger = deps.logger.child({ platform: "discord" });
  const rate = opts.globalRatePerSecond ?? 50;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { retries: opts.maxRetries, globalRequestsPerSecond: rate, ...(opts.apiBase ? { api: opts.apiBase } : {}) },
    // Default for everything discord.js sends; our REST sends set it explicitly too.
    allowedMentions: { parse: [] },
    ...(opts.shards === "auto" ? { shards: "auto" as const } : opts.shards ? { shards: opts.shards.ids, shardCount: opts.shards.count } : {}),
  });
  const messenger = createDiscordMessenger({
    client,
    logger,
    pacer: createSendPacer({ perSecond: rate }),
    onUnreachable: (chatId, reason, threadId) => deps.events.chatUnreachable("discord", chatId, reason, threadId),
  });
  const handle = createInteractionHandler({
    commands: deps.commands,
    commandDeps: deps.commandDeps,
    logger,
    buttonIds: createButtonIds(),
    completer: opts.completer ?? coreCompleter,
    ...(opts.ackBudgetMs !== undefined ? { ackBudgetMs: opts.ackBudgetMs } : {}),
  });
  const inFlight = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };

  client.on(Events.Error, (err) => logger.error({ err: describeError(err) }, "discord client error"));
  client.on(Events.InteractionCreate, (i: Interaction) => track(handle(i)));
  // GuildDelete fires when the bot was removed (or the server deleted); outages emit GuildUnavailable.
  client.on(Events.GuildDelete, (guild) => {
    track(
      deps.events
        .removedFromCommunity(communityIdOf(guild.id), "The bot was removed from the Discord server.")
        .catch((err: unknown) => logger.error({ err: describeError(err), guildId: guild.id }, "could not handle server removal")),
    );
  });
  // With the Guilds intent: CHANNEL_DELETE switches off the channel and every thread in it (Discord
  // sends no THREAD_DELETE for those), THREAD_DELETE only that thread's destination.
  client.on(Events.ChannelDelete, (channel) => {
    track(
      deps.events
        .chatUnreachable("discord", channel.id, "The channel was deleted.")
        .catch((err: unknown) => logger.error({ err: describeError(err), channelId: channel.id }, "could not handle channel deletion")),
    );
  });
  const threadDeleted = (threadId: string, parentId: string | null | undefined) => {
    if (!parentId) return;
    track(
      deps.events
        .chatUnreachable("discord", parentId, "The thread was deleted.", threadId)
        .catch((err: unknown) => logger.error({ err: describeError(err), threadId }, "could not handle thread deletion")),
    );
  };
  client.on(Events.ThreadDelete, (thread) => threadDeleted(thread.id, thread.parentId));
  // discord.js emits threadDelete only for threads it has cached, and archived threads are not in
  // GUILD_CREATE: after a restart, a thread archived since is deleted unseen. Raw comes before the cache update.
  client.on(Events.Raw, (packet: { t?: unknown; d?: unknown }) => {
    if (packet.t !== "THREAD_DELETE") return;
    const d = packet.d as Partial<GatewayThreadDeleteDispatchData> | undefined;
    if (typeof d?.id !== "string" || client.channels.cache.has(d.id)) return;
    threadDeleted(d.id, d.parent_id);
  });

  return {
    platform: "discord",
    messenger,
    client,

    async start() {
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      try {
        await client.login(opts.token);
      } catch (err) {
        // A bad token and an unreachable API need different fixes: say which (see login-error.ts).
        throw loginError(err);
      }
      await ready;
      try {
        await registerCommands(buildSlashCommands(deps.commands), {
          rest: client.rest,
          applicationId: opts.applicationId,
          devGuildId: opts.devGuildId ?? null,
          ...(opts.hashStore ? { hashStore: opts.hashStore } : {}),
          logger,
        });
      } catch (err) {
        // The commands registered last time stay in place; the next start tries again.
        logger.error({ err: describeError(err) }, "discord command registration failed");
      }
      logger.info({ guilds: client.guilds.cache.size, shards: client.ws.shards.map((s) => s.id) }, "discord bot ready");
    },

    async startSending() {
      // Deliveries go through REST, which needs only the token: no gateway session, no shard.
      client.rest.setToken(opts.token);
      logger.info("discord: sending only (no gateway in this instance)");
    },

    async stop() {
      client.removeAllListeners(Events.InteractionCreate);
      await Promise.allSettled([...inFlight]);
      await client.destroy();
    },
  };
}
