/**
 * End-to-end wiring for the Telegram adapter's tests: the fake Bot API, a real in-memory SQLite store, the
 * core's platform events, the real command registry, and tiny DigestService/FeedService test implementations.
 */
import type { BotDeps } from "../../../src/core/bot.js";
import type { CommandDeps } from "../../../src/core/commands/context.js";
import { commands as registry } from "../../../src/core/commands/registry.js";
import type { CommandDefinition } from "../../../src/core/commands/define-command.js";
import { silentLogger } from "../../../src/core/logger.js";
import { createPlatformEvents } from "../../../src/core/platform-events.js";
import type { Store } from "../../../src/core/ports.js";
import type { DigestService, FeedService } from "../../../src/core/services.js";
import type { DigestDoc, DigestStory, Topic } from "../../../src/core/types.js";
import { openStore } from "../../../src/store/open-store.js";
import { createTelegramBot, type TelegramBot, type TelegramBotOptions } from "../../../src/bots/telegram/telegram-bot.js";
import { startFakeTelegram, type FakeTelegram, type FakeTelegramOptions } from "../../fakes/telegram/fake-telegram.js";

export const NOW = new Date("2026-11-24T07:00:00Z");

export const TOPICS: Topic[] = [
  { id: "openai", name: "OpenAI", description: "OpenAI news", keywords: ["openai"], exclude: [], communityId: null },
  { id: "anthropic", name: "Anthropic", description: "Anthropic news", keywords: ["anthropic"], exclude: [], communityId: null },
  { id: "policy", name: "AI policy", description: "Rules and regulation", keywords: ["regulation"], exclude: [], communityId: null },
];

/** A DigestService that previews a fixed document. */
export function fixedDigests(doc: DigestDoc): DigestService {
  return { preview: async () => doc };
}

/** A FeedService that accepts any URL as a feed with one item. */
export const acceptingFeeds: FeedService = {
  async check(url) {
    return { ok: true, url, title: "Test feed", items: [{ title: "Item", url: `${url}#1`, publishedAt: NOW }] };
  },
};

export function story(i: number, overrides: Partial<DigestStory> = {}): DigestStory {
  return {
    id: `s${i}`,
    title: `Story ${i}`,
    url: `https://news.example/${i}`,
    summary: `Summary of story ${i}.`,
    imageUrl: null,
    sources: [{ name: "Example News", url: `https://news.example/${i}` }],
    moreSources: 0,
    topics: [{ id: "openai", name: "OpenAI" }],
    score: 1,
    ...overrides,
  };
}

export function digestDoc(stories: DigestStory[], more = 0): DigestDoc {
  return { title: "AI news — Tuesday 24 November 2026", date: "2026-11-24", stories, more };
}

export interface Harness {
  fake: FakeTelegram;
  store: Store;
  adapter: TelegramBot;
  deps: BotDeps;
  close(): Promise<void>;
}

export interface HarnessOptions {
  fake?: FakeTelegramOptions;
  bot?: Partial<TelegramBotOptions>;
  commands?: readonly CommandDefinition[];
  digest?: DigestDoc;
  /** Start polling (default true). */
  start?: boolean;
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const fake = await startFakeTelegram({ rateLimits: { mode: "observe" }, ...opts.fake });
  const store = await openStore("sqlite::memory:");
  for (const t of TOPICS) await store.topics.upsert(t, NOW);
  const commandDeps: CommandDeps = {
    store,
    digests: fixedDigests(opts.digest ?? digestDoc([story(1)])),
    feeds: acceptingFeeds,
    logger: silentLogger,
    now: () => NOW,
    defaults: { timeOfDay: "08:00", timeZone: "UTC", maxStories: 10 },
  };
  const deps: BotDeps = {
    commands: opts.commands ?? registry,
    commandDeps,
    events: createPlatformEvents(store, silentLogger),
    logger: silentLogger,
  };
  const adapter = createTelegramBot(
    { token: fake.token, apiRoot: fake.apiRoot, linkPreviews: false, maxRetries: 3, ...opts.bot },
    deps,
  );
  if (opts.start ?? true) await adapter.start();
  return {
    fake,
    store,
    adapter,
    deps,
    async close() {
      await adapter.stop();
      await fake.close();
      await store.close();
    },
  };
}

/** The bot's messages in a chat (not the users'), oldest first. */
export function botMessages(fake: FakeTelegram, chatId: number) {
  return fake.messages(chatId).filter((m) => m.fromBot);
}

/**
 * Waits for the bot to have handled an update: the fake sees it confirmed (the adapter took it), then the
 * adapter's per-chat queues run dry (it was answered).
 */
export async function settled(h: Harness, updateId: number): Promise<void> {
  await h.fake.handled(updateId, 5000);
  await h.adapter.idle();
}

/** Waits for the bot to have handled an update, then returns the bot's newest message in the chat. */
export async function replyTo(h: Harness, updateId: number, chatId: number) {
  await settled(h, updateId);
  const mine = botMessages(h.fake, chatId);
  return mine.at(-1);
}
