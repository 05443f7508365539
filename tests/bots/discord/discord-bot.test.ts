import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { MODERATOR_ONLY } from "../../../src/core/commands/dispatch.js";
import type { Json } from "../../fakes/discord/fake-discord.js";
import { DEFAULT_BOT_PERMISSIONS, Perm } from "../../fakes/discord/permission-bits.js";
import { startHarness, type Harness } from "./harness.js";
import { testCommands } from "./test-commands.js";

const text = (data: Json | undefined): string =>
  ((data?.embeds as Json[] | undefined) ?? []).map((e) => String(e.description ?? "")).join("\n") + String(data?.content ?? "");

describe("Discord bot against the fake Discord", () => {
  let h: Harness;
  let guildId: string;
  let newsId: string;
  let modId: string;
  let memberId: string;

  beforeAll(async () => {
    h = await startHarness(testCommands, {
      fake: { channelBucket: { limit: 50, windowMs: 1000 } },
      bot: { ackBudgetMs: 150 },
      setup: (fake) => {
        const g = fake.addGuild({ name: "AI News" });
        guildId = g.id;
        newsId = fake.addChannel(guildId, { name: "news" }).id;
        modId = fake.addMember(guildId, { username: "ada", permissions: Perm.ManageGuild }).userId;
        memberId = fake.addMember(guildId, { username: "bob" }).userId;
      },
    });
  });
  afterAll(async () => {
    await h?.close();
  });
  afterEach(() => {
    expect(h.fake.internalErrors()).toEqual([]);
  });

  it("registers slash commands grouped the Discord way, with moderator defaults", () => {
    const cmds = h.fake.commands();
    expect(cmds.map((c) => c.name)).toEqual(["channel", "follow", "pick", "picks", "ping", "slow", "unpick"]);
    const channel = cmds.find((c) => c.name === "channel");
    const subs = channel?.options as Json[];
    expect(subs.map((s) => [s.name, s.type])).toEqual([
      ["set", 1],
      ["show", 1],
    ]);
    // Mixed audiences: the group stays visible; "channel set" is checked again at run time.
    expect(channel?.default_member_permissions).toBeNull();
    const set = subs[0]?.options as Json[];
    expect(set.find((o) => o.name === "channel")).toMatchObject({ type: 7, channel_types: [0, 5, 10, 11, 12, 15] });
    const follow = cmds.find((c) => c.name === "follow")?.options as Json[];
    expect(follow).toEqual([
      expect.objectContaining({ name: "topic", type: 3, required: true, autocomplete: true }),
      expect.objectContaining({ name: "max_stories", type: 4, required: false, min_value: 1, max_value: 50 }),
    ]);
  });

  it("does not register again when the definitions are unchanged", async () => {
    const puts = () => h.fake.requests().filter((r) => r.method === "PUT" && r.path.endsWith("/commands")).length;
    expect(puts()).toBe(1);
    const again = await startHarness(testCommands, { fakeDiscord: h.fake, store: h.store });
    await again.bot.stop();
    expect(puts()).toBe(1);
    const changed = await startHarness(testCommands.slice(0, 3), { fakeDiscord: h.fake, store: h.store });
    await changed.bot.stop();
    expect(puts()).toBe(2);
    expect(h.fake.commands().map((c) => c.name)).toEqual(["channel", "follow"]);
    // Put the full set back for the other tests.
    const restored = await startHarness(testCommands, { fakeDiscord: h.fake, store: h.store });
    await restored.bot.stop();
    expect(puts()).toBe(3);
  });

  it("lets a moderator set a channel: stored and confirmed, with no mentions allowed", async () => {
    const rec = await h.fake.interact({ guildId, channelId: newsId, userId: modId, name: "channel", subcommand: "set", options: { time: "07:30" } });
    expect(rec.callback?.type).toBe(4);
    expect(text(rec.callback?.data)).toContain("Daily digest set for #news at 07:30.");
    expect(rec.callback?.data?.allowed_mentions).toEqual({ parse: [] });
    expect(Number(rec.callback?.data?.flags ?? 0) & 64).toBe(0);
    const d = await h.store.destinations.find("discord", newsId, null);
    expect(d).toMatchObject({ communityId: `discord:${guildId}`, timeOfDay: "07:30", kind: "channel", active: true });
  });

  it("refuses a member without Manage Server, privately, and stores nothing", async () => {
    const other = h.fake.addChannel(guildId, { name: "other" });
    const rec = await h.fake.interact({ guildId, channelId: other.id, userId: memberId, name: "channel", subcommand: "set" });
    expect(text(rec.callback?.data)).toContain(MODERATOR_ONLY);
    expect(Number(rec.callback?.data?.flags) & 64).toBe(64);
    expect(await h.store.destinations.find("discord", other.id, null)).toBeNull();
  });

  it("names exactly the permissions the bot lacks in the chosen channel", async () => {
    const noEmbeds = h.fake.addChannel(guildId, { name: "no-embeds" });
    h.fake.setBotPermissions(noEmbeds.id, Perm.ViewChannel | Perm.SendMessages);
    await expect.poll(() => h.bot.client.channels.cache.get(noEmbeds.id)?.type).toBe(0);
    const rec = await h.fake.interact({ guildId, channelId: newsId, userId: modId, name: "channel", subcommand: "set", options: { channel: noEmbeds.id } });
    const said = text(rec.callback?.data);
    expect(said).toContain("#no-embeds");
    expect(said).toContain("missing Embed Links");
    expect(said).not.toContain("Send Messages");
    expect(await h.store.destinations.find("discord", noEmbeds.id, null)).toBeNull();

    const thread = h.fake.addChannel(guildId, { name: "daily", type: 11, parentId: noEmbeds.id });
    await expect.poll(() => h.bot.client.channels.cache.has(thread.id)).toBe(true);
    h.fake.setBotPermissions(noEmbeds.id, Perm.ViewChannel | Perm.EmbedLinks | Perm.SendMessages);
    await expect
      .poll(() => {
        const ch = h.bot.client.channels.cache.get(thread.id);
        return ch?.isThread() ? ch.permissionsFor(h.bot.client.user!)?.has(Perm.EmbedLinks) : undefined;
      })
      .toBe(true);
    const inThread = await h.fake.interact({ guildId, channelId: newsId, userId: modId, name: "channel", subcommand: "set", options: { channel: thread.id } });
    expect(text(inThread.callback?.data)).toContain("missing Send Messages in Threads");
  });

  it("saves a thread as parent channel + thread", async () => {
    const thread = h.fake.addChannel(guildId, { name: "digest-thread", type: 11, parentId: newsId });
    await expect.poll(() => h.bot.client.channels.cache.has(thread.id)).toBe(true);
    const rec = await h.fake.interact({ guildId, channelId: newsId, userId: modId, name: "channel", subcommand: "set", options: { channel: thread.id } });
    expect(text(rec.callback?.data)).toContain("digest-thread");
    expect(await h.store.destinations.find("discord", newsId, thread.id)).toMatchObject({ threadId: thread.id });
  });

  it("autocompletes topics with at most 25 choices, best matches first", async () => {
    const now = new Date();
    for (let i = 0; i < 40; i++) {
      await h.store.topics.upsert({ id: `topic-${i}`, name: `Topic ${i}`, description: "", keywords: [], exclude: [], communityId: null }, now);
    }
    await h.store.topics.upsert({ id: "robotics", name: "Robotics", description: "", keywords: [], exclude: [], communityId: null }, now);
    const all = await h.fake.interact({ type: 4, guildId, channelId: newsId, userId: memberId, name: "follow", options: { topic: "" }, focused: "topic" });
    expect(all.callback?.type).toBe(8);
    expect((all.callback?.data?.choices as Json[]).length).toBe(25);
    const rob = await h.fake.interact({ type: 4, guildId, channelId: newsId, userId: memberId, name: "follow", options: { topic: "rob" }, focused: "topic" });
    expect(rob.callback?.data?.choices).toEqual([{ name: "Robotics (robotics)", value: "robotics" }]);
  });

  it("passes typed options through and works in a DM", async () => {
    const rec = await h.fake.interact({ userId: memberId, name: "follow", options: { topic: "robotics", max_stories: 5 } });
    expect(text(rec.callback?.data)).toContain("Following robotics (5 stories).");
  });

  it("renders choices as buttons and runs their command on press, updating the message", async () => {
    const rec = await h.fake.interact({ guildId, channelId: newsId, userId: memberId, name: "ping" });
    const rows = rec.callback?.data?.components as Json[];
    const button = (rows[0]?.components as Json[])[0];
    expect(button).toMatchObject({ type: 2, label: "Again" });
    expect(String(button?.custom_id).length).toBeLessThanOrEqual(100);
    // Reply text from a command is escaped like feed text, and never pings.
    expect(text(rec.callback?.data)).toContain("@everyone pong \\*\\*loud\\*\\*");
    const host = h.fake.messages(newsId).at(-1);
    const press = await h.fake.interact({ type: 3, guildId, channelId: newsId, userId: memberId, customId: String(button?.custom_id), messageId: String(host?.id) });
    expect(press.callback?.type).toBe(7);
    expect(text(press.callback?.data)).toContain("pong #2");

    const stale = await h.fake.interact({ type: 3, guildId, channelId: newsId, userId: memberId, customId: "nd1~gone" });
    expect(text(stale.callback?.data)).toContain("expired");
  });

  it("redraws a private toggle view in place on press, with the result as a private follow-up", async () => {
    const labels = (data: Json | undefined) => ((data?.components as Json[] | undefined) ?? []).flatMap((r) => (r.components as Json[]).map((c) => String(c.label)));
    const idOf = (data: Json | undefined, label: string) =>
      String(((data?.components as Json[]).flatMap((r) => r.components as Json[]).find((c) => c.label === label) as Json).custom_id);
    const view = await h.fake.interact({ guildId, channelId: newsId, userId: memberId, name: "picks" });
    expect(view.callback?.data?.flags).toBe(64);
    expect(labels(view.callback?.data)).toEqual(["alpha", "beta", "gamma"]);

    const first = await h.fake.interact({ type: 3, guildId, channelId: newsId, userId: memberId, customId: idOf(view.callback?.data, "beta") });
    // The message stays the list, now with beta ticked once, and its buttons still redraw the list.
    expect(first.callback?.type).toBe(7);
    expect(text(first.callback?.data)).toContain(`Picks of ${memberId}: 1`);
    expect(labels(first.callback?.data)).toEqual(["alpha", "✓ beta", "gamma"]);
    await expect.poll(() => first.followUps.length).toBe(1);
    expect(text(first.followUps[0])).toContain("You picked beta.");
    expect(first.followUps[0]?.flags).toBe(64);

    const second = await h.fake.interact({ type: 3, guildId, channelId: newsId, userId: memberId, customId: idOf(first.callback?.data, "alpha") });
    expect(labels(second.callback?.data)).toEqual(["✓ alpha", "✓ beta", "gamma"]);
    const third = await h.fake.interact({ type: 3, guildId, channelId: newsId, userId: memberId, customId: idOf(second.callback?.data, "✓ beta") });
    expect(labels(third.callback?.data)).toEqual(["✓ alpha", "beta", "gamma"]);
    await expect.poll(() => text(third.followUps[0])).toContain("You dropped beta.");
  });

  it("defers a slow command within the deadline, then edits the answer in", async () => {
    const rec = await h.fake.interact({ guildId, channelId: newsId, userId: memberId, name: "slow" });
    expect(rec.callback?.type).toBe(5);
    await expect.poll(() => text(rec.original)).toContain("finally");
  });

  it("deactivates a server's destinations when the bot is removed from it", async () => {
    const g = h.fake.addGuild({ name: "Temp", botPermissions: DEFAULT_BOT_PERMISSIONS });
    const ch = h.fake.addChannel(g.id, { name: "news" });
    await expect.poll(() => h.bot.client.guilds.cache.has(g.id)).toBe(true);
    const d = await h.store.destinations.upsert(
      { platform: "discord", chatId: ch.id, kind: "channel", communityId: `discord:${g.id}`, timeOfDay: "08:00", timeZone: "UTC" },
      new Date(),
    );
    h.fake.removeGuild(g.id);
    await expect.poll(async () => (await h.store.destinations.get(d.id))?.active).toBe(false);
    expect((await h.store.destinations.get(d.id))?.inactiveReason).toContain("removed");
  });
});
