/** The adapter with the real command registry: what moderators and members actually run. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../../src/core/commands/registry.js";
import type { Json } from "../../fakes/discord/fake-discord.js";
import { Perm } from "../../fakes/discord/permission-bits.js";
import { startHarness, type Harness } from "./harness.js";

const text = (data: Json | undefined): string =>
  ((data?.embeds as Json[] | undefined) ?? [])
    .flatMap((e) => [String(e.description ?? ""), ...((e.fields as Json[] | undefined) ?? []).map((f) => `${String(f.name)}: ${String(f.value)}`)])
    .join("\n") + String(data?.content ?? "");

describe("Discord bot with the real command registry", () => {
  let h: Harness;
  let guildId: string;
  let newsId: string;
  let modId: string;
  let memberId: string;

  beforeAll(async () => {
    h = await startHarness(commands, {
      setup: (fake) => {
        guildId = fake.addGuild({ name: "AI News" }).id;
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

  it("registers every visible command, accepted by Discord's validation, moderators' behind Manage Server", () => {
    const registered = h.fake.commands();
    const visible = commands.filter((c) => !c.hidden);
    const leaves = registered.flatMap((c) => {
      const subs = ((c.options as Json[] | undefined) ?? []).filter((o) => o.type === 1);
      return subs.length > 0 ? subs.map((s) => `${String(c.name)} ${String(s.name)}`) : [String(c.name)];
    });
    expect(leaves.sort()).toEqual(visible.map((c) => c.name).sort());
    expect(registered.find((c) => c.name === "channel")?.default_member_permissions).toBe("32");
    expect(registered.find((c) => c.name === "subscribe")?.default_member_permissions).toBeNull();
  });

  it("a moderator sets the channel's digest; it is stored and confirmed", async () => {
    const rec = await h.fake.interact({ guildId, channelId: newsId, userId: modId, name: "channel", subcommand: "set", options: { time: "07:30", zone: "Europe/Berlin" } });
    expect(text(rec.callback?.data ?? rec.original)).toContain("07:30");
    const d = await h.store.destinations.find("discord", newsId, null);
    expect(d).toMatchObject({ timeOfDay: "07:30", timeZone: "Europe/Berlin", active: true, communityId: `discord:${guildId}` });
  });

  it("a member without Manage Server is refused", async () => {
    const rec = await h.fake.interact({ guildId, channelId: newsId, userId: memberId, name: "channel", subcommand: "set", options: { time: "09:00" } });
    expect(text(rec.callback?.data)).toContain("Only moderators");
    expect((await h.store.destinations.find("discord", newsId, null))?.timeOfDay).toBe("07:30");
  });

  it("turns a channel off through the confirmation button", async () => {
    const rec = await h.fake.interact({ guildId, channelId: newsId, userId: modId, name: "channel", subcommand: "off" });
    const rows = (rec.callback?.data?.components ?? []) as Json[];
    const button = (rows[0]?.components as Json[] | undefined)?.[0];
    expect(button?.label).toBe("Stop digest");
    const press = await h.fake.interact({ type: 3, guildId, channelId: newsId, userId: modId, customId: String(button?.custom_id) });
    expect(press.callback?.type === 7 || press.callback?.type === 6).toBe(true);
    expect((await h.store.destinations.find("discord", newsId, null))?.active).toBe(false);
  });

  it("autocompletes topics with at most 25 choices", async () => {
    for (let i = 0; i < 40; i++) {
      await h.store.topics.upsert({ id: `t-${i}`, name: `Topic ${i}`, description: "", keywords: [], exclude: [], communityId: null }, new Date());
    }
    const rec = await h.fake.interact({ type: 4, guildId, channelId: newsId, userId: modId, name: "channel", subcommand: "follow", options: { topic: "top" }, focused: "topic" });
    const choices = rec.callback?.data?.choices as Json[];
    expect(choices.length).toBe(25);
    expect(choices.every((c) => String(c.value).startsWith("t-"))).toBe(true);
  });
});
