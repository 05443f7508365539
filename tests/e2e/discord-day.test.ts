/**
 * A day (and the next) in the life of a Discord server: a text channel, a forum and a member's DMs get
 * their digests from the real parts wired as src/main.ts wires them, against the fake Discord and
 * loopback feeds. Time moves by calling the scheduler's two steps at chosen instants (Berlin: UTC+1).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DeliveryOutcome } from "../../src/digest/deliver.js";
import { startFakeDiscord, type FakeDiscord, type InteractionRecord, type Json } from "../fakes/discord/fake-discord.js";
import { DEFAULT_BOT_PERMISSIONS, Perm } from "../fakes/discord/permission-bits.js";
import { serveScenario, SORA_OUTLETS, startNewsdesk, testClock, until, type ExtraItem, type Newsdesk } from "./newsdesk-world.js";

const NEWS_DAY = new Date("2026-11-23T00:00:00Z");
const everyone: ExtraItem = {
  guid: "cl-runway-everyone",
  title: "@everyone Runway's new video generator keeps characters consistent across shots",
  description: "Runway released a video generation model that keeps the same characters from shot to shot. @here it is.",
  publishedAt: "2026-11-23T12:00:00Z",
};
const veo: ExtraItem = {
  guid: "cl-google-veo-2",
  title: "Google's Veo 2 video generator reaches YouTube creators",
  description: "Google DeepMind's Veo 2 text-to-video model is rolling out to YouTube Shorts creators.",
  publishedAt: "2026-11-24T15:00:00Z",
};

type Msg = Json & { embeds: Json[] };

/** Every limit Discord puts on a message's embeds (the fake checks them too; this says which one broke). */
function expectWithinLimits(m: Msg): void {
  const embeds = m.embeds;
  expect(embeds.length).toBeGreaterThan(0);
  expect(embeds.length).toBeLessThanOrEqual(10);
  let total = 0;
  const len = (s: unknown) => [...String(s ?? "")].length;
  for (const e of embeds) {
    const fields = (e.fields as Json[] | undefined) ?? [];
    expect(len(e.title)).toBeLessThanOrEqual(256);
    expect(len(e.description)).toBeLessThanOrEqual(4096);
    expect(fields.length).toBeLessThanOrEqual(25);
    for (const f of fields) {
      expect(len(f.name)).toBeGreaterThan(0);
      expect(len(f.name)).toBeLessThanOrEqual(256);
      expect(String(f.value).trim().length).toBeGreaterThan(0);
      expect(len(f.value)).toBeLessThanOrEqual(1024);
    }
    const footer = (e.footer as Json | undefined)?.text;
    expect(len(footer)).toBeLessThanOrEqual(2048);
    total += len(e.title) + len(e.description) + len(footer) + fields.reduce((n, f) => n + len(f.name) + len(f.value), 0);
  }
  expect(total).toBeLessThanOrEqual(6000);
  expect(len(m.content)).toBeLessThanOrEqual(2000);
  // Nothing a feed writes may ping anyone.
  expect(m.allowed_mentions).toEqual({ parse: [] });
}

const titles = (msgs: Msg[]) => msgs.flatMap((m) => m.embeds.map((e) => String(e.title ?? "")));
const allText = (msgs: Msg[]) => JSON.stringify(msgs.map((m) => [m.content, m.embeds]));

describe("Discord: a server's channel, forum and a member's DMs through two days", () => {
  let dc: FakeDiscord;
  let nd: Newsdesk;
  let guildId: string;
  let newsId: string;
  let forumId: string;
  let modlogId: string;
  let modId: string;
  let memberId: string;

  /** Runs a slash command and returns what the user sees (content and embeds) once answered. */
  const run = async (userId: string, channelId: string, name: string, subcommand: string | undefined, options: Record<string, string> = {}): Promise<string> => {
    const rec: InteractionRecord = await dc.interact({ guildId, channelId, userId, name, ...(subcommand ? { subcommand } : {}), options, timeoutMs: 10_000 });
    await until(`the answer to /${name}`, () => rec.callback?.type === 4 || rec.original !== undefined);
    const data = (rec.callback?.type === 4 ? rec.callback.data : rec.original) as Json | undefined;
    return JSON.stringify([data?.content ?? "", data?.embeds ?? []]);
  };
  const channelMsgs = (id: string) => dc.messages(id).filter((m) => (m.author as Json | undefined)?.id === dc.botUserId) as Msg[];
  const forumPosts = () => [...dc.state.channels.values()].filter((c) => c.parentId === forumId);
  const sent = (o: DeliveryOutcome[]) => o.filter((x) => x.status === "sent");

  beforeAll(async () => {
    dc = await startFakeDiscord();
    guildId = dc.addGuild({ name: "AI News" }).id;
    newsId = dc.addChannel(guildId, { name: "news" }).id;
    forumId = dc.addChannel(guildId, { name: "digests", type: 15 }).id;
    modlogId = dc.addChannel(guildId, { name: "mod-log" }).id;
    modId = dc.addMember(guildId, { username: "ada", permissions: Perm.ManageGuild }).userId;
    memberId = dc.addMember(guildId, { username: "bob" }).userId;
    nd = await startNewsdesk(
      { DISCORD_TOKEN: dc.token, DISCORD_APPLICATION_ID: dc.applicationId, DISCORD_API_BASE: dc.restBase },
      testClock("2026-11-24T03:00:00Z"),
    );
    serveScenario(nd.feeds, NEWS_DAY, { "scenario-circuit-ledger.xml": [everyone] });
  }, 30_000);

  afterAll(async () => {
    await nd?.close();
    await dc?.close();
  });

  afterEach(() => {
    expect(dc.internalErrors()).toEqual([]);
  });

  it("a moderator sets up a text channel and a forum, follows video generation, and picks a notices channel", async () => {
    expect(await run(modId, newsId, "channel", "set", { time: "07:00", zone: "Europe/Berlin" })).toContain("07:00 (Europe/Berlin)");
    expect(await run(modId, newsId, "channel", "set", { channel: forumId, time: "07:00", zone: "Europe/Berlin" })).toContain("digests");
    expect(await run(modId, newsId, "channel", "follow", { topic: "video-generation" })).toContain("now follows Video generation");
    expect(await run(modId, newsId, "notices", undefined, { channel: modlogId })).toContain("mod-log");
    // A member without Manage Server cannot.
    expect(await run(memberId, newsId, "channel", "set", { time: "05:00" })).toContain("Only moderators");

    const news = await nd.store.destinations.find("discord", newsId, null);
    const forum = await nd.store.destinations.find("discord", forumId, null);
    expect(news).toMatchObject({ active: true, timeOfDay: "07:00", timeZone: "Europe/Berlin" });
    expect(forum).toMatchObject({ active: true, timeOfDay: "07:00", timeZone: "Europe/Berlin" });
    expect(await nd.store.subscriptions.list(news!.id)).toEqual(["video-generation"]);
    expect(await nd.store.subscriptions.list(forum!.id)).toEqual([]);
  });

  it("a member follows OpenAI for their DM digest at 07:00 Berlin time", async () => {
    expect(await run(memberId, newsId, "subscribe", undefined, { topic: "openai" })).toContain("You now follow OpenAI");
    expect(await run(memberId, newsId, "settings", undefined, { time: "07:00", zone: "Europe/Berlin" })).toContain("07:00 (Europe/Berlin)");
  });

  it("polls the feeds; nothing is posted before 07:00 in Berlin", async () => {
    const report = await nd.ingestAt("2026-11-24T04:00:00Z");
    expect(report.feeds.filter((f) => f.outcome === "updated")).toHaveLength(6);
    const out = await nd.tickAt("2026-11-24T05:59:00Z");
    expect(out).toEqual([]);
    expect(channelMsgs(newsId)).toEqual([]);
    expect(forumPosts()).toEqual([]);
    expect(dc.dms(memberId)).toEqual([]);
  });

  it("at 07:00 the digests arrive: embeds in the channel, a new forum post, the member's DM", async () => {
    const out = await nd.tickAt("2026-11-24T06:00:00Z");
    expect(sent(out)).toHaveLength(3);

    const news = channelMsgs(newsId);
    expect(news.length).toBeGreaterThan(0);
    expect(titles(news)[0]).toBe("AI news — Tuesday 24 November 2026");
    expect(titles(news).some((t) => /Sora/.test(t))).toBe(true);
    // Video generation only: not the funding round, not Nvidia.
    expect(allText(news)).not.toMatch(/\$157 billion|Nvidia revenue|Bluesky/);
    const soraEmbed = news.flatMap((m) => m.embeds).find((e) => /Sora/.test(String(e.title)))!;
    const sources = String(((soraEmbed.fields as Json[]).find((f) => f.name === "Sources") ?? {}).value ?? "");
    const named = SORA_OUTLETS.filter((o) => sources.includes(o.replace("&", "\\&")) || sources.includes(o));
    expect(named.length + Number(/\+(\d+) more/.exec(sources)?.[1] ?? 0)).toBe(6);

    const posts = forumPosts();
    expect(posts).toHaveLength(1);
    expect(posts[0]!.name).toBe("AI news — Tuesday 24 November 2026");
    const post = channelMsgs(posts[0]!.id);
    expect(post.length).toBeGreaterThan(0);
    // No topics followed: every AI story, the funding round too, but not the tablet review.
    expect(allText(post)).toMatch(/Sora/);
    expect(allText(post)).toMatch(/\$6\.6/);
    expect(allText(post)).not.toMatch(/Pixel Tablet/);

    const dm = dc.dms(memberId) as Msg[];
    expect(dm.length).toBeGreaterThan(0);
    expect(allText(dm)).toMatch(/OpenAI/);
    expect(allText(dm)).not.toMatch(/Nvidia revenue|Bluesky|Lightricks/);

    for (const m of [...news, ...post, ...dm]) expectWithinLimits(m);
  });

  it("a story whose title says @everyone pings no one", async () => {
    const msgs = [...channelMsgs(newsId), ...channelMsgs(forumPosts()[0]!.id)];
    const carrying = msgs.filter((m) => /Runway/.test(allText([m])));
    expect(carrying.length).toBeGreaterThan(0);
    for (const m of carrying) {
      expect(m.allowed_mentions).toEqual({ parse: [] });
      expect(String(m.content ?? "")).not.toMatch(/@(everyone|here)/);
      expect(m.mention_everyone).toBe(false);
    }
  });

  it("a second tick sends nothing more", async () => {
    const counts = [channelMsgs(newsId).length, forumPosts().length, dc.dms(memberId).length];
    expect(sent(await nd.tickAt("2026-11-24T06:05:00Z"))).toEqual([]);
    expect([channelMsgs(newsId).length, forumPosts().length, dc.dms(memberId).length]).toEqual(counts);
  });

  it("without Send Messages in the channel, the next digest switches it off and tells the moderators", async () => {
    dc.setBotPermissions(newsId, DEFAULT_BOT_PERMISSIONS & ~Perm.SendMessages);
    serveScenario(nd.feeds, NEWS_DAY, { "scenario-circuit-ledger.xml": [everyone, veo] }, "day2");
    await nd.ingestAt("2026-11-25T04:00:00Z");
    const before = channelMsgs(newsId).length;
    const modlogBefore = channelMsgs(modlogId).length;
    const out = await nd.tickAt("2026-11-25T06:00:00Z");

    const news = await nd.store.destinations.find("discord", newsId, null);
    expect(out.find((o) => o.destinationId === news!.id)?.status).toBe("deactivated");
    expect(news!.active).toBe(false);
    expect(news!.inactiveReason).toMatch(/Send Messages/);
    expect(channelMsgs(newsId).length).toBe(before);
    // The forum is unaffected: a second post, with only the new story.
    const posts = forumPosts();
    expect(posts).toHaveLength(2);
    const second = channelMsgs(posts[1]!.id);
    expect(allText(second)).toMatch(/Veo 2/);
    expect(allText(second)).not.toMatch(/Sora/);

    const notices = channelMsgs(modlogId).slice(modlogBefore);
    expect(notices).toHaveLength(1);
    expect(String(notices[0]!.content)).toMatch(/switched off/);
    expect(String(notices[0]!.content)).toMatch(/Send Messages/);
    expect(notices[0]!.allowed_mentions).toEqual({ parse: [] });
  });

  // Product bug (see report): src/digest/pipeline.ts describeDestination names a Discord channel by its
  // raw snowflake ("channel 1574…"), which moderators cannot click or recognise; <#id> or #news would do.
  it("the moderators' notice names the channel so they can find it", () => {
    const notice = String(channelMsgs(modlogId).at(-1)?.content ?? "");
    expect(notice).toMatch(new RegExp(`<#${newsId}>|#news`));
  });

  // Product bug (see report): the reason already ends with a full stop and pipeline.ts appends ". ",
  // so the notice reads "… and Embed Links.. Fix the permissions …".
  it("the moderators' notice reads as clean sentences", () => {
    const notice = String(channelMsgs(modlogId).at(-1)?.content ?? "");
    expect(notice).toContain("switched off");
    expect(notice).not.toMatch(/\.\./);
  });

  it("/status shows the channel's digest as off, with the reason", async () => {
    const status = await run(modId, modlogId, "status", undefined);
    expect(status).toMatch(/off: The bot lacks a permission/);
    expect(status).toContain("Send Messages");
  });
});
