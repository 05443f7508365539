/**
 * Part of the composition root: builds the enabled platform adapters with the shared command layer.
 */
import type { Config } from "./config.js";
import type { BotAdapter } from "./core/bot.js";
import type { Logger } from "./core/logger.js";
import type { Store } from "./core/ports.js";
import type { FeedFetcher } from "./digest/ingest/feed-fetcher.js";

export interface WireDeps {
  store: Store;
  logger: Logger;
  chatFetcher: FeedFetcher;
  now(): Date;
}

export async function createBots(config: Readonly<Config>, deps: WireDeps): Promise<BotAdapter[]> {
  const bots: BotAdapter[] = [];
  void config;
  void deps;
  return bots;
}
