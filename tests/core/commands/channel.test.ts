import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dmPlace, harness, NOW, placeA, placeB, type Harness } from "./command-fixture.js";

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

const mod = { moderator: true };

describe("permissions and scope", () => {
  it("refuses a member on every moderator command, changing nothing", async () => {
    for (const command of ["channel set", "channel follow", "filter add", "feed add", "topic create", "status", "notices"]) {
      const r = await h.run(command, { topic: "openai", mode: "include", word: "x", url: "https://a.example/f", name: "Robots", keywords: "robot" });
      expect(r.error, command).toBe(true);
      // Read-only commands (status) say "use" rather than "change this"; both start alike.
      expect(r.blocks[0], command).toMatchObject({ text: expect.stringMatching(/^Only moderators can /) });
    }
    expect(await h.store.destinations.list()).toHaveLength(0);
    expect(await h.store.communities.list()).toHaveLength(0);
  });

  it("refuses community commands in a private chat", async () => {
    const r = await h.run("channel set", {}, { place: dmPlace("u1"), moderator: true });
    expect(r.error).toBe(true);
    expect(r.blocks[0]).toMatchObject({ text: expect.stringContaining("server or group") });
  });

  it("a moderator of community A cannot see or touch community B's destination", async () => {
    await h.run("channel set", { time: "09:00" }, { place: placeB, moderator: true });
    const bDest = (await h.store.destinations.list({ communityId: "discord:B" }))[0]!;

    // Through a target that names B's channel (e.g. a forged or stale reference) …
    const target = { chatId: "chanB", threadId: null, communityId: "discord:B" };
    for (const command of ["channel show", "channel off", "channel set", "filter list", "preview", "channel follow"]) {
      const r = await h.run(command, { topic: "openai" }, { place: placeA, moderator: true, target });
      expect(r.error, command).toBe(true);
      expect(r.blocks[0], command).toMatchObject({ text: "No digest is set up for that channel here." });
    }
    // … and through a confirmation button carrying B's destination id.
    const r = await h.run("confirm channel-off", { id: bDest.id }, { place: placeA, moderator: true });
    expect(r.error).toBe(true);
    expect(r.blocks[0]).toMatchObject({ text: "No digest is set up for that channel here." });

    const after = await h.store.destinations.get(bDest.id);
    expect(after).toMatchObject({ active: true, timeOfDay: "09:00", communityId: "discord:B" });
    expect(await h.store.subscriptions.list(bDest.id)).toEqual([]);
  });
});

describe("channel set / show / off", () => {
  it("sets a channel digest in the community, shows it, and switches it off after confirmation", async () => {
    const set = await h.run("channel set", { time: "07:45", zone: "Europe/Berlin" }, mod);
    expect(set.error).toBeUndefined();
    expect(set.blocks[0]).toMatchObject({ text: expect.stringContaining("set up for this channel at 07:45 (Europe/Berlin)") });
    const dest = await h.store.destinations.find("discord", "chanA", null);
    expect(dest).toMatchObject({ kind: "channel", communityId: "discord:A", timeOfDay: "07:45", timeZone: "Europe/Berlin", active: true });
    expect(await h.store.communities.get("discord:A")).toMatchObject({ name: "Server A", platform: "discord", externalId: "A" });

    await h.run("channel follow", { topic: "openai, agents" }, mod);
    const show = await h.text("channel show", {}, mod);
    expect(show).toContain("this channel: on");
    expect(show).toContain("time: 07:45 (Europe/Berlin), next Wed 25 Nov, 07:45");
    expect(show).toMatch(/topics: (OpenAI, Agents|Agents, OpenAI)/);
    expect(show).toContain("last digest: none yet");

    const ask = await h.run("channel off", {}, mod);
    expect((await h.store.destinations.get(dest!.id))?.active).toBe(true);
    const button = ask.choices?.[0]?.[0];
    expect(button).toMatchObject({ command: "confirm channel-off", args: { id: dest!.id }, style: "danger" });
    const off = await h.text(button!.command, button!.args, mod);
    expect(off).toContain("is off");
    expect(await h.store.destinations.get(dest!.id)).toMatchObject({ active: false, inactiveReason: "switched off by a moderator" });
    expect(await h.text("channel off", {}, mod)).toContain("already off");

    // Setting it again switches it back on and keeps its topics.
    await h.run("channel set", {}, mod);
    expect((await h.store.destinations.get(dest!.id))?.active).toBe(true);
    expect(await h.store.subscriptions.list(dest!.id)).toHaveLength(2);
  });

  it("configures a resolved target channel or thread, not the chat the command runs in", async () => {
    const target = { chatId: "chanA", threadId: "thread9", name: "#news › AI", communityId: "discord:A" };
    const r = await h.text("channel set", { time: "18:00" }, { ...mod, target });
    expect(r).toContain("#news › AI at 18:00 (Europe/London)");
    expect(await h.store.destinations.find("discord", "chanA", "thread9")).toMatchObject({ threadId: "thread9", timeOfDay: "18:00" });
    expect(await h.store.destinations.find("discord", "chanA", null)).toBeNull();
  });

  it("refuses a bad time or zone with a specific reply", async () => {
    expect(await h.text("channel set", { time: "24:00" }, mod)).toBe("time must be HH:MM (24-hour), e.g. 07:30");
    expect(await h.text("channel set", { time: "08:00", zone: "Mars/Olympus" }, mod)).toContain("unknown time zone 'Mars/Olympus'");
    expect(await h.store.destinations.list()).toHaveLength(0);
  });

  it("show and off on a channel without a digest say how to start one", async () => {
    const r = await h.run("channel show", {}, mod);
    expect(r.error).toBe(true);
    expect(r.blocks[0]).toMatchObject({ text: expect.stringContaining("/channel set") });
  });

  it("follow creates the digest with defaults; unfollow removes topics; a typo gets did-you-mean", async () => {
    const r = await h.text("channel follow", { topic: "anthropic" }, mod);
    expect(r).toContain("now follows Anthropic");
    expect(r).toContain("08:00 (Europe/London)");
    expect(await h.text("channel follow", { topic: "antropic" }, mod)).toBe("unknown topic 'antropic' — did you mean 'anthropic'?");
    expect(await h.text("channel unfollow", { topic: "openai" }, mod)).toContain("does not follow OpenAI");
    expect(await h.text("channel unfollow", { topic: "Anthropic" }, mod)).toContain("no longer follows Anthropic");
    const d = await h.store.destinations.find("discord", "chanA", null);
    expect(await h.store.subscriptions.list(d!.id)).toEqual([]);
  });
});

describe("filters", () => {
  it("adds, lists and removes include/exclude words on the channel's destination", async () => {
    expect(await h.text("filter add", { mode: "exclude", word: "crypto" }, mod)).toContain("/channel set");
    await h.run("channel set", {}, mod);
    const d = (await h.store.destinations.find("discord", "chanA", null))!;
    expect(await h.text("filter add", { mode: "exclude", word: "  Crypto   Scams " }, mod)).toContain('no stories mentioning "crypto scams"');
    expect(await h.text("filter add", { mode: "include", word: "robotics" }, mod)).toContain('only stories mentioning "robotics"');
    expect(await h.text("filter add", { mode: "include", word: "robotics" }, mod)).toContain("already set");
    expect((await h.store.filters.list(d.id)).map((f) => `${f.mode}:${f.word}`).sort()).toEqual(["exclude:crypto scams", "include:robotics"]);

    const list = await h.text("filter list", {}, mod);
    expect(list).toContain("crypto scams — exclude");
    expect(await h.text("filter add", { mode: "maybe", word: "x" }, mod)).toBe("mode must be one of: include, exclude");

    expect(await h.text("filter remove", { mode: "include", word: "nothing" }, mod)).toContain("There is no include filter");
    expect(await h.text("filter remove", { mode: "include", word: "Robotics" }, mod)).toContain("Removed");
    expect(await h.store.filters.list(d.id)).toEqual([{ destinationId: d.id, mode: "exclude", word: "crypto scams" }]);
  });
});

describe("notices and preview", () => {
  it("sets where moderator notices go, creating a topic-less destination if needed", async () => {
    const target = { chatId: "modlog", threadId: null, name: "#mod-log", communityId: "discord:A" };
    expect(await h.text("notices", {}, { ...mod, target })).toContain("#mod-log");
    const d = await h.store.destinations.find("discord", "modlog", null);
    expect((await h.store.communities.get("discord:A"))?.noticeDestinationId).toBe(d!.id);
    expect(await h.store.subscriptions.list(d!.id)).toEqual([]);
  });

  it("previews a channel that follows no topics as what it gets: stories on every AI topic", async () => {
    expect(await h.text("preview", {}, mod)).toContain("/channel set");
    await h.run("channel set", {}, mod);
    const r = await h.run("preview", {}, mod);
    expect(h.digests.calls.at(-1)?.topics).toEqual([]);
    expect(r.blocks[0]).toEqual({ kind: "text", text: "Preview for this channel (it follows no topics, so every AI topic)", style: "muted" });
    const doc = r.blocks.find((b) => b.kind === "digest");
    expect(doc?.kind === "digest" && doc.doc.stories.length).toBeGreaterThan(1);
  });

  it("says a topic-less channel gets every AI topic when nothing is new, and marks a switched-off digest", async () => {
    await h.run("channel set", {}, mod);
    const digests = h.deps.digests;
    h.deps.digests = { preview: async () => ({ title: "AI news", date: "2026-11-24", stories: [], more: 0 }) };
    expect(await h.text("preview", {}, mod)).toBe("Nothing new for this channel yet. It follows no topics, so it gets stories on every AI topic.");
    h.deps.digests = digests;
    const d = (await h.store.destinations.find("discord", "chanA", null))!;
    await h.store.destinations.deactivate(d.id, "switched off by a moderator");
    const r = await h.run("preview", {}, mod);
    expect(r.blocks[0]).toMatchObject({ text: "Preview for this channel (it follows no topics, so every AI topic; its digest is off)" });
  });

  it("previews the channel's digest through the digest service with its topics and filters", async () => {
    await h.run("channel follow", { topic: "agents" }, mod);
    await h.run("filter add", { mode: "exclude", word: "crypto" }, mod);
    const r = await h.run("preview", {}, mod);
    const doc = r.blocks.find((b) => b.kind === "digest");
    expect(doc?.kind === "digest" && doc.doc.stories.map((s) => s.id)).toEqual(["story-agents"]);
    const call = h.digests.calls.at(-1)!;
    expect(call.topics).toEqual(["agents"]);
    expect(call.filters).toEqual([expect.objectContaining({ mode: "exclude", word: "crypto" })]);
    expect(call.communityId).toBe("discord:A");
    // A preview records nothing.
    expect(await h.store.deliveries.deliveredStoryIds(call.destination!.id)).toEqual(new Set());
  });
});

describe("last digest", () => {
  it("a day completed with no message posted reads as nothing new, not as sent", async () => {
    await h.run("channel set", {}, mod);
    const d = (await h.store.destinations.find("discord", "chanA", null))!;
    const empty = await h.store.deliveries.claim({ destinationId: d.id, digestKey: "2026-11-23", instanceId: "i1", storyIds: [], now: NOW, leaseMs: 60_000 });
    await h.store.deliveries.complete(empty.delivery.id, NOW, "i1");
    const show = await h.text("channel show", {}, mod);
    expect(show).toContain("last digest: 2026-11-23, nothing new that day");
    expect(show).not.toContain("2026-11-23, sent");

    const later = new Date(NOW.getTime() + 60_000);
    const posted = await h.store.deliveries.claim({ destinationId: d.id, digestKey: "2026-11-24", instanceId: "i1", storyIds: ["s1"], now: later, leaseMs: 60_000 });
    await h.store.deliveries.recordMessage(posted.delivery.id, "m1");
    await h.store.deliveries.complete(posted.delivery.id, later, "i1");
    expect(await h.text("channel show", {}, mod)).toContain("last digest: 2026-11-24, sent");
  });
});

describe("naming channels and topics", () => {
  const group = { platform: "telegram" as const, communityId: "telegram:-1001000000009", communityName: "AI Fans", chatId: "-1001000000009", isPrivate: false };
  const inTopic = { ...group, threadId: "10" };
  const inGeneral = { ...group, threadId: null };

  it("a forum topic set up from inside it is 'this topic', and elsewhere 'topic 10 of <group>' — never the bare chat id", async () => {
    const set = await h.text("channel set", {}, { ...mod, place: inTopic });
    expect(set).toContain("Daily digest set up for this topic at");
    expect(await h.text("channel follow", { topic: "openai" }, { ...mod, place: inTopic })).toMatch(/^This topic now follows OpenAI\./);
    expect(await h.text("preview", {}, { ...mod, place: inTopic })).toContain("Preview for this topic");

    const status = await h.text("status", {}, { ...mod, place: inGeneral });
    expect(status).toContain("topic 10 of AI Fans: on");
    expect(status).not.toContain("-1001000000009");
  });

  it("uses the name the adapter gave, stored on the destination, from anywhere", async () => {
    const target = { chatId: "-1001000000009", threadId: "10", name: "AI Fans › Daily", communityId: "telegram:-1001000000009" };
    expect(await h.text("channel set", {}, { ...mod, place: inGeneral, target })).toContain("set up for AI Fans › Daily");
    expect((await h.store.destinations.find("telegram", "-1001000000009", "10"))?.name).toBe("AI Fans › Daily");
    expect(await h.text("status", {}, { ...mod, place: { ...group, threadId: "77" } })).toContain("AI Fans › Daily: on");
  });

  it("a Discord channel is 'this channel' where the command runs", async () => {
    expect(await h.text("channel set", {}, mod)).toContain("set up for this channel");
    expect(await h.text("channel show", {}, { ...mod, place: { ...placeA, chatId: "other" } })).toBe("No digest is set up for this channel yet. A moderator can start one with /channel set.");
  });
});
