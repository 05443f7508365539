import type { CommunitiesTable } from "./tables/communities.table.js";
import type { DeliveredStoriesTable } from "./tables/delivered-stories.table.js";
import type { DeliveriesTable } from "./tables/deliveries.table.js";
import type { DestinationsTable } from "./tables/destinations.table.js";
import type { FeedsTable } from "./tables/feeds.table.js";
import type { FiltersTable } from "./tables/filters.table.js";
import type { ItemsTable } from "./tables/items.table.js";
import type { LeasesTable } from "./tables/leases.table.js";
import type { LlmUsageTable } from "./tables/llm-usage.table.js";
import type { SendBudgetsTable } from "./tables/send-budgets.table.js";
import type { SettingsTable } from "./tables/settings.table.js";
import type { StoriesTable } from "./tables/stories.table.js";
import type { StoryLinksTable } from "./tables/story-links.table.js";
import type { StoryMessagesTable } from "./tables/story-messages.table.js";
import type { StorySummariesTable } from "./tables/story-summaries.table.js";
import type { StoryTopicsTable } from "./tables/story-topics.table.js";
import type { SubscriptionsTable } from "./tables/subscriptions.table.js";
import type { TopicsTable } from "./tables/topics.table.js";

/** The whole schema as Kysely sees it; each table is typed once in its `*.table.ts`. */
export interface Database {
  feeds: FeedsTable;
  items: ItemsTable;
  stories: StoriesTable;
  story_topics: StoryTopicsTable;
  topics: TopicsTable;
  communities: CommunitiesTable;
  destinations: DestinationsTable;
  subscriptions: SubscriptionsTable;
  filters: FiltersTable;
  deliveries: DeliveriesTable;
  delivered_stories: DeliveredStoriesTable;
  settings: SettingsTable;
  story_links: StoryLinksTable;
  story_messages: StoryMessagesTable;
  leases: LeasesTable;
  send_budgets: SendBudgetsTable;
  story_summaries: StorySummariesTable;
  llm_usage: LlmUsageTable;
}
