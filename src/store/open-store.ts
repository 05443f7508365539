/**
 * The store's front door: connect, migrate, and wrap the Kysely instance in the repositories that
 * implement `Store` from src/core/ports.ts.
 */
import type { Kysely } from "kysely";
import type { Store } from "../core/ports.js";
import { connect, type ConnectOptions } from "./connect.js";
import type { Database } from "./database.js";
import { migrateToLatest } from "./migrate.js";
import { reachDatabase } from "./reach-database.js";
import { createCommunityRepository } from "./repositories/community-repository.js";
import { createDeliveryRepository } from "./repositories/delivery-repository.js";
import { createDestinationRepository } from "./repositories/destination-repository.js";
import { createFeedRepository } from "./repositories/feed-repository.js";
import { createItemRepository } from "./repositories/item-repository.js";
import { createLeaseRepository } from "./repositories/lease-repository.js";
import { createSendBudgetRepository } from "./repositories/send-budget-repository.js";
import { createSettingsRepository } from "./repositories/settings-repository.js";
import { createStoryLinkRepository, createStoryMessageRepository } from "./repositories/story-link-repository.js";
import { createStoryRepository } from "./repositories/story-repository.js";
import { createSummaryRepository } from "./repositories/summary-repository.js";
import { createFilterRepository, createSubscriptionRepository } from "./repositories/subscription-repository.js";
import { createTopicRepository } from "./repositories/topic-repository.js";

export interface OpenStoreOptions extends ConnectOptions {
  /** Run migrations before returning (default true). */
  migrate?: boolean;
}

export function createStore(db: Kysely<Database>, dialect: "sqlite" | "postgres"): Store {
  return {
    dialect,
    feeds: createFeedRepository(db, dialect),
    items: createItemRepository(db),
    stories: createStoryRepository(db),
    topics: createTopicRepository(db),
    communities: createCommunityRepository(db),
    destinations: createDestinationRepository(db),
    subscriptions: createSubscriptionRepository(db),
    filters: createFilterRepository(db),
    deliveries: createDeliveryRepository(db, dialect),
    settings: createSettingsRepository(db),
    storyLinks: createStoryLinkRepository(db),
    storyMessages: createStoryMessageRepository(db),
    leases: createLeaseRepository(db, dialect),
    sendBudget: dialect === "postgres" ? createSendBudgetRepository(db) : null,
    summaries: createSummaryRepository(db),
    close: () => db.destroy(),
  };
}

export async function openStore(url: string, opts: OpenStoreOptions = {}): Promise<Store> {
  const { db, dialect } = await connect(url, opts);
  if (opts.migrate !== false) {
    try {
      await reachDatabase(db, dialect, url);
      await migrateToLatest(db, dialect);
    } catch (err) {
      await db.destroy();
      throw err;
    }
  }
  return createStore(db, dialect);
}
