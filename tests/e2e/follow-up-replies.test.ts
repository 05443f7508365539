/**
 * Developing stories end to end (issue 11): a story delivered on day 1 and its follow-up on day 2.
 * The real parts against the fake Discord and the fake Bot API: the update replies to the day-1
 * message the store recorded (the fakes check `message_reference` / `reply_parameters` point at a
 * message that exists there); an original deleted since still gets its update; in a forum the
 * update goes into the day-1 post. The story itself is never presented again as new.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Destination } from "../../src/core/types.js";
import { startFakeDiscord, type FakeDiscord, type Json } from "../fakes/discord/fake-discord.js";
import { startFakeTelegram, type FakeTelegram, type StoredMessage } from "../fakes/telegram/fake-telegram.js";
import { serveScenario, startNewsdesk, testClock, type ExtraItem, type Newsdesk } from "./newsdesk-world.js";

const NEWS_DAY = new Date("2026-11-23T00:00:00Z");
const GROUP = -1001000000011;
const GROUP2 = -1001000000012;
// A development a day later (outside the 24-hour clustering window set below): OpenAI's response.
const response: ExtraItem = {
  guid: "cl-sora-response",
  title: "OpenAI responds to the Sora leak: artists' early access ends, testers lose API keys",
  description:
    "A day after testers shared OpenAI's Sora video model on Hugging Face in protest, OpenAI said the early access programme for artists is over and revoked the leaked keys.",
  publishedAt: "2026-11-25T04:30:00Z",
};

// Two days later, a further development.
const delay: ExtraItem = {
  guid: "cl-sora-delay",
  title: "OpenAI delays Sora's public launch after the leak by artists on Hugging Face",
  description: "OpenAI said Sora will not open to the public this year; the testers who leaked it on Hugging Face said they were not surprised.",
  publishedAt: "2026-11-27T04:30:00Z",
};

type Msg = Json & { embeds: Json[] };

describe("follow-ups reply to the message readers already saw", () => {
  let dc: FakeDiscord;
  let tg: FakeTelegram;
  let nd: Newsdesk;
  let guildId: string;
  let newsId: string;
  let news2Id: string;
  let forumId: string;
  const dest: Record<string, Destination> = {};
  let soraId: string;
  const day1: Record<string, string> = {};

  const botMsgs = (channelId: string) => dc.messages(channelId).filter((m) => (m.author as Json | undefined)?.id === dc.botUserId) as Msg[];
  const tgMsgs = (chatId: number): StoredMessage[] => tg.messages(chatId).filter((m) => m.fromBot);

  beforeAll(async () => {
    dc = await startFakeDiscord();
    tg = await startFakeTelegram();
    guildId = dc.addGuild({ name: "AI News" }).id;
    newsId = dc.addChannel(guildId, { name: "news" }).id;
    news2Id = dc.addChannel(guildId, { name: "news-2" }).id;
    forumId = dc.addChannel(guildId, { name: "digests", type: 15 }).id;
    tg.addChat({ id: GROUP, type: "supergroup", title: "AI readers" });
    tg.addChat({ id: GROUP2, type: "supergroup", title: "AI readers 2" });
    nd = await startNewsdesk(
      {
        DISCORD_TOKEN: dc.token,
        DISCORD_APPLICATION_ID: dc.applicationId,
        DISCORD_API_BASE: dc.restBase,
        TELEGRAM_BOT_TOKEN: tg.token,
        TELEGRAM_API_ROOT: tg.apiRoot,
        CLUSTER_WINDOW_HOURS: "24",
      },
      testClock("2026-11-24T03:00:00Z"),
    );
    serveScenario(nd.feeds, NEWS_DAY);
    const at = new Date("2026-11-24T03:00:00Z");
    const add = async (name: string, platform: "discord" | "telegram", chatId: string, communityId: string) => {
      dest[name] = await nd.store.destinations.upsert({ platform, chatId, kind: "channel", communityId, timeOfDay: "07:00", timeZone: "UTC" }, at);
    };
    await add("news", "discord", newsId, `discord:${guildId}`);
    await add("news2", "discord", news2Id, `discord:${guildId}`);
    await add("forum", "discord", forumId, `discord:${guildId}`);
    await add("group", "telegram", String(GROUP), `telegram:${GROUP}`);
    await add("group2", "telegram", String(GROUP2), `telegram:${GROUP2}`);
  }, 30_000);

  afterAll(async () => {
    await nd?.close();
    await dc?.close();
    await tg?.close();
  });

  afterEach(() => {
    expect(dc.internalErrors()).toEqual([]);
  });

  it("day 1: the Sora leak is delivered everywhere and where each copy landed is stored", async () => {
    await nd.ingestAt("2026-11-24T04:00:00Z");
    const out = await nd.tickAt("2026-11-24T07:00:00Z");
    expect(out.filter((o) => o.status === "sent")).toHaveLength(5);
    const sora = (await nd.store.stories.listSince(new Date("2026-11-22T00:00:00Z"))).filter((s) => /Sora/.test(s.title));
    expect(sora).toHaveLength(1);
    soraId = sora[0]!.id;
    for (const [name, d] of Object.entries(dest)) {
      const placed = (await nd.store.storyMessages.find(d.id, [soraId])).get(soraId);
      expect(placed, name).toBeDefined();
      day1[name] = placed!.messageId;
    }
    // The stored ids are the messages that carry the story on each platform.
    const carries = (m: Json | StoredMessage | undefined) => JSON.stringify(m ?? "").includes("Sora");
    expect(carries(botMsgs(newsId).find((m) => m.id === day1.news))).toBe(true);
    expect(carries(botMsgs(news2Id).find((m) => m.id === day1.news2))).toBe(true);
    expect(carries(tgMsgs(GROUP).find((m) => String(m.messageId) === day1.group))).toBe(true);
    // In the forum the story sits in the day's post (its starter message shares the thread's id).
    const post = [...dc.state.channels.values()].find((c) => c.parentId === forumId);
    expect(post).toBeDefined();
    expect((await nd.store.storyMessages.find(dest.forum!.id, [soraId])).get(soraId)?.chatId).toBe(post!.id);
  });

  it("day 2: the response is linked to the Sora story as a follow-up", async () => {
    serveScenario(nd.feeds, NEWS_DAY, { "scenario-circuit-ledger.xml": [response] }, "v2");
    const report = await nd.ingestAt("2026-11-25T05:00:00Z");
    expect(report.linked?.followups).toBeGreaterThanOrEqual(1);
    const stories = await nd.store.stories.listSince(new Date("2026-11-25T00:00:00Z"));
    const followUp = stories.find((s) => /responds/.test(s.title));
    expect(followUp).toBeDefined();
    expect(followUp!.id).not.toBe(soraId);
    expect((await nd.store.storyLinks.forStories([followUp!.id])).get(followUp!.id)).toMatchObject({ kind: "followup", earlierStoryId: soraId });
  });

  it("day 2: updates reply to the day-1 messages; deleted originals still get theirs", async () => {
    // Readers deleted the day-1 digest in one Discord channel and one Telegram group.
    const list = dc.state.messages.get(news2Id)!;
    list.splice(list.findIndex((m) => m.id === day1.news2), 1);
    expect(tg.state.deleteMessage(GROUP2, Number(day1.group2))).toBe(true);
    const before = { news: botMsgs(newsId).length, news2: botMsgs(news2Id).length, group: tgMsgs(GROUP).length, group2: tgMsgs(GROUP2).length };

    const out = await nd.tickAt("2026-11-25T07:00:00Z");
    expect(out.map((o) => o.status)).toEqual(Array(5).fill("sent"));

    // Discord text channel: a REPLY (type 19) to the stored message, "Update: …", and the Sora leak is not new again.
    const news = botMsgs(newsId).slice(before.news);
    const update = news.find((m) => m.message_reference !== undefined)!;
    expect(update).toBeDefined();
    expect(update.type).toBe(19);
    expect(update.message_reference).toMatchObject({ message_id: day1.news, channel_id: newsId });
    expect(String(update.embeds[0]!.title)).toMatch(/^Update: OpenAI responds/);
    expect(JSON.stringify(update.embeds[0]!.fields)).toContain("Earlier");
    expect(update.allowed_mentions).toEqual({ parse: [] });
    const others = news.filter((m) => m !== update).flatMap((m) => m.embeds.map((e) => String(e.title ?? "")));
    expect(others.some((t) => /Sora/.test(t))).toBe(false);
    expect(JSON.stringify(news[0]!.embeds[0])).toMatch(/1 update to stories you already have/);

    // The original was deleted: the update arrives all the same, as a plain message.
    const news2 = botMsgs(news2Id).slice(before.news2);
    const update2 = news2.find((m) => /^Update:/.test(String(m.embeds[0]?.title ?? "")));
    expect(update2).toBeDefined();
    expect(update2!.message_reference).toBeUndefined();

    // Forum: the update goes into the day-1 post, replying to its starter message.
    const oldPost = (await nd.store.storyMessages.find(dest.forum!.id, [soraId])).get(soraId)!.chatId;
    const inOldPost = botMsgs(oldPost).filter((m) => m.message_reference !== undefined);
    expect(inOldPost).toHaveLength(1);
    expect(inOldPost[0]!.message_reference).toMatchObject({ message_id: oldPost, channel_id: oldPost });

    // Telegram: reply_parameters point at the stored message; the deleted one's update has no reply.
    const group = tgMsgs(GROUP).slice(before.group);
    const tgUpdate = group.find((m) => m.text.startsWith("Update: "));
    expect(tgUpdate).toBeDefined();
    expect(tgUpdate!.replyToMessageId).toBe(Number(day1.group));
    expect(tgUpdate!.text).toMatch(/Earlier: .*Sora.*, yesterday/);
    expect(group.filter((m) => m !== tgUpdate).some((m) => /Sora leaked/.test(m.text))).toBe(false);
    const group2 = tgMsgs(GROUP2).slice(before.group2);
    const tgUpdate2 = group2.find((m) => m.text.startsWith("Update: "));
    expect(tgUpdate2).toBeDefined();
    expect(tgUpdate2!.replyToMessageId).toBeUndefined();
  });

  it("a forum post archived and locked since: the update goes into today's post, with a link to the old one", async () => {
    const oldPost = (await nd.store.storyMessages.find(dest.forum!.id, [soraId])).get(soraId)!.chatId;
    dc.updateThread(oldPost, { archived: true, locked: true });
    const oldCount = botMsgs(oldPost).length;
    serveScenario(nd.feeds, NEWS_DAY, { "scenario-circuit-ledger.xml": [response, delay] }, "v3");
    const report = await nd.ingestAt("2026-11-27T05:00:00Z");
    expect(report.linked?.followups).toBeGreaterThanOrEqual(1);
    const out = await nd.tickAt("2026-11-27T07:00:00Z");
    expect(out.find((o) => o.destinationId === dest.forum!.id)?.status).toBe("sent");
    expect(botMsgs(oldPost)).toHaveLength(oldCount);
    const today = [...dc.state.channels.values()].filter((c) => c.parentId === forumId).find((c) => /27 November/.test(c.name ?? ""));
    expect(today).toBeDefined();
    const upd = botMsgs(today!.id).find((m) => /^Update:/.test(String(m.embeds[0]?.title ?? "")));
    expect(upd).toBeDefined();
    expect(upd!.message_reference).toBeUndefined();
    expect(JSON.stringify(upd!.embeds[0]!.fields)).toContain(`https://discord.com/channels/${guildId}/${oldPost}/`);
  });

  it("the ledger still delivers each digest once: another tick sends nothing", async () => {
    const counts = [botMsgs(newsId).length, tgMsgs(GROUP).length];
    const out = await nd.tickAt("2026-11-27T07:05:00Z");
    expect(out.every((o) => o.status === "skipped")).toBe(true);
    expect([botMsgs(newsId).length, tgMsgs(GROUP).length]).toEqual(counts);
  });
});
