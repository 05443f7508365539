import { Client, DiscordAPIError, Events, GatewayIntentBits, type AnyThreadChannel, type Channel } from "discord.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startFakeDiscord, type FakeDiscord } from "./fake-discord.js";
import { DEFAULT_BOT_PERMISSIONS, Perm } from "./permission-bits.js";

async function apiCode(p: Promise<unknown>): Promise<number | string | undefined> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof DiscordAPIError)) throw new Error(`expected DiscordAPIError, got ${String(err)}`);
  return err.code;
}

describe("fake Discord: thread lifecycle (modify, delete)", () => {
  let d: FakeDiscord;
  let client: Client<true>;
  let guildId: string;
  const deletedThreads: AnyThreadChannel[] = [];
  const deletedChannels: Channel[] = [];
  const rawThreadDeletes: unknown[] = [];

  beforeAll(async () => {
    d = await startFakeDiscord();
    guildId = d.addGuild({ name: "AI News" }).id;
    client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: d.restBase, retries: 0 } });
    client.on(Events.ThreadDelete, (t) => void deletedThreads.push(t));
    client.on(Events.ChannelDelete, (c) => void deletedChannels.push(c));
    client.on(Events.Raw, (p: { t?: string; d?: unknown }) => {
      if (p.t === "THREAD_DELETE") rawThreadDeletes.push(p.d);
    });
    const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
    await client.login(d.token);
    client = await ready;
  });
  afterAll(async () => {
    await client?.destroy();
    await d?.close();
  });
  afterEach(() => {
    expect(d.internalErrors()).toEqual([]);
  });

  async function thread(name: string, opts: { archived?: boolean; locked?: boolean; ownerId?: string; parentId?: string } = {}) {
    const parentId = opts.parentId ?? d.addChannel(guildId, { name: `${name}-parent` }).id;
    const t = d.addChannel(guildId, { name, type: 11, parentId, ...opts });
    await expect.poll(() => client.channels.cache.has(t.id)).toBe(true);
    const ch = client.channels.cache.get(t.id);
    if (!ch?.isThread()) throw new Error("not a thread");
    return { id: t.id, parentId, ch };
  }

  it("reopens an archived, unlocked thread for anyone who may post there, and announces it", async () => {
    // A member's thread: the bot does not own it and has no Manage Threads (Discord: Send Messages suffices).
    const { id, ch } = await thread("old", { archived: true, ownerId: d.addMember(guildId, { username: "starter" }).userId });
    expect(ch.archived).toBe(true);
    expect(await apiCode(client.rest.post(`/channels/${id}/messages`, { body: { content: "hi" } }))).toBe(50083);
    const edited = await ch.setArchived(false);
    expect(edited.archived).toBe(false);
    expect(d.state.channels.get(id)?.archived).toBe(false);
    await expect.poll(() => (client.channels.cache.get(id) as AnyThreadChannel | undefined)?.archived).toBe(false);
    await client.rest.post(`/channels/${id}/messages`, { body: { content: "hi" } });
    expect(d.messages(id)).toHaveLength(1);
  });

  it("refuses to reopen a locked thread without Manage Threads, and lets a bot with it", async () => {
    const { id, parentId, ch } = await thread("locked", { archived: true, locked: true });
    expect(await apiCode(ch.setArchived(false))).toBe(50013);
    expect(d.state.channels.get(id)?.archived).toBe(true);
    d.setBotPermissions(parentId, DEFAULT_BOT_PERMISSIONS | Perm.ManageThreads);
    await client.rest.patch(`/channels/${id}`, { body: { archived: false } });
    expect(d.state.channels.get(id)).toMatchObject({ archived: false, locked: true });
  });

  it("needs the right to post in threads to reopen one, and changes nothing else while archived", async () => {
    const { id, parentId } = await thread("muted", { archived: true });
    d.setBotPermissions(parentId, Perm.ViewChannel | Perm.SendMessages);
    expect(await apiCode(client.rest.patch(`/channels/${id}`, { body: { archived: false } }))).toBe(50013);
    d.setBotPermissions(parentId, DEFAULT_BOT_PERMISSIONS);
    expect(await apiCode(client.rest.patch(`/channels/${id}`, { body: { name: "renamed" } }))).toBe(50083);
    expect(await apiCode(client.rest.patch(`/channels/${id}`, { body: { archived: "no" } }))).toBe(50035);
    expect(await apiCode(client.rest.patch(`/channels/${id}`, { body: { locked: true, archived: false } }))).toBe(50013);
    expect(d.state.channels.get(id)).toMatchObject({ archived: true, locked: false, name: "muted" });
  });

  it("deletes a thread with THREAD_DELETE, even one discord.js never cached", async () => {
    const { id, parentId } = await thread("doomed");
    d.deleteChannel(id);
    await expect.poll(() => deletedThreads.map((t) => t.id)).toContain(id);
    expect(deletedThreads.find((t) => t.id === id)?.parentId).toBe(parentId);
    expect(d.state.channels.has(id)).toBe(false);
    expect(await apiCode(client.rest.post(`/channels/${id}/messages`, { body: { content: "x" } }))).toBe(10003);

    // Archived threads are not in GUILD_CREATE: after a reconnect discord.js has no such thread to emit.
    const uncached = await thread("archived-long-ago", { archived: true });
    client.channels.cache.delete(uncached.id);
    d.deleteChannel(uncached.id);
    await expect.poll(() => rawThreadDeletes).toContainEqual({ id: uncached.id, guild_id: guildId, parent_id: uncached.parentId, type: 11 });
    expect(deletedThreads.map((t) => t.id)).not.toContain(uncached.id);
  });

  it("deletes a channel with CHANNEL_DELETE and takes its threads along", async () => {
    const parent = d.addChannel(guildId, { name: "gone" });
    const { id } = await thread("child", { parentId: parent.id });
    d.deleteChannel(parent.id);
    await expect.poll(() => deletedChannels.map((c) => c.id)).toContain(parent.id);
    expect(d.state.channels.has(id)).toBe(false);
    expect(rawThreadDeletes).not.toContainEqual(expect.objectContaining({ id }));
  });
});
