/**
 * A day (and then some) in the life of a Telegram group and one of its members, with the real parts
 * wired as src/main.ts wires them, against the fake Bot API and loopback feeds. Time moves by calling
 * the scheduler's two steps (poll, deliver) at chosen instants. 24-26 November 2026: Berlin is UTC+1.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeliveryOutcome } from "../../src/digest/deliver.js";
import type { TelegramBot } from "../../src/bots/telegram/telegram-bot.js";
import { parseHtml } from "../fakes/telegram/parse-html.js";
import { startFakeTelegram, type FakeTelegram, type StoredMessage } from "../fakes/telegram/fake-telegram.js";
import { serveScenario, SORA_OUTLETS, startNewsdesk, testClock, until, type ExtraItem, type Newsdesk } from "./newsdesk-world.js";

const ADMIN = 5001;
const MEMBER = 5002;
const GROUP = -1001000000001;
const MODS = -1001000000002;

// Day 1 is Tuesday 24 November 2026; the feeds carry Monday's news.
const NEWS_DAY = new Date("2026-11-23T00:00:00Z");
const o3: ExtraItem = {
  guid: "cl-openai-o3-mini",
  title: "OpenAI ships o3-mini, a cheaper reasoning model, to ChatGPT users",
  description: "OpenAI released o3-mini, a smaller reasoning model, to ChatGPT and its API.",
  publishedAt: "2026-11-24T15:00:00Z",
};
const gpt5: ExtraItem = {
  guid: "cl-openai-gpt-5",
  title: "OpenAI opens GPT-5 to every ChatGPT subscriber",
  description: "OpenAI made GPT-5 available to all ChatGPT subscribers and to developers through its API.",
  publishedAt: "2026-11-25T15:00:00Z",
};

describe("Telegram: a group and a member through three days", () => {
  let tg: FakeTelegram;
  let nd: Newsdesk;
  const outcomes: Record<string, DeliveryOutcome[]> = {};

  const botMessages = (chatId: number): StoredMessage[] => tg.messages(chatId).filter((m) => m.fromBot);
  /** Bot messages in a chat sent after the first `n`. */
  const since = (chatId: number, n: number): StoredMessage[] => botMessages(chatId).slice(n);
  /** Types a command and returns the bot's reply (all messages it sent in answer). */
  const say = async (chatId: number, fromId: number, text: string): Promise<string> => {
    const before = botMessages(chatId).length;
    const id = tg.sendText({ chatId, fromId, text });
    await tg.handled(id, 10_000);
    // The adapter queues updates per chat: wait until it has finished answering this one.
    await (nd.bots.find((b) => b.platform === "telegram") as TelegramBot).idle();
    await until(`a reply to ${text}`, () => botMessages(chatId).length > before);
    // A reply may span several messages (a preview's header and its digest): return all of them.
    return since(chatId, before)
      .map((m) => m.text)
      .join("\n");
  };
  const sent = (o: DeliveryOutcome[]) => o.filter((x) => x.status === "sent");

  beforeAll(async () => {
    tg = await startFakeTelegram();
    tg.addUser({ id: ADMIN, first_name: "Grace" });
    tg.addUser({ id: MEMBER, first_name: "Ada" });
    tg.addChat({ id: GROUP, type: "supergroup", title: "AI readers" });
    tg.addChat({ id: MODS, type: "supergroup", title: "AI readers mods" });
    tg.setMember(GROUP, ADMIN, "administrator");
    tg.setMember(MODS, ADMIN, "administrator");
    tg.setMember(GROUP, MEMBER, "member");
    nd = await startNewsdesk({ TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot }, testClock("2026-11-24T03:00:00Z"));
  }, 30_000);

  afterAll(async () => {
    await nd?.close();
    await tg?.close();
  });

  it("an administrator sets the group's digest and topics; a member follows labour in a private chat", async () => {
    expect(await say(GROUP, ADMIN, "/channel_set 08:00 Europe/Berlin")).toMatch(/08:00 \(Europe\/Berlin\)/);
    expect(await say(GROUP, ADMIN, "/channel_follow openai")).toContain("now follows OpenAI");
    // A plain member may not reconfigure the group.
    expect(await say(GROUP, MEMBER, "/channel_set 06:00 Europe/Berlin")).toMatch(/moderator|administrator/i);
    expect(await say(MEMBER, MEMBER, "/subscribe labour")).toContain("You now follow Labour & creative work");
    expect(await say(MEMBER, MEMBER, "/settings 07:00 Europe/Berlin")).toContain("07:00 (Europe/Berlin)");

    const group = await nd.store.destinations.find("telegram", String(GROUP), null);
    expect(group).toMatchObject({ kind: "channel", timeOfDay: "08:00", timeZone: "Europe/Berlin", active: true });
    expect(await nd.store.subscriptions.list(group!.id)).toEqual(["openai"]);
    const dm = await nd.store.destinations.find("telegram", String(MEMBER), null);
    expect(dm).toMatchObject({ kind: "dm", timeOfDay: "07:00", timeZone: "Europe/Berlin", active: true });
  });

  it("polls the six feeds and clusters the Sora leak from all six outlets into one story", async () => {
    const report = await nd.ingestAt("2026-11-24T04:00:00Z");
    expect(report.feeds.map((f) => f.outcome).sort()).toEqual(Array(6).fill("updated"));
    const stories = await nd.store.stories.listSince(new Date("2026-11-22T00:00:00Z"));
    const sora = stories.filter((s) => /Sora/.test(s.title));
    expect(sora).toHaveLength(1);
    expect(new Set(sora[0]!.sources.map((s) => s.feedId)).size).toBe(6);
  });

  it("at 06:59 in Berlin nothing is sent", async () => {
    const dm = botMessages(MEMBER).length;
    const group = botMessages(GROUP).length;
    outcomes["06:59"] = await nd.tickAt("2026-11-24T05:59:00Z");
    expect(outcomes["06:59"]).toEqual([]);
    expect(botMessages(MEMBER).length).toBe(dm);
    expect(botMessages(GROUP).length).toBe(group);
  });

  it("at 07:00 the member's private digest arrives with only labour stories", async () => {
    const dmBefore = botMessages(MEMBER).length;
    const groupBefore = botMessages(GROUP).length;
    const out = await nd.tickAt("2026-11-24T06:00:00Z");
    expect(sent(out)).toHaveLength(1);
    const msgs = since(MEMBER, dmBefore);
    expect(msgs.length).toBeGreaterThan(0);
    const text = msgs.map((m) => m.text).join("\n");
    expect(text).toContain("AI news — Tuesday 24 November 2026");
    expect(text).toMatch(/Sora/);
    // Not about creative work: the funding round, Nvidia's earnings, Bluesky.
    expect(text).not.toMatch(/\$157 billion|Nvidia revenue|Bluesky/);
    const delivery = await nd.store.deliveries.latest((await nd.store.destinations.find("telegram", String(MEMBER), null))!.id);
    for (const s of await nd.store.stories.getMany(delivery!.storyIds)) {
      expect(s.topics.some((t) => t.topicId === "labour" && t.confidence >= 0.5), s.title).toBe(true);
    }
    expect(botMessages(GROUP).length).toBe(groupBefore);
  });

  it("at 08:00 the group's digest arrives: OpenAI stories, the Sora story with its six outlets, valid HTML", async () => {
    const before = botMessages(GROUP).length;
    const out = await nd.tickAt("2026-11-24T07:00:00Z");
    expect(sent(out).map((o) => o.key)).toEqual(["2026-11-24"]);
    const msgs = since(GROUP, before);
    expect(msgs.length).toBeGreaterThan(0);
    for (const m of msgs) {
      expect(m.parseMode).toBe("HTML");
      expect(parseHtml(m.sourceText).ok).toBe(true);
    }
    const text = msgs.map((m) => m.text).join("\n");
    const soraBlock = text.split(/\n\n/).find((b) => /Sora/.test(b)) ?? "";
    // Three outlets by name, "+3 more": six in all, each named at most once.
    const named = SORA_OUTLETS.filter((o) => soraBlock.includes(o));
    expect(named.length + Number(/\+(\d+) more/.exec(soraBlock)?.[1] ?? 0)).toBe(6);
    expect(text).toMatch(/\$6\.6 ?b(illio)?n/i);
    expect(text).not.toMatch(/Nvidia revenue|Bluesky|Pixel Tablet/);
    // Headlines link to the outlets' own pages, without tracking parameters.
    const links = msgs.flatMap((m) => m.entities.filter((e) => e.type === "text_link").map((e) => e.url ?? ""));
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((u) => /utm_|fbclid|gclid/.test(u))).toEqual([]);
  });

  it("a second tick at 08:01 sends nothing", async () => {
    const group = botMessages(GROUP).length;
    const dm = botMessages(MEMBER).length;
    const out = await nd.tickAt("2026-11-24T07:01:00Z");
    expect(sent(out)).toEqual([]);
    expect(botMessages(GROUP).length).toBe(group);
    expect(botMessages(MEMBER).length).toBe(dm);
  });

  it("a moderator's exclude filter hides the Sora story from a preview", async () => {
    // The mods' chat (notices only, no digest) has not had the Sora story: a fair place to preview it.
    nd.clock.set("2026-11-24T08:30:00Z");
    expect(await say(MODS, ADMIN, "/notices")).toContain("Moderator notices now go to AI readers mods");
    const first = await say(MODS, ADMIN, "/preview");
    expect(first).toMatch(/Sora/);
    expect(await say(MODS, ADMIN, "/filter_add exclude sora")).toContain('no stories mentioning "sora"');
    const second = await say(MODS, ADMIN, "/preview");
    expect(second).not.toMatch(/Sora/);
    // Only that story goes: the rest of the day's AI news is still previewed.
    expect(second).toMatch(/OpenAI|Anthropic|Nvidia/);
    const html = botMessages(MODS).at(-1)!.sourceText;
    expect(parseHtml(html).ok).toBe(true);
  });

  it("the next day brings only the new OpenAI story, never the Sora story again", async () => {
    serveScenario(nd.feeds, NEWS_DAY, { "scenario-circuit-ledger.xml": [o3] }, "day2");
    const report = await nd.ingestAt("2026-11-25T04:00:00Z");
    expect(report.feeds.filter((f) => f.outcome === "updated")).toHaveLength(1);
    const dmBefore = botMessages(MEMBER).length;
    await nd.tickAt("2026-11-25T06:00:00Z");
    // Nothing new about creative work: no empty message either.
    expect(botMessages(MEMBER).length).toBe(dmBefore);

    const before = botMessages(GROUP).length;
    const out = await nd.tickAt("2026-11-25T07:00:00Z");
    expect(sent(out)).toHaveLength(1);
    const text = since(GROUP, before).map((m) => m.text).join("\n");
    expect(text).toContain("AI news — Wednesday 25 November 2026");
    expect(text).toContain("o3-mini");
    expect(text).not.toMatch(/Sora/);
    expect(text).not.toMatch(/\$6\.6/);
  });

  it("/notices in the group sends moderator notices to the mods' chat", async () => {
    nd.clock.set("2026-11-25T09:00:00Z");
    const r = await say(GROUP, ADMIN, `/notices ${MODS}`);
    expect(r).toContain("AI readers mods");
  });

  let modsBefore = 0;
  it("kicked from the group: the next digest switches the group's digest off with a readable reason", async () => {
    tg.kickBot(GROUP);
    serveScenario(nd.feeds, NEWS_DAY, { "scenario-circuit-ledger.xml": [o3, gpt5] }, "day3");
    await nd.ingestAt("2026-11-26T04:00:00Z");
    modsBefore = botMessages(MODS).length;
    const out = await nd.tickAt("2026-11-26T07:00:00Z");
    const group = await nd.store.destinations.find("telegram", String(GROUP), null);
    expect(out.find((o) => o.destinationId === group!.id)?.status).toBe("deactivated");
    expect(group).toMatchObject({ active: false });
    expect(group!.inactiveReason).toMatch(/kicked/i);
    // Switched off means no more attempts.
    expect((await nd.tickAt("2026-11-27T07:00:00Z")).filter((o) => o.destinationId === group!.id)).toEqual([]);
  });

  // Product bug (see report): on Telegram `/notices <chat>` acts in the named chat's own community
  // (src/bots/telegram/handle-command.ts: "A named Telegram channel is its own community"), so the
  // group's notices never go to the mods' chat although the reply said they would.
  it("…and the moderators are told in the chat /notices named", async () => {
    await until("the moderators' notice", () => since(MODS, modsBefore).some((m) => /switched off/.test(m.text)), 3000);
  });
});
