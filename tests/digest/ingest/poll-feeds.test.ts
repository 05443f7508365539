/** pollFeeds against a real SQLite store and a loopback feed server. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/core/logger.js";
import type { Store } from "../../../src/core/ports.js";
import { createFeedFetcher } from "../../../src/digest/ingest/feed-fetcher.js";
import type { FeedFetcher } from "../../../src/digest/ingest/feed-fetcher.js";
import { pollFeeds } from "../../../src/digest/ingest/poll-feeds.js";
import { openStore } from "../../../src/store/open-store.js";
import { fixtureFeed, startFeedServer } from "../../fakes/feed-server.js";
import type { FeedServer } from "../../fakes/feed-server.js";

let store: Store;
let server: FeedServer;
let fetcher: FeedFetcher;
const t0 = new Date("2024-11-26T20:00:00Z");
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const global = { kind: "global" } as const;

const rss = (items: { guid: string; title: string; body?: string }[]) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Edits</title><link>https://edits.example/</link>${items
    .map((i) => `<item><guid>${i.guid}</guid><title>${i.title}</title><link>https://edits.example/${i.guid}</link><description>${i.body ?? "Body."}</description><pubDate>Tue, 26 Nov 2024 10:00:00 GMT</pubDate></item>`)
    .join("")}</channel></rss>`;

beforeEach(async () => {
  store = await openStore("sqlite::memory:");
  server = await startFeedServer();
  fetcher = createFeedFetcher({ allowHosts: [server.hostPort], timeoutMs: 2000 });
});
afterEach(async () => {
  fetcher.close();
  await server.close();
  await store.close();
});

const deps = () => ({ store, fetcher, logger: silentLogger });

describe("pollFeeds", () => {
  it("stores items once across two polls, and a 304 stores nothing", async () => {
    server.route("/ledger", { body: fixtureFeed("scenario-circuit-ledger.xml"), etag: '"a"' });
    const feed = await store.feeds.add({ url: `${server.url}/ledger`, scope: global }, t0);
    const [first] = await pollFeeds(deps(), { now: t0 });
    expect(first).toMatchObject({ feedId: feed.id, outcome: "updated", updatedItems: 0 });
    expect(first!.newItems.map((i) => i.title)).toContain("Artists leak access to OpenAI’s Sora video generator in protest");
    expect(await store.items.countByFeed(feed.id)).toBe(4);

    const stored = (await store.feeds.get(feed.id))!;
    expect(stored.etag).toBe('"a"');
    expect(stored.title).toBe("Circuit Ledger — AI");
    expect(stored.ttlMinutes).toBe(30);
    expect(stored.health.nextPollAt!.getTime()).toBeGreaterThanOrEqual(later(30).getTime());
    expect(await pollFeeds(deps(), { now: later(1) })).toEqual([]);

    const [second] = await pollFeeds(deps(), { now: later(60), force: true });
    expect(second).toMatchObject({ outcome: "not-modified", newItems: [], updatedItems: 0 });
    expect(server.lastHeaders("/ledger")?.["if-none-match"]).toBe('"a"');

    server.route("/ledger", { body: fixtureFeed("scenario-circuit-ledger.xml"), etag: '"b"' });
    const [third] = await pollFeeds(deps(), { now: later(120), force: true });
    expect(third).toMatchObject({ outcome: "updated", newItems: [], updatedItems: 0 });
    expect(await store.items.countByFeed(feed.id)).toBe(4);
  });

  it("updates an edited item in place instead of adding it again", async () => {
    server.route("/edits", { body: rss([{ guid: "a", title: "Original headline" }, { guid: "b", title: "Other" }]) });
    const feed = await store.feeds.add({ url: `${server.url}/edits`, scope: global }, t0);
    await pollFeeds(deps(), { now: t0 });
    server.route("/edits", { body: rss([{ guid: "a", title: "Corrected headline" }, { guid: "b", title: "Other" }, { guid: "c", title: "New one" }]) });
    const [res] = await pollFeeds(deps(), { now: later(60), force: true });
    expect(res!.newItems.map((i) => i.title)).toEqual(["New one"]);
    expect(res!.updatedItems).toBe(1);
    expect(await store.items.countByFeed(feed.id)).toBe(3);
    const items = await store.items.listSince(new Date(0));
    expect(items.map((i) => i.title).sort()).toEqual(["Corrected headline", "New one", "Other"]);
  });

  it("records readable failures, grows the backoff, and keeps other feeds going", async () => {
    server.route("/ok", { body: fixtureFeed("scenario-model-wire.xml"), contentType: "application/atom+xml" });
    server.route("/down", { status: 503, headers: { "retry-after": "60" } });
    server.route("/page", { body: "<!doctype html><html><head><title>x</title></head><body>hi</body></html>", contentType: "text/html" });
    const ok = await store.feeds.add({ url: `${server.url}/ok`, scope: global }, t0);
    const down = await store.feeds.add({ url: `${server.url}/down`, scope: global }, t0);
    const page = await store.feeds.add({ url: `${server.url}/page`, scope: global }, t0);
    const results = await pollFeeds(deps(), { now: t0 });
    const by = new Map(results.map((r) => [r.feedId, r]));
    expect(by.get(ok.id)?.outcome).toBe("updated");
    expect(by.get(down.id)).toMatchObject({ outcome: "failed", error: { code: "http", message: "HTTP 503 (server error)" } });
    expect(by.get(page.id)).toMatchObject({ outcome: "failed", error: { code: "not-a-feed" } });

    const h1 = (await store.feeds.get(down.id))!.health;
    expect(h1).toMatchObject({ consecutiveFailures: 1, lastErrorKind: "http", lastError: "HTTP 503 (server error)", failingSince: t0 });
    const gap1 = h1.nextPollAt!.getTime() - t0.getTime();
    await pollFeeds(deps(), { now: h1.nextPollAt!, feedIds: [down.id] });
    const h2 = (await store.feeds.get(down.id))!.health;
    expect(h2.consecutiveFailures).toBe(2);
    expect(h2.nextPollAt!.getTime() - h1.nextPollAt!.getTime()).toBe(gap1 * 2);
    expect(h2.failingSince).toEqual(t0);
  });

  it("warns once a day before disabling, then disables a feed failing for 7 days", async () => {
    server.route("/gone", { status: 410 });
    const feed = await store.feeds.add({ url: `${server.url}/gone`, scope: global }, t0);
    await store.feeds.update(feed.id, { health: { consecutiveFailures: 20, failingSince: later(-60 * 24 * 6 - 30) } });
    const [warned] = await pollFeeds(deps(), { now: t0, feedIds: [feed.id], force: true });
    expect(warned).toMatchObject({ outcome: "failed", warn: true });
    const [quiet] = await pollFeeds(deps(), { now: later(60), feedIds: [feed.id], force: true });
    expect(quiet!.warn).toBeUndefined();
    const [disabled] = await pollFeeds(deps(), { now: later(60 * 24), feedIds: [feed.id], force: true });
    expect(disabled).toMatchObject({ outcome: "disabled", error: { code: "http" } });
    const stored = (await store.feeds.get(feed.id))!;
    expect(stored.health.disabledAt).toEqual(later(60 * 24));
    expect(stored.health.disabledReason).toMatch(/HTTP 410/);
    expect(await pollFeeds(deps(), { now: later(60 * 48) })).toEqual([]);
  });

  it("follows a 301 and stores the new URL; the feed keeps its items", async () => {
    server.route("/new-home", { body: fixtureFeed("scenario-byte-review.xml") });
    server.route("/old-home", { body: fixtureFeed("scenario-byte-review.xml") });
    const feed = await store.feeds.add({ url: `${server.url}/old-home`, scope: global }, t0);
    await pollFeeds(deps(), { now: t0 });
    expect(await store.items.countByFeed(feed.id)).toBe(3);
    server.route("/old-home", { redirect: "/new-home", redirectStatus: 301 });
    const [res] = await pollFeeds(deps(), { now: later(60), force: true });
    expect(res).toMatchObject({ url: `${server.url}/new-home`, outcome: "updated", newItems: [] });
    expect((await store.feeds.get(feed.id))!.url).toBe(`${server.url}/new-home`);
    expect(await store.items.countByFeed(feed.id)).toBe(3);
  });

  it("keeps at most two requests per host in flight", async () => {
    for (let i = 0; i < 12; i++) {
      server.route(`/slow${i}`, { body: fixtureFeed("scenario-pixel-post.xml"), delayMs: 30 });
      await store.feeds.add({ url: `${server.url}/slow${i}`, scope: global }, t0);
    }
    const results = await pollFeeds(deps(), { now: t0 });
    expect(results.filter((r) => r.outcome === "updated")).toHaveLength(12);
    expect(server.maxConcurrent()).toBe(2);
  });

  it("reports unknown feed ids without throwing", async () => {
    expect(await pollFeeds(deps(), { now: t0, feedIds: ["nope"] })).toEqual([
      { feedId: "nope", url: "", outcome: "failed", newItems: [], updatedItems: 0, error: { code: "not-found", message: "No feed with id nope" } },
    ]);
  });
});

describe("pollFeeds round time box and warnings", () => {
  it("does not let one slow host stall the round: what finished is stored, the rest goes first next round", async () => {
    const body = rss([{ guid: "g1", title: "Fast news" }]);
    for (let i = 0; i < 3; i++) server.route(`/fast${i}`, { body });
    for (let i = 0; i < 6; i++) server.route(`/slow${i}`, { body, delayMs: 1500 });
    // The slow feeds sit on another host name for the same server, so the per-host limit applies to them alone.
    const slowHost = `http://localhost:${server.port}`;
    const fast = await Promise.all([0, 1, 2].map((i) => store.feeds.add({ url: `${server.url}/fast${i}`, scope: global }, t0)));
    const slow = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => store.feeds.add({ url: `${slowHost}/slow${i}`, scope: global }, t0)));
    const roundFetcher = createFeedFetcher({ allowPrivateHosts: true, timeoutMs: 5000, perHostConcurrency: 2 });
    try {
      const started = Date.now();
      const results = await pollFeeds({ store, fetcher: roundFetcher, logger: silentLogger }, { now: t0, roundBudgetMs: 400 });
      expect(Date.now() - started).toBeLessThan(1400);
      const byId = new Map(results.map((r) => [r.feedId, r.outcome]));
      for (const f of fast) expect(byId.get(f.id)).toBe("updated");
      for (const f of slow) expect(byId.get(f.id)).toBe("deferred");
      // Deferred feeds were not charged a failure and are still due, ahead of the ones just polled.
      const again = await store.feeds.get(slow[5]!.id);
      expect(again?.health.consecutiveFailures).toBe(0);
      const due = await store.feeds.listDue(later(1));
      expect(due.map((f) => f.id).slice(0, 6).sort()).toEqual(slow.map((f) => f.id).sort());
    } finally {
      roundFetcher.close();
    }
  });

  it("records a warning on the feed's health when every entry is skipped, and for a 304 without validators", async () => {
    server.route("/empty", { body: '<rss version="2.0"><channel><title>E</title><item><description></description></item><item></item></channel></rss>' });
    server.route("/lazy304", { handler: (_req, res) => void res.writeHead(304).end() });
    const empty = await store.feeds.add({ url: `${server.url}/empty`, scope: global }, t0);
    const lazy = await store.feeds.add({ url: `${server.url}/lazy304`, scope: global }, t0);
    const results = await pollFeeds(deps(), { now: t0 });
    expect(results.find((r) => r.feedId === empty.id)).toMatchObject({ outcome: "updated", skipped: 2, warning: "All 2 entries were skipped (no usable title or link)" });
    expect(results.find((r) => r.feedId === lazy.id)).toMatchObject({ outcome: "not-modified", warning: expect.stringMatching(/304 Not Modified to a request without validators/) });
    const stored = (await store.feeds.get(empty.id))!;
    expect(stored.health).toMatchObject({ consecutiveFailures: 0, lastErrorKind: "warning", lastError: "All 2 entries were skipped (no usable title or link)" });
    expect((await store.feeds.get(lazy.id))!.health.lastErrorKind).toBe("warning");
  });
});
