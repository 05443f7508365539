/**
 * Part of the composition root: builds the enabled platform adapters around the one shared command
 * layer. Adding a platform means one folder under src/bots and one block here.
 */
import type { Config } from "./config.js";
import type { BotAdapter, BotDeps } from "./core/bot.js";
import type { CommandDeps } from "./core/commands/context.js";
import type { Leadership } from "./core/leadership.js";
import { commands } from "./core/commands/registry.js";
import type { Logger } from "./core/logger.js";
import { createPlatformEvents } from "./core/platform-events.js";
import type { Store } from "./core/ports.js";
import { createDigestService, createFeedService } from "./digest/digest-services.js";
import type { FeedFetcher } from "./digest/ingest/feed-fetcher.js";

export interface WireDeps {
  store: Store;
  logger: Logger;
  /** The chat-safe fetcher: no file: URLs, SSRF guard on unless the operator allowed private hosts. */
  chatFetcher: FeedFetcher;
  now(): Date;
  /** Several instances: only the holder long-polls Telegram (see src/roles.ts). */
  telegramPolling?: Leadership;
}

export function createCommandDeps(config: Readonly<Config>, deps: WireDeps): CommandDeps {
  return {
    store: deps.store,
    digests: createDigestService(deps.store, { maxStories: config.digestMaxStories, groundedSummaries: config.llm !== null }),
    feeds: createFeedService(deps.chatFetcher),
    logger: deps.logger,
    now: deps.now,
    defaults: {
      timeOfDay: config.defaultDigestTime,
      timeZone: config.defaultTimeZone,
      maxStories: config.digestMaxStories,
    },
  };
}

export async function createBots(config: Readonly<Config>, deps: WireDeps): Promise<BotAdapter[]> {
  const botDeps: BotDeps = {
    commands,
    commandDeps: createCommandDeps(config, deps),
    events: createPlatformEvents(deps.store, deps.logger),
    logger: deps.logger,
  };
  const bots: BotAdapter[] = [];
  // Each platform's SDK is loaded only when it is configured: discord.js alone adds ~45 MB of resident
  // memory to a process that never talks to Discord (measured with `npm run bench live-memory`).
  if (config.discord.token && config.discord.applicationId) {
    const { createDiscordBot } = await import("./bots/discord/discord-bot.js");
    bots.push(
      createDiscordBot(
        {
          token: config.discord.token,
          applicationId: config.discord.applicationId,
          apiBase: config.discord.apiBase,
          devGuildId: config.discord.devGuildId,
          shards: config.discord.shards,
          maxRetries: 3,
          hashStore: {
            get: () => deps.store.settings.get("discord-commands-hash"),
            set: (h) => deps.store.settings.set("discord-commands-hash", h),
          },
        },
        botDeps,
      ),
    );
  }
  if (config.telegram.token) {
    const { createTelegramBot } = await import("./bots/telegram/telegram-bot.js");
    bots.push(
      createTelegramBot(
        {
          token: config.telegram.token,
          apiRoot: config.telegram.apiRoot,
          webhook:
            config.telegram.webhookUrl && config.telegram.webhookSecret
              ? { url: config.telegram.webhookUrl, port: config.telegram.webhookPort, secret: config.telegram.webhookSecret }
              : null,
          linkPreviews: config.telegram.linkPreviews,
          globalRatePerSecond: config.telegram.globalRatePerSecond,
          ...(deps.telegramPolling ? { pollingLeadership: deps.telegramPolling } : {}),
          maxInFlight: config.telegram.maxInFlight,
          sharedBudget: deps.store.sendBudget,
        },
        botDeps,
      ),
    );
  }
  return bots;
}
