/**
 * Test wiring: the fake Discord, the real SQLite store, real platform events, and the Discord bot under
 * test logged into the fake. Small DigestService/FeedService stand-ins are enough for the commands here.
 */
import type { BotDeps } from "../../../src/core/bot.js";
import type { CommandDeps } from "../../../src/core/commands/context.js";
import type { CommandDefinition } from "../../../src/core/commands/define-command.js";
import { silentLogger } from "../../../src/core/logger.js";
import { createPlatformEvents } from "../../../src/core/platform-events.js";
import type { Store } from "../../../src/core/ports.js";
import type { DigestService, FeedService } from "../../../src/core/services.js";
import type { DigestDoc, DigestStory } from "../../../src/core/types.js";
import { createDiscordBot, type DiscordBot, type DiscordBotOptions } from "../../../src/bots/discord/discord-bot.js";
import type { CommandHashStore } from "../../../src/bots/discord/register-commands.js";
import { openStore } from "../../../src/store/open-store.js";
import { startFakeDiscord, type FakeDiscord, type FakeDiscordOptions } from "../../fakes/discord/fake-discord.js";

export const emptyDigests: DigestService = {
  async preview() {
    return { title: "AI news — preview", date: "2026-11-24", stories: [], more: 0 };
  },
};

export const noFeeds: FeedService = {
  async check() {
    return { ok: false, code: "test", reason: "no network in tests" };
  },
};

export function settingsHashStore(store: Store, key = "discord.commands.hash"): CommandHashStore {
  return { get: () => store.settings.get(key), set: (h) => store.settings.set(key, h) };
}

export interface Harness {
  fake: FakeDiscord;
  store: Store;
  bot: DiscordBot;
  deps: BotDeps;
  close(): Promise<void>;
}

export async function startHarness(
  commands: readonly CommandDefinition[],
  o: { fake?: FakeDiscordOptions; bot?: Partial<DiscordBotOptions>; store?: Store; setup?: (fake: FakeDiscord) => void; fakeDiscord?: FakeDiscord } = {},
): Promise<Harness> {
  const fake = o.fakeDiscord ?? (await startFakeDiscord(o.fake));
  o.setup?.(fake);
  const store = o.store ?? (await openStore("sqlite::memory:"));
  const commandDeps: CommandDeps = {
    store,
    digests: emptyDigests,
    feeds: noFeeds,
    logger: silentLogger,
    now: () => new Date("2026-11-24T10:00:00Z"),
    defaults: { timeOfDay: "08:00", timeZone: "UTC", maxStories: 10 },
  };
  const deps: BotDeps = { commands, commandDeps, events: createPlatformEvents(store, silentLogger), logger: silentLogger };
  const bot = createDiscordBot(
    { token: fake.token, applicationId: fake.applicationId, apiBase: fake.restBase, maxRetries: 1, hashStore: settingsHashStore(store), ...o.bot },
    deps,
  );
  await bot.start();
  return {
    fake,
    store,
    bot,
    deps,
    async close() {
      await bot.stop();
      await fake.close();
      if (!o.store) await store.close();
    },
  };
}

export function story(i: number, over: Partial<DigestStory> = {}): DigestStory {
  return {
    id: `s${i}`,
    title: `Story ${i}: a model did something notable`,
    url: `https://news.example/${i}`,
    summary: `Summary ${i}. `.repeat(40),
    imageUrl: null,
    sources: [
      { name: "Outlet A", url: `https://a.example/${i}` },
      { name: "Outlet B", url: `https://b.example/${i}` },
    ],
    moreSources: 2,
    topics: [
      { id: "llm", name: "Large language models" },
      { id: "policy", name: "Policy" },
    ],
    score: 1,
    ...over,
  };
}

export function digest(n: number, over: Partial<DigestDoc> = {}): DigestDoc {
  return { title: "AI news — Tuesday 24 November 2026", date: "2026-11-24", stories: Array.from({ length: n }, (_, i) => story(i + 1)), more: 0, ...over };
}
