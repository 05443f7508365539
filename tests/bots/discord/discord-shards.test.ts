/**
 * Discord sharding through discord.js's own options, against the fake's shard routing: each guild's
 * interactions reach the one instance running its shard, and are answered exactly once.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { DiscordBotOptions } from "../../../src/bots/discord/discord-bot.js";
import { shardOf } from "../../fakes/discord/gateway.js";
import { startFakeDiscord, type FakeDiscord } from "../../fakes/discord/fake-discord.js";
import { startHarness, type Harness } from "./harness.js";
import { testCommands } from "./test-commands.js";

// Snowflakes whose timestamp part is even / odd: shard 0 / shard 1 of 2.
const GUILD_A = String(1_000_000_000n << 22n);
const GUILD_B = String(1_000_000_001n << 22n);

const callbacks = (fake: FakeDiscord, interactionId: string) =>
  fake.requests().filter((r) => r.method === "POST" && r.path.includes(`/interactions/${interactionId}/`)).length;

let fake: FakeDiscord | undefined;
const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.bot.stop();
  await fake?.close();
  fake = undefined;
});

function world(recommendedShards = 1): Promise<FakeDiscord> {
  return startFakeDiscord({ recommendedShards }).then((f) => {
    fake = f;
    for (const [id, name] of [
      [GUILD_A, "Shard zero"],
      [GUILD_B, "Shard one"],
    ] as const) {
      f.addGuild({ id, name });
      f.addChannel(id, { name: "news" });
    }
    return f;
  });
}

async function instance(f: FakeDiscord, shards: DiscordBotOptions["shards"]): Promise<Harness> {
  const h = await startHarness(testCommands, { fakeDiscord: f, bot: { shards } });
  harnesses.push(h);
  return h;
}

describe("Discord sharding", () => {
  it("routes guilds as Discord does: (guild_id >> 22) % count", () => {
    expect(shardOf(GUILD_A, 2)).toBe(0);
    expect(shardOf(GUILD_B, 2)).toBe(1);
    expect(shardOf(undefined, 2)).toBe(0);
  });

  it("two instances with DISCORD_SHARD_IDS 0 and 1 of 2: each guild is served by its shard's instance, once", async () => {
    const f = await world();
    const zero = await instance(f, { ids: [0], count: 2 });
    const one = await instance(f, { ids: [1], count: 2 });
    expect(f.connectedShards().sort()).toEqual(["0/2", "1/2"]);
    expect([...zero.bot.client.guilds.cache.keys()]).toEqual([GUILD_A]);
    expect([...one.bot.client.guilds.cache.keys()]).toEqual([GUILD_B]);
    for (const guildId of [GUILD_A, GUILD_B]) {
      const member = f.addMember(guildId, { username: `m${guildId.slice(-3)}` }).userId;
      const channelId = [...f.state.channels.values()].find((c) => c.guildId === guildId)!.id;
      const rec = await f.interact({ guildId, channelId, userId: member, name: "ping" });
      expect(rec.callback?.type).toBe(4);
      await new Promise((r) => setTimeout(r, 150));
      expect(callbacks(f, rec.id)).toBe(1);
    }
  });

  it("DISCORD_SHARDS=auto runs Discord's recommended count in one instance", async () => {
    const f = await world(2);
    const h = await instance(f, "auto");
    expect(f.connectedShards().sort()).toEqual(["0/2", "1/2"]);
    expect([...h.bot.client.guilds.cache.keys()].sort()).toEqual([GUILD_A, GUILD_B].sort());
  });
});
