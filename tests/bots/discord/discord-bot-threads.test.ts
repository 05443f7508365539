import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "./harness.js";

describe("Discord bot: deleted threads and channels (gateway, Guilds intent)", () => {
  let h: Harness;
  let guildId: string;

  beforeAll(async () => {
    h = await startHarness([], { setup: (fake) => void (guildId = fake.addGuild({ name: "AI News" }).id) });
  });
  afterAll(async () => {
    await h?.close();
  });
  afterEach(() => {
    expect(h.fake.internalErrors()).toEqual([]);
  });

  /** A channel with two threads, each a destination, and the channel itself one too. */
  async function setup(name: string) {
    const parent = h.fake.addChannel(guildId, { name });
    const a = h.fake.addChannel(guildId, { name: `${name}-a`, type: 11, parentId: parent.id });
    const b = h.fake.addChannel(guildId, { name: `${name}-b`, type: 11, parentId: parent.id });
    await expect.poll(() => h.bot.client.channels.cache.has(a.id) && h.bot.client.channels.cache.has(b.id)).toBe(true);
    const base = { platform: "discord", kind: "channel", communityId: `discord:${guildId}`, timeOfDay: "08:00", timeZone: "UTC" } as const;
    const now = new Date();
    return {
      parentId: parent.id,
      aId: a.id,
      inParent: await h.store.destinations.upsert({ ...base, chatId: parent.id }, now),
      inA: await h.store.destinations.upsert({ ...base, chatId: parent.id, threadId: a.id }, now),
      inB: await h.store.destinations.upsert({ ...base, chatId: parent.id, threadId: b.id }, now),
    };
  }
  const active = async (id: string) => (await h.store.destinations.get(id))?.active;

  it("a deleted thread switches off only that thread's destination", async () => {
    const s = await setup("news");
    h.fake.deleteChannel(s.aId);
    await expect.poll(() => active(s.inA.id)).toBe(false);
    expect((await h.store.destinations.get(s.inA.id))?.inactiveReason).toBe("The thread was deleted.");
    expect(await active(s.inB.id)).toBe(true);
    expect(await active(s.inParent.id)).toBe(true);
  });

  it("also when discord.js never cached the thread (archived before the bot started)", async () => {
    const s = await setup("old");
    // GUILD_CREATE lists active threads only, so after a restart an archived thread is not in the cache.
    h.bot.client.channels.cache.delete(s.aId);
    h.fake.deleteChannel(s.aId);
    await expect.poll(() => active(s.inA.id)).toBe(false);
    expect(await active(s.inB.id)).toBe(true);
    expect(await active(s.inParent.id)).toBe(true);
  });

  it("a deleted channel switches off the channel and every thread in it", async () => {
    const s = await setup("gone");
    h.fake.deleteChannel(s.parentId);
    await expect.poll(() => active(s.inParent.id)).toBe(false);
    expect((await h.store.destinations.get(s.inParent.id))?.inactiveReason).toBe("The channel was deleted.");
    expect(await active(s.inA.id)).toBe(false);
    expect(await active(s.inB.id)).toBe(false);
  });
});
