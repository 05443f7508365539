import { describe, expect, it } from "vitest";
import { createDiscordBot } from "../../../src/bots/discord/discord-bot.js";
import type { Logger } from "../../../src/core/logger.js";
import { createPlatformEvents } from "../../../src/core/platform-events.js";
import { silentLogger } from "../../../src/core/logger.js";
import { openStore } from "../../../src/store/open-store.js";
import { startFakeDiscord } from "../../fakes/discord/fake-discord.js";
import { emptyDigests, noFeeds } from "./harness.js";

function capturingLogger(lines: string[]): Logger {
  const log = (...a: unknown[]) => void lines.push(JSON.stringify(a));
  const l: Logger = { debug: log, info: log, warn: log, error: log, child: (b) => (log(b), l) };
  return l;
}

describe("Discord bot token handling", () => {
  it("a refused token fails start with a readable error that never contains the token", async () => {
    const fake = await startFakeDiscord();
    const store = await openStore("sqlite::memory:");
    const lines: string[] = [];
    const secret = "Mzk5.secret-token-value.never-log-me";
    const logger = capturingLogger(lines);
    const bot = createDiscordBot(
      { token: secret, applicationId: fake.applicationId, apiBase: fake.restBase, maxRetries: 0 },
      {
        commands: [],
        commandDeps: { store, digests: emptyDigests, feeds: noFeeds, logger: silentLogger, now: () => new Date(), defaults: { timeOfDay: "08:00", timeZone: "UTC", maxStories: 10 } },
        events: createPlatformEvents(store, logger),
        logger,
      },
    );
    try {
      const err = await bot.start().then(
        () => undefined,
        (e: unknown) => e as Error & { userMessage?: string },
      );
      expect(err?.userMessage).toContain("DISCORD_TOKEN");
      expect(err?.userMessage).toMatch(/refused the bot token/);
      expect(err?.userMessage).not.toMatch(/cannot be reached/);
      expect(`${err?.message} ${err?.userMessage}`).not.toContain(secret);
      expect(lines.join("\n")).not.toContain(secret);
    } finally {
      await bot.stop();
      await fake.close();
      await store.close();
    }
  });

  it("an unreachable Discord API (connection refused) is told apart from a bad token", async () => {
    const fake = await startFakeDiscord();
    const { restBase, applicationId, token } = fake;
    await fake.close(); // nothing listens on its port any more
    const store = await openStore("sqlite::memory:");
    const lines: string[] = [];
    const bot = createDiscordBot(
      { token, applicationId, apiBase: restBase, maxRetries: 0 },
      {
        commands: [],
        commandDeps: { store, digests: emptyDigests, feeds: noFeeds, logger: silentLogger, now: () => new Date(), defaults: { timeOfDay: "08:00", timeZone: "UTC", maxStories: 10 } },
        events: createPlatformEvents(store, capturingLogger(lines)),
        logger: capturingLogger(lines),
      },
    );
    try {
      const err = await bot.start().then(
        () => undefined,
        (e: unknown) => e as Error & { userMessage?: string; code?: string },
      );
      expect(err?.code).toBe("unreachable");
      expect(err?.userMessage).toBe("The Discord API cannot be reached (connection refused); check the network or DISCORD_API_BASE.");
      expect(err?.userMessage).not.toContain("DISCORD_TOKEN");
      expect(`${err?.message} ${lines.join("\n")}`).not.toContain(token);
    } finally {
      await bot.stop();
      await store.close();
    }
  });
});
