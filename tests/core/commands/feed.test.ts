import { afterEach, describe, expect, it } from "vitest";
import type { FeedCheck } from "../../../src/core/services.js";
import { harness, placeB, type Harness } from "./command-fixture.js";

let h: Harness;
afterEach(async () => {
  await h.close();
});

const mod = { moderator: true };
const ok = (url: string, title: string): FeedCheck => ({
  ok: true,
  url,
  title,
  items: [{ title: "Robots learn to fold laundry", url: `${url}#1`, publishedAt: new Date("2026-11-23T09:00:00Z") }],
});

describe("feed commands", () => {
  it("adds a feed after checking it, following the page's linked feed once", async () => {
    h = await harness({
      "https://robots.example/": { ok: false, code: "not-a-feed", reason: "that page is HTML", suggestedUrl: "https://robots.example/feed.xml" },
      "https://robots.example/feed.xml": ok("https://robots.example/feed.xml", "Robot Weekly"),
    });
    const r = await h.text("feed add", { url: "robots.example" }, mod);
    expect(r).toContain("Added Robot Weekly (1 recent item).");
    expect(h.feeds.checked).toEqual(["https://robots.example/", "https://robots.example/feed.xml"]);
    const feed = await h.store.feeds.findByUrl("https://robots.example/feed.xml", { kind: "community", communityId: "discord:A" });
    expect(feed?.title).toBe("Robot Weekly");
    expect(await h.text("feed add", { url: "https://robots.example/feed.xml" }, mod)).toContain("already has that feed");
  });

  it("refuses with the checker's reason and never follows a suggestion twice", async () => {
    h = await harness({
      "https://a.example/": { ok: false, code: "not-a-feed", reason: "no feed here", suggestedUrl: "https://a.example/page" },
      "https://a.example/page": { ok: false, code: "not-a-feed", reason: "still a page", suggestedUrl: "https://a.example/again" },
      "http://10.0.0.1/feed": { ok: false, code: "blocked", reason: "that address is on a private network" },
    });
    expect(await h.text("feed add", { url: "https://a.example/" }, mod)).toBe("That is not a feed we can read: still a page");
    expect(h.feeds.checked).toEqual(["https://a.example/", "https://a.example/page"]);
    expect(await h.text("feed add", { url: "http://10.0.0.1/feed" }, mod)).toContain("private network");
    expect(await h.text("feed add", { url: "ftp://x.example/feed" }, mod)).toBe("url: only http:// and https:// addresses are allowed");
    expect(await h.store.feeds.list({ includeDisabled: true })).toEqual([]);
  });

  it("lists, tests and removes (with confirmation) only this community's feeds", async () => {
    h = await harness({ "https://robots.example/feed.xml": ok("https://robots.example/feed.xml", "Robot Weekly") });
    await h.store.feeds.add({ url: "https://global.example/rss", scope: { kind: "global" }, title: "Global" }, new Date());
    const other = await h.store.feeds.add({ url: "https://b.example/rss", scope: { kind: "community", communityId: "discord:B" }, title: "B's" }, new Date());
    await h.run("feed add", { url: "https://robots.example/feed.xml" }, mod);

    const list = await h.text("feed list", {}, mod);
    expect(list).toContain("Robot Weekly — not fetched yet");
    expect(list).toContain("Plus 1 feed shared by the whole instance.");
    expect(list).not.toContain("B's");

    const test = await h.text("feed test", { url: "https://robots.example/feed.xml" }, mod);
    expect(test).toContain("Robots learn to fold laundry");
    expect(test).toContain("a readable feed with 1 item.");

    // Another community's feed and a global one are "not found" here.
    // A stale autocomplete pick (an internal id) is refused without echoing the id.
    const byId = await h.text("feed remove", { feed: other.id }, mod);
    expect(byId).toBe("No such feed in this community. See /feed list.");
    expect(await h.text("feed remove", { feed: "https://global.example/rss" }, mod)).toContain("No feed");
    expect((await h.run("confirm feed-remove", { id: other.id }, mod)).error).toBe(true);
    expect(await h.store.feeds.get(other.id)).not.toBeNull();

    const ask = await h.run("feed remove", { feed: "https://robots.example/feed.xml" }, mod);
    const button = ask.choices![0]![0]!;
    expect(button.command).toBe("confirm feed-remove");
    expect(await h.text(button.command, button.args, mod)).toBe("Removed Robot Weekly.");
    expect(await h.store.feeds.findByUrl("https://robots.example/feed.xml")).toBeNull();
    // B's moderator still has theirs.
    expect(await h.text("feed list", {}, { ...mod, place: placeB })).toContain("B's");
  });
});

describe("feed remove by title", () => {
  it("matches the title /feed list shows, case-insensitively, and refuses an ambiguous one", async () => {
    h = await harness({
      "https://robots.example/feed.xml": ok("https://robots.example/feed.xml", "Robot Weekly"),
      "https://bots.example/feed.xml": ok("https://bots.example/feed.xml", "Bot Daily"),
      "https://bots2.example/feed.xml": ok("https://bots2.example/feed.xml", "Bot Daily"),
    });
    for (const url of ["https://robots.example/feed.xml", "https://bots.example/feed.xml", "https://bots2.example/feed.xml"]) await h.run("feed add", { url }, mod);
    const ask = await h.run("feed remove", { feed: "robot weekly" }, mod);
    expect(ask.error).toBeUndefined();
    expect(ask.choices?.[0]?.[0]?.command).toBe("confirm feed-remove");
    expect(await h.text("feed remove", { feed: "Bot Daily" }, mod)).toContain("2 feeds are called 'Bot Daily'");
    // Another community's feed of the same title stays out of reach.
    expect(await h.text("feed remove", { feed: "Robot Weekly" }, { ...mod, place: placeB })).toContain("No feed 'Robot Weekly'");
  });
});

describe("feedHealthText", () => {
  it("shows a healthy feed's warning (truncated, every entry skipped, 304 without validators)", async () => {
    const { feedHealthText } = await import("../../../src/core/commands/feed.js");
    const health = {
      lastPolledAt: new Date(), lastSuccessAt: new Date(), consecutiveFailures: 0, failingSince: null, nextPollAt: null, warnedAt: null, disabledAt: null, disabledReason: null,
    };
    const feed = { id: "f", url: "https://w.example/rss", scope: { kind: "global" as const }, title: null, siteUrl: null, etag: null, lastModified: null, sourceWeight: 1 };
    const base = { ...feed, health: { ...health, lastError: null, lastErrorKind: null } } as unknown as Parameters<typeof feedHealthText>[0];
    expect(feedHealthText(base)).toBe("ok");
    const warned = { ...feed, health: { ...health, lastError: "All 3 entries were skipped (no usable title or link)", lastErrorKind: "warning" } } as unknown as Parameters<typeof feedHealthText>[0];
    expect(feedHealthText(warned)).toBe("ok, but: All 3 entries were skipped (no usable title or link)");
  });
});

describe("feed rename", () => {
  it("renames a community's own feed as digests show it, and refuses bad names and other feeds", async () => {
    h = await harness({ "https://robots.example/feed.xml": ok("https://robots.example/feed.xml", "Robot Weekly is the newsletter about robots") });
    await h.text("feed add", { url: "https://robots.example/feed.xml" }, mod);
    const r = await h.text("feed rename", { feed: "https://robots.example/feed.xml", name: "  Robot\u202E Weekly " }, mod);
    expect(r).toContain("to Robot Weekly");
    const feed = await h.store.feeds.findByUrl("https://robots.example/feed.xml", { kind: "community", communityId: "discord:A" });
    expect(feed?.title).toBe("Robot Weekly");
    expect(await h.text("feed rename", { feed: "Robot Weekly", name: "x".repeat(41) }, mod)).toContain("too long");
    expect(await h.text("feed rename", { feed: "https://other.example/feed", name: "Other" }, mod)).toContain("No feed");
    expect(await h.text("feed rename", { feed: "Robot Weekly", name: "Bots" })).not.toContain("Renamed");
  });
});
