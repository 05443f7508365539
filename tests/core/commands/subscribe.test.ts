import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { replyToText } from "../../../src/core/commands/reply.js";
import { dmPlace, harness, placeA, type Harness } from "./command-fixture.js";

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

describe("subscribe / unsubscribe", () => {
  it("round-trips a personal follow on the member's DM destination (user id as DM chat on Discord)", async () => {
    const r = await h.run("subscribe", { topic: "OpenAI" }, { userId: "u1" });
    expect(r.error).toBeUndefined();
    expect(r.blocks[0]).toMatchObject({ kind: "text", text: expect.stringContaining("You now follow OpenAI") });
    const dm = await h.store.destinations.find("discord", "u1", null);
    expect(dm).toMatchObject({ kind: "dm", userId: "u1", timeOfDay: "08:00", timeZone: "Europe/London", communityId: null });
    expect(await h.store.subscriptions.list(dm!.id)).toEqual(["openai"]);

    const again = await h.text("subscribe", { topic: "openai" }, { userId: "u1" });
    expect(again).toContain("already follow");

    const off = await h.text("unsubscribe", { topic: "openai" }, { userId: "u1" });
    expect(off).toContain("no longer follow OpenAI");
    expect(await h.store.subscriptions.list(dm!.id)).toEqual([]);
  });

  it("a Discord member reaches the same DM destination from a server and from the DM channel", async () => {
    await h.run("subscribe", { topic: "openai" }, { userId: "u1", place: placeA });
    await h.run("subscribe", { topic: "agents" }, { userId: "u1", place: dmPlace("u1") });
    const dms = await h.store.destinations.list({ kind: "dm" });
    expect(dms).toHaveLength(1);
    expect(dms[0]).toMatchObject({ chatId: "u1", userId: "u1" });
    expect((await h.store.subscriptions.list(dms[0]!.id)).sort()).toEqual(["agents", "openai"]);
  });

  it("a server's custom topic followed there can be unfollowed from the DM", async () => {
    await h.text("topic create", { name: "Humanoid Robots", keywords: "humanoid" }, { moderator: true });
    expect(await h.text("subscribe", { topic: "humanoid robots" }, { userId: "u1", place: placeA })).toContain("Humanoid Robots");
    const off = await h.text("unsubscribe", { topic: "Humanoid Robots" }, { userId: "u1", place: dmPlace("u1") });
    expect(off).toContain("no longer follow Humanoid Robots");
    const dm = await h.store.destinations.find("discord", "u1", null);
    expect(await h.store.subscriptions.list(dm!.id)).toEqual([]);
  });

  it("in a Telegram private chat the chat itself (id = user id) is the DM destination", async () => {
    const place = { platform: "telegram" as const, communityId: null, chatId: "777", threadId: null, isPrivate: true };
    await h.run("subscribe", { topic: "anthropic" }, { place, userId: "777" });
    const dm = await h.store.destinations.find("telegram", "777", null);
    expect(dm?.kind).toBe("dm");
    expect(await h.store.subscriptions.list(dm!.id)).toEqual(["anthropic"]);
  });

  it("refuses a personal follow from an anonymous Telegram admin (who posts as the group itself)", async () => {
    const group = { platform: "telegram" as const, communityId: "telegram:-100", chatId: "-100", threadId: null, isPrivate: false };
    await h.run("channel follow", { topic: "openai" }, { place: group, moderator: true });
    const r = await h.run("subscribe", { topic: "agents" }, { place: group, userId: "-100", moderator: true });
    expect(r.error).toBe(true);
    expect(r.blocks[0]).toMatchObject({ text: expect.stringContaining("not anonymously") });
    const d = await h.store.destinations.find("telegram", "-100", null);
    expect(d).toMatchObject({ kind: "channel", timeOfDay: "08:00" });
    expect(await h.store.subscriptions.list(d!.id)).toEqual(["openai"]);
    expect(await h.store.destinations.list({ kind: "dm" })).toEqual([]);
  });

  it("accepts several topics separated by commas and keeps an existing DM time", async () => {
    await h.run("settings", { time: "06:15", zone: "Asia/Tokyo" });
    await h.run("subscribe", { topic: "openai, Anthropic ,agents" });
    const dm = await h.store.destinations.find("discord", "u1", null);
    expect(dm).toMatchObject({ timeOfDay: "06:15", timeZone: "Asia/Tokyo" });
    expect((await h.store.subscriptions.list(dm!.id)).sort()).toEqual(["agents", "anthropic", "openai"]);
  });

  it("answers a misspelt topic with did-you-mean and changes nothing", async () => {
    const r = await h.run("subscribe", { topic: "opneai" });
    expect(r.error).toBe(true);
    expect(r.blocks[0]).toEqual({ kind: "text", text: "unknown topic 'opneai' — did you mean 'openai'?" });
    expect(await h.store.destinations.find("discord", "u1", null)).toBeNull();
    const far = await h.text("subscribe", { topic: "zzzzqqqq" });
    expect(far).toBe("unknown topic 'zzzzqqqq' — see /topics for the list");
  });

  it("unsubscribe all asks for confirmation, and the confirm button clears every follow", async () => {
    await h.run("subscribe", { topic: "openai,anthropic" });
    const ask = await h.run("unsubscribe", { topic: "all" });
    const button = ask.choices?.[0]?.[0];
    expect(button).toMatchObject({ command: "confirm unsubscribe-all", style: "danger" });
    const dm = await h.store.destinations.find("discord", "u1", null);
    expect(await h.store.subscriptions.list(dm!.id)).toHaveLength(2);
    expect(replyToText(ask)).toBe("Stop following all 2 topics?");
    const done = await h.text(button!.command, button!.args);
    expect(done).toContain("2 removed");
    expect(await h.store.subscriptions.list(dm!.id)).toEqual([]);
    await h.run("subscribe", { topic: "openai" });
    expect(await h.text("unsubscribe", { topic: "all" })).toBe("Stop following your one topic?");
  });

  it("unsubscribing from a topic not followed says what is followed", async () => {
    await h.run("subscribe", { topic: "openai" });
    const r = await h.text("unsubscribe", { topic: "anthropic" });
    expect(r).toContain("were not following Anthropic");
    expect(r).toContain("You follow: OpenAI");
  });

  it("following again re-activates a DM digest switched off (e.g. the bot was blocked)", async () => {
    await h.run("subscribe", { topic: "openai" });
    const dm = await h.store.destinations.find("discord", "u1", null);
    await h.store.destinations.deactivate(dm!.id, "blocked");
    await h.run("subscribe", { topic: "agents" });
    expect((await h.store.destinations.get(dm!.id))?.active).toBe(true);
  });
});

describe("topics", () => {
  it("marks followed topics and offers subscribe/unsubscribe buttons with short args", async () => {
    await h.run("subscribe", { topic: "openai" });
    const r = await h.run("topics");
    const list = r.blocks.find((b) => b.kind === "list");
    expect(list?.kind === "list" && list.items.find((i) => i.text.startsWith("OpenAI"))?.marked).toBe(true);
    expect(list?.kind === "list" && list.items.find((i) => i.text.startsWith("Anthropic"))?.marked).toBe(false);
    const buttons = r.choices!.flat();
    expect(buttons.find((b) => b.args["topic"] === "openai")).toMatchObject({ command: "unsubscribe", selected: true });
    expect(buttons.find((b) => b.args["topic"] === "anthropic")).toMatchObject({ command: "subscribe" });
    for (const row of r.choices!) expect(row.length).toBeLessThanOrEqual(5);
    expect(buttons.length).toBeLessThanOrEqual(25);
    for (const b of buttons) expect(Buffer.byteLength(`${b.command} ${JSON.stringify(b.args)}`)).toBeLessThanOrEqual(64);
  });

  it("shows the channel's own follows when run in a channel with a digest", async () => {
    await h.run("channel follow", { topic: "agents" }, { moderator: true });
    const r = await h.run("topics", {}, { place: placeA });
    const list = r.blocks.find((b) => b.kind === "list");
    const agents = list?.kind === "list" ? list.items.find((i) => i.text.startsWith("Agents")) : undefined;
    expect(agents?.detail).toContain("this channel follows it");
    expect(agents?.marked).toBe(false);
  });
});

describe("digest", () => {
  it("says so when the member follows nothing, and suggests /topics", async () => {
    const r = await h.text("digest", {}, { place: dmPlace("u1") });
    expect(r).toContain("/topics");
    expect(h.digests.calls).toHaveLength(0);
  });

  it("previews the member's DM digest and marks its stories delivered", async () => {
    await h.run("subscribe", { topic: "openai" }, { place: dmPlace("u1") });
    const r = await h.run("digest", {}, { place: dmPlace("u1") });
    const block = r.blocks[0];
    expect(block?.kind).toBe("digest");
    expect(block?.kind === "digest" && block.doc.stories.map((s) => s.id)).toEqual(["story-openai"]);
    const dm = await h.store.destinations.find("discord", "u1", null);
    expect(h.digests.calls[0]?.destination?.id).toBe(dm!.id);
    expect(h.digests.calls[0]?.topics).toEqual(["openai"]);
    expect(await h.store.deliveries.deliveredStoryIds(dm!.id)).toEqual(new Set(["story-openai"]));
  });
});

describe("settings", () => {
  it("shows the defaults when nothing is set, without creating a destination", async () => {
    const r = await h.text("settings");
    expect(r).toContain("08:00 (Europe/London) — the default");
    expect(await h.store.destinations.list()).toHaveLength(0);
  });

  it("sets time and zone in either order and normalises them", async () => {
    expect(await h.text("settings", { time: "Europe/Berlin", zone: "7:30" })).toContain("07:30 (Europe/Berlin)");
    expect(await h.text("settings", { time: "america/new_york" })).toContain("07:30 (America/New_York)");
    const dm = await h.store.destinations.find("discord", "u1", null);
    expect(dm).toMatchObject({ timeOfDay: "07:30", timeZone: "America/New_York" });
    expect(await h.text("settings")).toContain("07:30 (America/New_York)");
  });

  it("refuses a bad time and an unknown zone with specific replies", async () => {
    const bad = await h.run("settings", { time: "25:99" });
    expect(bad.error).toBe(true);
    expect(bad.blocks[0]).toMatchObject({ text: "time must be HH:MM (24-hour), e.g. 07:30" });
    expect(await h.text("settings", { time: "7pm" })).toContain("time must be HH:MM (24-hour)");
    expect(await h.text("settings", { time: "08:00", zone: "Mars/Olympus" })).toContain("unknown time zone 'Mars/Olympus'");
    expect(await h.store.destinations.list()).toHaveLength(0);
  });
});

describe("reach advice", () => {
  it("is platform-specific for a member's first follow from a community", async () => {
    const dc = await h.text("subscribe", { topic: "openai" }, { userId: "u7" });
    expect(dc).toContain("allow direct messages from server members");
    expect(dc).not.toContain("open a private chat");
    const tg = { platform: "telegram" as const, communityId: "telegram:-100", chatId: "-100", threadId: null, isPrivate: false };
    const t = await h.text("subscribe", { topic: "openai" }, { userId: "5009", place: tg });
    expect(t).toContain("open a private chat with me");
  });
});
