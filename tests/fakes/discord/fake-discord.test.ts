import {
  ChannelType,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  MessageFlags,
  type Guild,
  type Interaction,
} from "discord.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startFakeDiscord, type FakeDiscord } from "./fake-discord.js";
import { DEFAULT_BOT_PERMISSIONS, Perm } from "./permission-bits.js";

async function connect(d: FakeDiscord): Promise<Client<true>> {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: d.restBase } });
  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  await client.login(d.token);
  return ready;
}

async function sendable(client: Client, channelId: string) {
  const ch = await client.channels.fetch(channelId);
  if (!ch?.isSendable()) throw new Error(`channel ${channelId} not sendable`);
  return ch;
}

async function apiError(p: Promise<unknown>): Promise<DiscordAPIError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof DiscordAPIError)) throw new Error(`expected DiscordAPIError, got ${String(err)}`);
  return err;
}

describe("fake Discord with the real discord.js client", () => {
  let d: FakeDiscord;
  let client: Client<true>;
  let guildId: string;
  let channelId: string;
  let userId: string;
  let handler: ((i: Interaction) => Promise<void>) | undefined;

  beforeAll(async () => {
    // Roomy message buckets: pacing is covered by its own test below.
    d = await startFakeDiscord({ channelBucket: { limit: 50, windowMs: 1000 } });
    const g = d.addGuild({ name: "AI News" });
    guildId = g.id;
    channelId = d.addChannel(guildId, { name: "news" }).id;
    userId = d.addMember(guildId, { username: "alice", permissions: Perm.ManageGuild }).userId;
    client = await connect(d);
    client.on(Events.InteractionCreate, (i) => void handler?.(i));
  });
  afterAll(async () => {
    await client?.destroy();
    await d?.close();
  });
  afterEach(() => {
    handler = undefined;
    expect(d.internalErrors()).toEqual([]);
  });

  it("delivers READY and GUILD_CREATE so the guild, channels and bot permissions are cached", () => {
    const guild = client.guilds.cache.get(guildId) as Guild;
    expect(guild.name).toBe("AI News");
    expect(guild.channels.cache.get(channelId)?.name).toBe("news");
    expect(client.user.id).toBe(d.botUserId);
    expect(client.application.id).toBe(d.applicationId);
    expect(guild.members.me?.permissions.bitfield).toBe(DEFAULT_BOT_PERMISSIONS);
  });

  it("dispatches a slash command and records the ephemeral reply", async () => {
    handler = async (i) => {
      if (!i.isChatInputCommand()) return;
      const canManage = i.memberPermissions?.has("ManageGuild") ?? false;
      await i.reply({ content: `pong ${i.options.getString("topic")} ${canManage}`, flags: MessageFlags.Ephemeral });
    };
    const rec = await d.interact({ guildId, channelId, userId, name: "ping", options: { topic: "llm" } });
    expect(rec.callback?.type).toBe(4);
    expect(rec.callback?.data?.content).toBe("pong llm true");
    expect(Number(rec.callback?.data?.flags) & 64).toBe(64);
    expect(rec.latencyMs).toBeGreaterThanOrEqual(0);
    // Ephemeral replies are seen only by the invoker, never in the channel history.
    expect(d.messages(channelId).some((m) => m.content === "pong llm true")).toBe(false);
  });

  it("resolves sub-command groups and typed options from the registered command", async () => {
    await client.application.commands.set(
      [
        {
          name: "feeds",
          description: "Manage feeds",
          options: [
            {
              type: 2,
              name: "admin",
              description: "admin",
              options: [
                {
                  type: 1,
                  name: "add",
                  description: "add",
                  options: [
                    { type: 3, name: "url", description: "url", required: true },
                    { type: 4, name: "weight", description: "weight" },
                    { type: 7, name: "target", description: "target" },
                  ],
                },
              ],
            },
          ],
        },
      ],
      guildId,
    );
    handler = async (i) => {
      if (!i.isChatInputCommand()) return;
      const o = i.options;
      const target = o.getChannel("target");
      await i.reply(`${o.getSubcommandGroup()}/${o.getSubcommand()} ${o.getString("url")} ${o.getInteger("weight")} ${target?.id}`);
    };
    const rec = await d.interact({
      guildId,
      channelId,
      userId,
      name: "feeds",
      subcommandGroup: "admin",
      subcommand: "add",
      options: { url: "https://example.org/feed", weight: 3, target: channelId },
    });
    expect(rec.callback?.data?.content).toBe(`admin/add https://example.org/feed 3 ${channelId}`);
    expect(d.messages(channelId).at(-1)?.content).toBe(rec.callback?.data?.content);
  });

  it("dispatches DM interactions with a user instead of a member", async () => {
    handler = async (i) => {
      if (i.isChatInputCommand()) await i.reply(`dm ${i.inGuild()} ${i.user.username}`);
    };
    const rec = await d.interact({ userId, name: "ping" });
    expect(rec.callback?.data?.content).toBe("dm false alice");
    expect(d.dms(userId).map((m) => m.content)).toContain("dm false alice");
    await expect(d.interact({ guildId, channelId, userId: "42", name: "ping" })).rejects.toThrow(/unknown user/);
  });

  it("returns the callback resource when discord.js asks withResponse", async () => {
    let messageId: string | undefined;
    handler = async (i) => {
      if (!i.isChatInputCommand()) return;
      const res = await i.reply({ content: "with response", withResponse: true });
      messageId = res.resource?.message?.id;
    };
    const rec = await d.interact({ guildId, channelId, userId, name: "ping" });
    await expect.poll(() => messageId).toBe(rec.original?.id);
    expect(d.messages(channelId).at(-1)?.content).toBe("with response");
  });

  it("reads the JSON part of multipart sends with files", async () => {
    const ch = await sendable(client, channelId);
    const sent = await ch.send({ content: "see file", files: [{ attachment: Buffer.from("digest"), name: "digest.txt" }] });
    expect(d.messages(channelId).find((m) => m.id === sent.id)?.content).toBe("see file");
  });

  it("records deferred replies, edits and follow-ups", async () => {
    handler = async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.deferReply();
      await i.editReply("digest ready");
      await i.followUp({ content: "more", flags: MessageFlags.Ephemeral });
      const reply = await i.fetchReply();
      await i.followUp(`original was ${reply.content}`);
    };
    const rec = await d.interact({ guildId, channelId, userId, name: "digest" });
    expect(rec.callback?.type).toBe(5);
    await expect.poll(() => rec.followUps.length).toBe(2);
    expect(rec.original?.content).toBe("digest ready");
    expect(Number(rec.original?.flags) & 128).toBe(0);
    expect(rec.followUps.map((m) => m.content)).toEqual(["more", "original was digest ready"]);
  });

  it("answers autocomplete and message components", async () => {
    handler = async (i) => {
      if (i.isAutocomplete()) await i.respond([{ name: `${i.options.getFocused()}-1`, value: "a" }]);
      if (i.isButton()) await i.update({ content: `clicked ${i.customId}` });
    };
    const ac = await d.interact({ type: 4, guildId, channelId, userId, name: "feeds", subcommandGroup: "admin", subcommand: "add", options: { url: "htt" }, focused: "url" });
    expect(ac.callback).toMatchObject({ type: 8, data: { choices: [{ name: "htt-1", value: "a" }] } });

    const ch = await sendable(client, channelId);
    const host = await ch.send("pick one");
    const btn = await d.interact({ type: 3, guildId, channelId, userId, customId: "more", messageId: host.id });
    expect(btn.callback?.type).toBe(7);
    expect(d.messages(channelId).find((m) => m.id === host.id)?.content).toBe("clicked more");
  });

  it("stores channel messages with embeds and allowed_mentions", async () => {
    const ch = await sendable(client, channelId);
    const sent = await ch.send({
      content: "Today in AI",
      embeds: [{ title: "GPT news", url: "https://example.org/a", description: "x", fields: [{ name: "a", value: "b" }] }],
      allowedMentions: { parse: [] },
    });
    const stored = d.messages(channelId).find((m) => m.id === sent.id);
    expect(stored?.embeds).toMatchObject([{ title: "GPT news", url: "https://example.org/a" }]);
    expect(stored?.allowed_mentions).toEqual({ parse: [] });
    const req = d.requests().findLast((r) => r.method === "POST" && r.path === `/channels/${channelId}/messages`);
    expect(req?.headers.authorization).toBeUndefined();
  });

  it("rejects an over-limit embed with 50035 and the field path", async () => {
    const ch = await sendable(client, channelId);
    const err = await apiError(ch.send({ embeds: [{ title: "t".repeat(257) }] }));
    expect(err.code).toBe(50035);
    expect(err.status).toBe(400);
    expect(JSON.stringify(err.rawError)).toContain('"title":{"_errors":[{"code":"BASE_TYPE_MAX_LENGTH"');
  });

  it("surfaces a scripted 50013 once, then lets the next send through", async () => {
    const ch = await sendable(client, channelId);
    d.failNext({ method: "POST", path: `/channels/${channelId}/messages`, status: 403, code: 50013, message: "Missing Permissions" });
    const err = await apiError(ch.send("blocked"));
    expect(err.code).toBe(50013);
    expect(err.status).toBe(403);
    await expect(ch.send("allowed")).resolves.toMatchObject({ content: "allowed" });
  });

  it("enforces the bot's channel permissions and archived threads", async () => {
    const locked = d.addChannel(guildId, { name: "locked" });
    const thread = d.addChannel(guildId, { name: "old", type: 11, parentId: channelId, archived: true });
    await expect.poll(() => client.channels.cache.has(thread.id)).toBe(true);
    const ch = await sendable(client, locked.id);
    d.setBotPermissions(locked.id, Perm.ViewChannel);
    expect((await apiError(ch.send("x"))).code).toBe(50013);
    d.setBotPermissions(locked.id, 0n);
    expect((await apiError(ch.send("x"))).code).toBe(50001);
    const th = await sendable(client, thread.id);
    expect((await apiError(th.send("x"))).code).toBe(50083);

    // Guild-wide: the bot's managed role changes and discord.js sees it through GUILD_ROLE_UPDATE.
    const me = () => client.guilds.cache.get(guildId)?.members.me?.permissions.bitfield;
    d.setBotPermissions(guildId, Perm.ViewChannel);
    await expect.poll(me).toBe(Perm.ViewChannel);
    expect((await apiError((await sendable(client, channelId)).send("x"))).code).toBe(50013);
    d.setBotPermissions(guildId, DEFAULT_BOT_PERMISSIONS);
    await expect.poll(me).toBe(DEFAULT_BOT_PERMISSIONS);
  });

  it("returns the original message for a repeated nonce with enforce_nonce", async () => {
    const ch = await sendable(client, channelId);
    const before = d.messages(channelId).length;
    const a = await ch.send({ content: "once", nonce: "digest-2024-01-01", enforceNonce: true });
    const b = await ch.send({ content: "once", nonce: "digest-2024-01-01", enforceNonce: true });
    expect(b.id).toBe(a.id);
    expect(d.messages(channelId).length).toBe(before + 1);
    const c = await ch.send({ content: "twice", nonce: "digest-2024-01-01" });
    expect(c.id).not.toBe(a.id);
  });

  it("registers global commands and reads them back", async () => {
    await client.application.commands.set([
      { name: "subscribe", description: "Subscribe this channel" },
      { name: "digest", description: "Post the digest now", defaultMemberPermissions: "32" },
    ]);
    const fetched = await client.application.commands.fetch();
    expect([...fetched.values()].map((c) => c.name).sort()).toEqual(["digest", "subscribe"]);
    expect(d.commands().find((c) => c.name === "digest")?.default_member_permissions).toBe("32");
    expect(d.commands(guildId).map((c) => c.name)).toEqual(["feeds"]);
    const bad = await apiError(client.application.commands.set([{ name: "Bad Name", description: "x" }]));
    expect(bad.code).toBe(50035);
  });

  it("creates forum posts with a first message, and DMs", async () => {
    const forum = d.addChannel(guildId, { name: "digests", type: 15 });
    await expect.poll(() => client.channels.cache.has(forum.id)).toBe(true);
    const fc = client.channels.cache.get(forum.id);
    if (fc?.type !== ChannelType.GuildForum) throw new Error("not a forum");
    const post = await fc.threads.create({ name: "Digest 1", message: { content: "hello forum" } });
    expect(post.parentId).toBe(forum.id);
    expect(d.messages(post.id).map((m) => m.content)).toEqual(["hello forum"]);

    await client.users.send(userId, "psst");
    expect(d.dms(userId).at(-1)?.content).toBe("psst");
  });

  it("announces removed guilds with GUILD_DELETE and resumes after a dropped socket", async () => {
    const extra = d.addGuild({ name: "Temp" });
    await expect.poll(() => client.guilds.cache.has(extra.id)).toBe(true);
    const gone = new Promise<string>((resolve) => client.once(Events.GuildDelete, (g) => resolve(g.id)));
    d.removeGuild(extra.id);
    expect(await gone).toBe(extra.id);

    d.dropGatewayConnections(4000);
    await expect.poll(() => d.gatewayStats().resumes, { timeout: 5000 }).toBe(1);
    handler = async (i) => {
      if (i.isChatInputCommand()) await i.reply("still here");
    };
    const rec = await d.interact({ guildId, channelId, userId, name: "ping" });
    expect(rec.callback?.data?.content).toBe("still here");
  });
});

describe("rate limits against discord.js's queue", () => {
  it("absorbs global 429s: every message lands and none was accepted over the cap", async () => {
    const d = await startFakeDiscord({ globalPerSecond: 4, channelBucket: { limit: 2, windowMs: 500 } });
    const client = await (async () => {
      const g = d.addGuild({ name: "Busy" });
      for (let i = 0; i < 3; i++) d.addChannel(g.id, { name: `c${i}` });
      return connect(d);
    })();
    try {
      const channels = [...client.channels.cache.values()].filter((c) => c.isSendable());
      const sends = channels.flatMap((c, i) => [1, 2, 3].map((n) => (c.isSendable() ? c.send(`m${i}-${n}`) : null)));
      await Promise.all(sends);
      for (const c of channels) expect(d.messages(c.id)).toHaveLength(3);
      const stats = d.rateLimitStats();
      expect(stats.limitedGlobal).toBeGreaterThan(0);
      expect(stats.overCapAccepted).toBe(0);
      const limited = d.requests().find((r) => r.status === 429);
      expect(limited).toBeDefined();
    } finally {
      await client.destroy();
      await d.close();
    }
  });
});
