import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { complete, completeFor } from "../../../src/core/commands/complete.js";
import { commands } from "../../../src/core/commands/registry.js";
import { dmPlace, harness, placeA, type Harness } from "./command-fixture.js";

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

describe("registry", () => {
  it("declares every command once, with Discord-friendly names (one word or group + subcommand)", () => {
    const names = commands.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const c of commands) {
      expect(c.name, c.name).toMatch(/^[a-z-]+( [a-z-]+)?$/);
      expect(c.description.length, c.name).toBeLessThanOrEqual(100);
      const words = c.name.split(" ");
      // A visible command cannot be both a command and a group in Discord.
      if (!c.hidden && words.length === 1) expect(names.some((n) => n.startsWith(`${c.name} `) && !commands.find((d) => d.name === n)?.hidden), c.name).toBe(false);
    }
    for (const n of ["topics", "subscribe", "unsubscribe", "digest", "settings", "help", "channel set", "channel show", "channel off", "filter add", "feed add", "topic create", "status", "preview", "notices"]) {
      expect(names).toContain(n);
    }
  });
});

describe("help", () => {
  it("shows member commands to members and moderator commands to moderators, never hidden ones", async () => {
    const member = await h.text("help");
    expect(member).toContain("/subscribe <topic>");
    expect(member).not.toContain("/channel set");
    expect(member).not.toContain("confirm");
    const moderator = await h.text("help", {}, { moderator: true });
    expect(moderator).toContain("/channel set [time] [zone] [channel]");
    expect(moderator).toContain("/feed add <url>");
    expect(moderator).not.toContain("confirm");
    const dm = await h.text("help", {}, { place: dmPlace("u1") });
    expect(dm).toContain("/settings [time] [zone]");
    expect(dm).not.toContain("/status");
  });
});

describe("complete", () => {
  it("completes topics by prefix first, then substring, including the community's own", async () => {
    await h.run("topic create", { name: "Robots", keywords: "robot" }, { moderator: true });
    const ctx = { store: h.store, communityId: "discord:A" };
    const open = await complete("topic", "open", ctx);
    expect(open[0]?.value).toMatch(/^open/);
    expect(open.map((s) => s.value)).toContain("openai");
    // Custom topics are offered by name; their internal id is only the value sent back.
    expect(await complete("custom-topic", "", ctx)).toEqual([{ name: "Robots", value: expect.stringMatching(/^c\./) }]);
    expect((await complete("topic", "openai", ctx))[0]?.name).toBe("OpenAI (openai)");
    expect(await complete("custom-topic", "", { store: h.store, communityId: "discord:B" })).toEqual([]);
    const multi = await complete("topic", "openai, anthr", ctx);
    expect(multi[0]?.value).toBe("openai,anthropic");
  });

  it("completes followed topics from the member's DM and the channel here", async () => {
    await h.run("subscribe", { topic: "openai" });
    await h.run("channel follow", { topic: "agents" }, { moderator: true });
    const got = await completeFor("followed-topic", "", { deps: h.deps, place: placeA, userId: "u1" });
    expect(got.map((s) => s.value).sort()).toEqual(["agents", "openai"]);
    const other = await completeFor("followed-topic", "", { deps: h.deps, place: placeA, userId: "u2" });
    expect(other.map((s) => s.value)).toEqual(["agents"]);
  });

  it("names a followed custom topic from another community by its name in a DM, never its id", async () => {
    await h.run("topic create", { name: "Humanoid Robots", keywords: "humanoid" }, { moderator: true });
    await h.run("subscribe", { topic: "Humanoid Robots" });
    const got = await completeFor("followed-topic", "", { deps: h.deps, place: dmPlace("u1"), userId: "u1" });
    expect(got.map((s) => s.name)).toEqual(["Humanoid Robots"]);
  });

  it("completes time zones and community feeds, at most 25, names at most 100 chars", async () => {
    const zones = await complete("timezone", "berl", { store: h.store, communityId: null });
    expect(zones[0]).toEqual({ name: "Europe/Berlin", value: "Europe/Berlin" });
    expect((await complete("timezone", "", { store: h.store, communityId: null })).length).toBe(25);
    expect((await complete("timezone", "utc", { store: h.store, communityId: null }))[0]?.value).toBe("UTC");
    const f = await h.store.feeds.add({ url: "https://robots.example/feed.xml", scope: { kind: "community", communityId: "discord:A" }, title: "R".repeat(150) }, new Date());
    const feeds = await complete("feed", "robots", { store: h.store, communityId: "discord:A" });
    expect(feeds).toHaveLength(1);
    expect(feeds[0]?.value).toBe(f.id);
    expect(feeds[0]!.name.length).toBeLessThanOrEqual(100);
    expect(await complete("feed", "", { store: h.store, communityId: "discord:B" })).toEqual([]);
  });
});
