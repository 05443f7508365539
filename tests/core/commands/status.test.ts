import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { harness, NOW, placeB, type Harness } from "./command-fixture.js";

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});
const mod = { moderator: true };

describe("status", () => {
  it("says how to start when nothing is set up", async () => {
    const t = await h.text("status", {}, mod);
    expect(t).toContain("No channel gets a digest yet");
    expect(t).toContain("No community feeds (add one with /feed add).");
    expect(t).toContain("Moderator notices are not sent anywhere");
  });

  it("reports each destination, failing feeds with their error, and recent problems — for this community only", async () => {
    const news = { chatId: "news", threadId: null, name: "#news", communityId: "discord:A" };
    const quiet = { chatId: "quiet", threadId: null, name: "#quiet", communityId: "discord:A" };
    await h.run("channel set", { time: "07:00", zone: "Europe/Paris" }, { ...mod, target: news });
    await h.run("channel follow", { topic: "openai" }, { ...mod, target: news });
    await h.run("channel follow", { topic: "agents" }, { ...mod, target: quiet });
    await h.run("notices", {}, { ...mod, target: news });
    await h.run("channel set", {}, { ...mod, place: placeB });
    const newsDest = (await h.store.destinations.find("discord", "news", null))!;
    const quietDest = (await h.store.destinations.find("discord", "quiet", null))!;
    await h.store.destinations.deactivate(quietDest.id, "the bot lost access to the channel");

    const claim = await h.store.deliveries.claim({ destinationId: newsDest.id, digestKey: "2026-11-24", instanceId: "i1", storyIds: [], now: NOW, leaseMs: 60_000 });
    await h.store.deliveries.fail(claim.delivery.id, "Missing Permissions", true, NOW);

    const feed = await h.store.feeds.add({ url: "https://broken.example/rss", scope: { kind: "community", communityId: "discord:A" }, title: "Broken" }, NOW);
    await h.store.feeds.update(feed.id, { health: { consecutiveFailures: 3, lastError: "HTTP 500 from server", failingSince: NOW } });
    await h.store.feeds.add({ url: "https://fine.example/rss", scope: { kind: "community", communityId: "discord:A" } }, NOW);

    const r = await h.run("status", {}, { ...mod, target: news });
    const fields = r.blocks.find((b) => b.kind === "fields");
    expect(fields?.kind === "fields" && fields.fields.map((f) => f.name).sort()).toEqual(["#quiet", "#news"].sort());
    const t = await h.text("status", {}, { ...mod, target: news });
    expect(t).toContain("Digest status — Server A");
    expect(t).toContain("#news: on\ntime: 07:00 (Europe/Paris), next Wed 25 Nov, 07:00\ntopics: OpenAI");
    expect(t).toContain("last digest: 2026-11-24, failed: Missing Permissions");
    expect(t).toContain("#quiet: off: the bot lost access to the channel");
    expect(t).toContain("1 of 2 community feeds failing:");
    expect(t).toContain("Broken — failing (3×): HTTP 500 from server");
    expect(t).toContain("#news: digest 2026-11-24 failed — Missing Permissions");
    expect(t).toContain("Moderator notices go to #news.");
    expect(t).not.toContain("chanB");
  });

  it("counts a single feed in the singular", async () => {
    const feed = await h.store.feeds.add({ url: "https://one.example/rss", scope: { kind: "community", communityId: "discord:A" } }, NOW);
    expect(await h.text("status", {}, mod)).toContain("1 community feed, none failing.");
    await h.store.feeds.update(feed.id, { health: { consecutiveFailures: 1, lastError: "HTTP 500", failingSince: NOW } });
    expect(await h.text("status", {}, mod)).toContain("1 of 1 community feed failing:");
  });

  it("names a chat that is the community itself (a Telegram group) by its title, not its id", async () => {
    const group = { platform: "telegram" as const, communityId: "telegram:-1001", communityName: "AI Fans", chatId: "-1001", threadId: null, isPrivate: false };
    expect(await h.text("channel set", { time: "07:00" }, { ...mod, place: group })).toContain("Daily digest set up for AI Fans at 07:00");
    const t = await h.text("status", {}, { ...mod, place: group });
    expect(t).toContain("AI Fans: on");
    expect(t).not.toContain("-1001");
  });
});

describe("status and the notices-only channel", () => {
  it("shows it once, as where moderator notices go — not as an off digest nor a problem", async () => {
    const modlog = { chatId: "modlog", threadId: null, name: "#mod-log", communityId: "discord:A" };
    await h.run("notices", {}, { ...mod, target: modlog });
    const r = await h.run("status", {}, mod);
    const fields = r.blocks.flatMap((b) => (b.kind === "fields" ? b.fields : []));
    expect(fields).toEqual([{ name: "#mod-log", value: expect.stringContaining("moderator notices go here") }]);
    const t = await h.text("status", {}, mod);
    expect(t.split("#mod-log")).toHaveLength(2);
    expect(t).not.toContain("moderator notices only");
    expect(t).toContain("No channel gets a digest yet");
    expect(t).toMatch(/Recent problems\s+None\./);
  });
});
