/**
 * Two servers on one fake Discord, the bot in both. A moderator of server A names a channel of server B
 * in every command that takes a channel: each is refused, nothing is stored for B's channel, and B's own
 * moderator still configures it normally.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../../src/core/commands/registry.js";
import { commandPath } from "../../../src/bots/discord/slash-commands.js";
import type { Json } from "../../fakes/discord/fake-discord.js";
import { Perm } from "../../fakes/discord/permission-bits.js";
import { startHarness, type Harness } from "./harness.js";

const text = (data: Json | undefined): string =>
  ((data?.embeds as Json[] | undefined) ?? []).map((e) => String(e.description ?? "")).join("\n") + String(data?.content ?? "");

/** Values for the required arguments of the commands that take a channel. */
const REQUIRED: Record<string, string> = { mode: "exclude", word: "crypto", topic: "openai" };

const withChannel = commands.filter((c) => !c.hidden && Object.values(c.args).some((a) => a.type === "channel"));

describe("Discord: a channel of another server is refused by every command that takes one", () => {
  let h: Harness;
  let a: { guild: string; channel: string; mod: string };
  let b: { guild: string; channel: string; mod: string };

  beforeAll(async () => {
    h = await startHarness(commands, {
      bot: { ackBudgetMs: 1000 },
      setup: (fake) => {
        const make = (name: string) => {
          const guild = fake.addGuild({ name }).id;
          const channel = fake.addChannel(guild, { name: `${name.toLowerCase()}-news` }).id;
          const mod = fake.addMember(guild, { username: `${name}-mod`, permissions: Perm.ManageGuild }).userId;
          return { guild, channel, mod };
        };
        a = make("Alpha");
        b = make("Beta");
      },
    });
    for (let i = 0; i < 200 && h.bot.client.guilds.cache.size < 2; i++) await new Promise((r) => setTimeout(r, 25));
  });
  afterAll(async () => {
    await h?.close();
  });
  afterEach(() => {
    expect(h.fake.internalErrors()).toEqual([]);
  });

  it("covers every command with a channel argument", () => {
    expect(withChannel.map((c) => c.name).sort()).toEqual(
      ["channel follow", "channel off", "channel set", "channel show", "channel unfollow", "filter add", "filter list", "filter remove", "notices", "preview"].sort(),
    );
  });

  for (const def of withChannel) {
    it(`/${def.name} channel:<another server's channel> is refused and changes nothing`, async () => {
      const [name = "", subcommand] = commandPath(def.name);
      const options: Record<string, string> = { channel: b.channel };
      for (const [arg, spec] of Object.entries(def.args)) if (spec.required && REQUIRED[arg]) options[arg] = REQUIRED[arg];
      const rec = await h.fake.interact({ guildId: a.guild, channelId: a.channel, userId: a.mod, name, ...(subcommand ? { subcommand } : {}), options });
      expect(text(rec.callback?.data ?? rec.original)).toBe("That channel belongs to another server: pick a channel of this server.");
      expect(await h.store.destinations.find("discord", b.channel, null)).toBeNull();
      expect(h.fake.messages(b.channel)).toEqual([]);
    });
  }

  it("server B's moderator still sets up B's channel, and A's own channel still works for A", async () => {
    const inB = await h.fake.interact({ guildId: b.guild, channelId: b.channel, userId: b.mod, name: "channel", subcommand: "set", options: { time: "07:30" } });
    expect(text(inB.callback?.data)).toContain("Daily digest set up for #beta-news at 07:30");
    expect(await h.store.destinations.find("discord", b.channel, null)).toMatchObject({ communityId: `discord:${b.guild}` });
    const inA = await h.fake.interact({ guildId: a.guild, channelId: a.channel, userId: a.mod, name: "channel", subcommand: "set", options: { channel: a.channel } });
    expect(text(inA.callback?.data)).toContain("Daily digest set up for #alpha-news");
    // And A still cannot touch B's channel now that it has a digest.
    const off = await h.fake.interact({ guildId: a.guild, channelId: a.channel, userId: a.mod, name: "channel", subcommand: "off", options: { channel: b.channel } });
    expect(text(off.callback?.data)).toContain("belongs to another server");
    expect(await h.store.destinations.find("discord", b.channel, null)).toMatchObject({ active: true });
  });
});
