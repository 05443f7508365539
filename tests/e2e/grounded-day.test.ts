/**
 * Grounded summaries end to end: newsdesk wired as src/main.ts wires it (LLM_* set), the scenario
 * feeds over loopback, a fake OpenAI-compatible server, and one digest each through the fake Telegram
 * Bot API and the fake Discord. Then the same day with the model unreachable: the digests still go out
 * on time, with extractive summaries, one warning, no crash.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeliveryOutcome } from "../../src/digest/deliver.js";
import { startFakeDiscord, type FakeDiscord, type Json } from "../fakes/discord/fake-discord.js";
import { startFakeOpenAI, type FakeOpenAI } from "../fakes/openai/fake-openai.js";
import { startFakeTelegram, type FakeTelegram } from "../fakes/telegram/fake-telegram.js";
import { recordingLogger } from "../digest/summaries/summary-fixture.js";
import { startNewsdesk, testClock, type Newsdesk } from "./newsdesk-world.js";

const GROUP = -1001000000077;
const KEY = "sk-e2e-secret-key-0123456789";

interface World {
  tg: FakeTelegram;
  dc: FakeDiscord;
  nd: Newsdesk;
  channelId: string;
  logger: ReturnType<typeof recordingLogger>;
}

async function world(llmBaseUrl: string): Promise<World> {
  const tg = await startFakeTelegram();
  tg.addChat({ id: GROUP, type: "supergroup", title: "AI readers" });
  const dc = await startFakeDiscord();
  const guildId = dc.addGuild({ name: "AI News" }).id;
  const channelId = dc.addChannel(guildId, { name: "news" }).id;
  const logger = recordingLogger();
  const nd = await startNewsdesk(
    {
      TELEGRAM_BOT_TOKEN: tg.token,
      TELEGRAM_API_ROOT: tg.apiRoot,
      DISCORD_TOKEN: dc.token,
      DISCORD_APPLICATION_ID: dc.applicationId,
      DISCORD_API_BASE: dc.restBase,
      LLM_BASE_URL: llmBaseUrl,
      LLM_MODEL: "fake-model",
      LLM_API_KEY: KEY,
      LLM_TIMEOUT: "5s",
    },
    testClock("2026-11-24T03:00:00Z"),
    { logger },
  );
  const now = nd.clock.now();
  await nd.store.destinations.upsert({ platform: "telegram", chatId: String(GROUP), kind: "channel", name: "AI readers", timeOfDay: "08:00", timeZone: "UTC", maxStories: 5 }, now);
  await nd.store.destinations.upsert({ platform: "discord", chatId: channelId, kind: "channel", name: "#news", timeOfDay: "08:00", timeZone: "UTC", maxStories: 5 }, now);
  return { tg, dc, nd, channelId, logger };
}

async function close(w: World | undefined): Promise<void> {
  await w?.nd.close();
  await w?.tg.close();
  await w?.dc.close();
}

describe("a day with grounded summaries", () => {
  let model: FakeOpenAI;
  let w: World;
  let outcomes: DeliveryOutcome[];

  beforeAll(async () => {
    model = await startFakeOpenAI();
    w = await world(model.url);
    await w.nd.ingestAt("2026-11-24T06:00:00Z");
    outcomes = await w.nd.tickAt("2026-11-24T08:00:00Z");
  }, 60_000);
  afterAll(async () => {
    await close(w);
    await model?.close();
  });

  it("delivers to Telegram with each sentence's sources as small numbered links", () => {
    expect(outcomes.map((o) => o.status)).toEqual(["sent", "sent"]);
    const messages = w.tg.messages(GROUP).filter((m) => m.fromBot);
    expect(messages.length).toBeGreaterThan(0);
    const marks = messages.flatMap((m) =>
      m.entities.filter((e) => e.type === "text_link" && /^[¹²³⁴⁵⁶⁷⁸]$/.test(m.text.slice(e.offset, e.offset + e.length))),
    );
    expect(marks.length).toBeGreaterThanOrEqual(3);
    for (const e of marks) expect((e as { url: string }).url).toMatch(/^http:\/\/127\.0\.0\.1|^https?:\/\//);
  });

  it("delivers to Discord with the citations as links in the story embeds", () => {
    const embeds = w.dc.messages(w.channelId).flatMap((m) => (m as Json & { embeds: Json[] }).embeds);
    const described = embeds.map((e) => String((e as { description?: string }).description ?? ""));
    expect(described.filter((d) => /\[[¹²³⁴⁵⁶⁷⁸]\]\(https?:\/\//.test(d)).length).toBeGreaterThanOrEqual(3);
  });

  it("asked the model once per distinct story, whatever the number of destinations, and never logged the key", async () => {
    const delivered = new Set<string>();
    for (const o of outcomes) for (const id of (await w.nd.store.deliveries.find(o.destinationId, o.key))?.storyIds ?? []) delivered.add(id);
    expect(model.requests.length).toBe(delivered.size);
    expect(model.requests.every((r) => r.authorization === `Bearer ${KEY}`)).toBe(true);
    expect(JSON.stringify(w.logger.entries)).not.toContain(KEY);
  });
});

describe("a day with the model unreachable", () => {
  let w: World;

  beforeAll(async () => {
    const gone = await startFakeOpenAI();
    const url = gone.url;
    await gone.close();
    w = await world(url);
    await w.nd.ingestAt("2026-11-24T06:00:00Z");
  }, 60_000);
  afterAll(() => close(w));

  it("delivers on time with extractive summaries, one warning, no crash", async () => {
    const started = Date.now();
    const outcomes = await w.nd.tickAt("2026-11-24T08:00:00Z");
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(outcomes.map((o) => o.status)).toEqual(["sent", "sent"]);
    const messages = w.tg.messages(GROUP).filter((m) => m.fromBot);
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.some((m) => m.entities.some((e) => e.type === "text_link" && /^[¹²³]$/.test(m.text.slice(e.offset, e.offset + e.length))))).toBe(false);
    const doc = (await w.nd.store.deliveries.find(outcomes[0]!.destinationId, outcomes[0]!.key))?.doc;
    expect(doc?.stories.length).toBeGreaterThan(0);
    expect(doc?.stories.every((s) => !s.citations && s.summary.length > 0)).toBe(true);
    const warnings = w.logger.entries.filter((e) => e.level === "warn");
    expect(warnings.map((e) => e.msg)).toEqual(["language model unavailable: digests use extractive summaries until it is back"]);
    // A later run tries again quietly: still one warning.
    await w.nd.tickAt("2026-11-24T09:00:00Z");
    expect(w.logger.entries.filter((e) => e.level === "warn")).toHaveLength(1);
  }, 30_000);
});
