import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { digestCommand } from "../../src/cli/digest.js";
import { feedsCommand } from "../../src/cli/feeds.js";
import type { CliContext } from "../../src/cli/context.js";
import { loadConfig } from "../../src/config.js";
import { silentLogger } from "../../src/core/logger.js";
import type { Store } from "../../src/core/ports.js";
import { createFeedFetcher } from "../../src/digest/ingest/feed-fetcher.js";
import type { FeedFetcher } from "../../src/digest/ingest/feed-fetcher.js";
import { openStore } from "../../src/store/open-store.js";
import { fixtureFeed, startFeedServer } from "../fakes/feed-server.js";
import type { FeedServer } from "../fakes/feed-server.js";

let store: Store;
let server: FeedServer;
let fetcher: FeedFetcher;
let out: string[];
let err: string[];
let ctx: CliContext;
const now = new Date("2024-11-27T00:00:00Z");
const ONE_ITEM = `<?xml version="1.0"?><rss version="2.0"><channel><title>Solo</title><link>https://solo.example/</link>
<item><title>Anthropic ships Claude tool use</title><link>https://solo.example/a</link><pubDate>Tue, 26 Nov 2024 10:00:00 GMT</pubDate></item>
</channel></rss>`;

beforeEach(async () => {
  store = await openStore("sqlite::memory:");
  server = await startFeedServer({
    "/rss": { body: fixtureFeed("scenario-byte-review.xml") },
    "/page": { body: fixtureFeed("html-page-with-feed-link.html"), contentType: "text/html" },
    "/dead": { status: 404 },
    "/one": { body: ONE_ITEM, contentType: "application/rss+xml" },
  });
  fetcher = createFeedFetcher({ allowHosts: [server.hostPort] });
  out = [];
  err = [];
  ctx = { config: loadConfig({}), store, logger: silentLogger, out: (l) => out.push(l), err: (l) => err.push(l), now: () => now, signal: new AbortController().signal };
});
afterEach(async () => {
  fetcher.close();
  await server.close();
  await store.close();
});

const run = (...args: string[]) => feedsCommand(args, ctx, { fetcher });

describe("newsdesk feeds", () => {
  it("adds a feed after testing it, following a page's feed link, and refuses duplicates", async () => {
    expect(await run("add", `${server.url}/page`)).toBe(0);
    const [feed] = await store.feeds.list();
    expect(feed).toMatchObject({ url: `${server.url}/rss`, title: "Byte Review", scope: { kind: "global" } });
    expect(out.join("\n")).toContain("The page links to a feed");
    expect(await run("add", `${server.url}/rss`)).toBe(1);
    expect(err.join("\n")).toContain("already subscribed");
  });

  it("does not add a failing feed unless forced", async () => {
    expect(await run("add", `${server.url}/dead`)).toBe(1);
    expect(err.join("\n")).toMatch(/HTTP 404/);
    expect(err.join("\n")).not.toMatch(/\[http\]/);
    expect(err.join("\n")).toContain("Use --force");
    expect(await store.feeds.list()).toHaveLength(0);
    expect(await run("add", `${server.url}/dead`, "--force")).toBe(0);
    expect(await store.feeds.list()).toHaveLength(1);
  });

  it("renames a feed as digests show it", async () => {
    expect(await run("add", `${server.url}/rss`)).toBe(0);
    expect(await run("rename", `${server.url}/rss`, "Byte", "Review", "Daily")).toBe(0);
    expect((await store.feeds.list())[0]?.title).toBe("Byte Review Daily");
    expect(await run("rename", `${server.url}/rss`, "x".repeat(41))).toBe(2);
    expect(await run("rename", "nothing-here", "Name")).toBe(1);
    expect(await run("rename", `${server.url}/rss`)).toBe(2);
  });

  it("tests a feed without storing anything", async () => {
    expect(await run("test", `${server.url}/rss`)).toBe(0);
    expect(out.join("\n")).toContain("OpenAI pauses Sora early access after artists share it publicly");
    expect(await store.feeds.list()).toHaveLength(0);
    expect(await store.items.listSince(new Date(0))).toHaveLength(0);
  });

  it("polls once, then lists health and removes by id or URL", async () => {
    await run("add", `${server.url}/rss`);
    await run("add", `${server.url}/dead`, "--force");
    out = [];
    expect(await run("poll", "--once")).toBe(0);
    expect(out).toContain("polled 2 feeds: 3 new items, 1 failed");
    out = [];
    expect(await run("list")).toBe(0);
    const listing = out.join("\n");
    expect(listing).toMatch(/ok, last success 2024-11-27T00:00:00Z/);
    expect(listing).toMatch(/failing ×1 since .*HTTP 404/);
    const rss = (await store.feeds.list()).find((f) => f.url.endsWith("/rss"));
    expect(await run("remove", rss!.id)).toBe(0);
    expect(await run("remove", `${server.url}/dead`)).toBe(0);
    expect(await run("remove", "nothing-here")).toBe(1);
    expect(await store.feeds.list()).toHaveLength(0);
  });

  it("prints usage for unknown subcommands", async () => {
    expect(await run("frobnicate")).toBe(2);
    expect(err.join("\n")).toContain("usage: newsdesk feeds");
  });

  it("after polling groups the new items into stories, so a preview shows them", async () => {
    await run("add", `${server.url}/rss`);
    out = [];
    expect(await run("poll", "--once")).toBe(0);
    expect(out).toContain("stories: 3 items grouped — 3 created, 0 updated");
    out = [];
    expect(await digestCommand(["preview"], ctx)).toBe(0);
    const preview = out.join("\n");
    expect(preview).not.toContain("No new stories");
    expect(preview).toContain("OpenAI pauses Sora early access after artists share it publicly");
  });

  it("groups stories in the looping poll too, and says when there was nothing new", async () => {
    await run("add", `${server.url}/one`);
    const stop = new AbortController();
    stop.abort(); // one round, then the loop sees the signal
    out = [];
    expect(await feedsCommand(["poll"], ctx, { fetcher, signal: stop.signal })).toBe(0);
    expect(out).toContain("polled 1 feed: 1 new item, 0 failed");
    expect(out).toContain("stories: 1 item grouped — 1 created, 0 updated");
    expect(await store.stories.listSince(new Date(0))).toHaveLength(1);
    out = [];
    expect(await feedsCommand(["poll"], ctx, { fetcher, signal: stop.signal })).toBe(0);
    expect(out).toContain("stories: nothing new to group");
  });

  it("prints counts in the singular for one", async () => {
    expect(await run("test", `${server.url}/one`)).toBe(0);
    expect(out[0]).toBe("✓ Solo — RSS feed, 1 item");
    out = [];
    expect(await run("test", `${server.url}/rss`)).toBe(0);
    expect(out[0]).toBe("✓ Byte Review — RSS feed, 3 items");
  });

  it("refuses a feed on a private address, even with --force, and names the setting", async () => {
    const guarded = createFeedFetcher();
    try {
      expect(await feedsCommand(["add", `${server.url}/rss`, "--force"], ctx, { fetcher: guarded })).toBe(1);
      const text = err.join("\n");
      expect(text).toContain("set ALLOW_PRIVATE_FEED_HOSTS=true to allow feeds on private addresses");
      expect(text).not.toContain("--force");
      expect(text).not.toMatch(/\[blocked\]/);
      expect(await store.feeds.list()).toHaveLength(0);
      err = [];
      expect(await feedsCommand(["test", `${server.url}/rss`], ctx, { fetcher: guarded })).toBe(1);
      expect(err.join("\n")).toContain("ALLOW_PRIVATE_FEED_HOSTS=true");
      err = [];
      expect(await feedsCommand(["test", `${server.url}/rss`, "--verbose"], ctx, { fetcher: guarded })).toBe(1);
      expect(err.join("\n")).toContain("error kind: blocked");
    } finally {
      guarded.close();
    }
  });

  it("says what is wrong with something that is neither a URL nor a file", async () => {
    expect(await run("test", "ftp://x/y")).toBe(2);
    expect(err.join("\n")).toContain("'ftp:' URLs are not supported — use an http(s) URL or a local file path");
    expect(err.join("\n")).not.toContain("https://ftp");
    err = [];
    expect(await run("add", "./no/such/feed.xml")).toBe(2);
    expect(err.join("\n")).toContain("no such file: ./no/such/feed.xml");
    expect(await store.feeds.list()).toHaveLength(0);
  });

  it("adds one local file once, whether named by a relative, absolute or symlinked path", async () => {
    const dir = mkdtempSync(join(tmpdir(), "newsdesk-feeds-"));
    const file = join(dir, "wire.xml");
    copyFileSync(new URL("../fixtures/feeds/scenario-model-wire.xml", import.meta.url), file);
    symlinkSync(file, join(dir, "link.xml"));
    const local = createFeedFetcher({ allowFile: true });
    const run = (...args: string[]) => feedsCommand(args, ctx, { fetcher: local });
    expect(await run("add", relative(process.cwd(), file)), err.join("\n")).toBe(0);
    expect(await run("add", file)).toBe(1);
    expect(await run("add", join(dir, "link.xml"))).toBe(1);
    expect(await run("add", `file://${join(dir, "link.xml")}`)).toBe(1);
    expect(err.filter((l) => l.startsWith("already subscribed"))).toHaveLength(3);
    expect(await store.feeds.list()).toHaveLength(1);
    // remove finds it by any of those names as well
    expect(await run("remove", join(dir, "link.xml"))).toBe(0);
    local.close();
  });
});

describe("newsdesk feeds with hostile local files and Ctrl-C", () => {
  const local = () => createFeedFetcher({ allowFile: true, maxBytes: 20_000 });

  it("reads only regular files: /dev/zero and a named pipe are refused at once", async () => {
    const f = local();
    try {
      const t = Date.now();
      expect(await feedsCommand(["test", "/dev/zero"], ctx, { fetcher: f })).toBe(1);
      expect(err.join("\n")).toContain("/dev/zero is not a regular file");
      const dir = mkdtempSync(join(tmpdir(), "newsdesk-fifo-"));
      const fifo = join(dir, "pipe.xml");
      execFileSync("mkfifo", [fifo]);
      expect(await feedsCommand(["add", fifo], ctx, { fetcher: f })).toBe(1);
      expect(err.join("\n")).toContain("pipe.xml is not a regular file");
      expect(Date.now() - t).toBeLessThan(2000);
      expect(await store.feeds.list()).toHaveLength(0);
    } finally {
      f.close();
    }
  });

  it("enforces the byte limit on local files", async () => {
    const dir = mkdtempSync(join(tmpdir(), "newsdesk-big-"));
    const big = join(dir, "big.xml");
    writeFileSync(big, `<rss><channel>${"<item><title>x</title></item>".repeat(2000)}</channel></rss>`);
    const f = local();
    try {
      expect(await feedsCommand(["test", big], ctx, { fetcher: f })).toBe(1);
      expect(err.join("\n")).toMatch(/larger than 20 KB/);
    } finally {
      f.close();
    }
  });

  it("honours the first Ctrl-C during test and add: stops at once, stores nothing", async () => {
    server.route("/slow", { body: ONE_ITEM, delayMs: 5000 });
    for (const sub of ["test", "add"]) {
      const abort = new AbortController();
      const c = { ...ctx, signal: abort.signal };
      setTimeout(() => abort.abort(), 100);
      const t = Date.now();
      expect(await feedsCommand([sub, `${server.url}/slow`], c, { fetcher })).toBe(130);
      expect(Date.now() - t).toBeLessThan(1500);
    }
    expect(err.filter((l) => l === "interrupted")).toHaveLength(2);
    expect(await store.feeds.list()).toHaveLength(0);
  });
});

describe("newsdesk feeds list and hostile stored titles", () => {
  it("never prints terminal controls from a title stored by an older version", async () => {
    await store.feeds.add({ url: "https://old.example/rss", scope: { kind: "global" }, title: "Old\u001b]0;pwned\u0007 \u202Etitle\u001b[2J" }, now);
    expect(await run("list")).toBe(0);
    const text = out.join("\n");
    expect(text).toContain("Old title");
    // eslint-disable-next-line no-control-regex -- asserting their absence
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  });
});

describe("newsdesk feeds, saying what did not happen", () => {
  it("does not fetch a feed that is already subscribed", async () => {
    expect(await run("add", `${server.url}/one`)).toBe(0);
    const before = server.requests("/one");
    out = [];
    err = [];
    expect(await run("add", `${server.url}/one`)).toBe(1);
    expect(server.requests("/one")).toBe(before);
    const [feed] = await store.feeds.list();
    expect(err).toEqual([`already subscribed: ${server.url}/one (${feed?.id}); nothing fetched`]);
    expect(out).toEqual([]);
  });

  it("says why a poll polled nothing: no feeds, none due, or all disabled", async () => {
    expect(await run("poll", "--once")).toBe(0);
    expect(out).toContain("polled 0 feeds: 0 new items, 0 failed");
    expect(out).toContain("  no feeds yet: add one with 'newsdesk feeds add <url>' or 'newsdesk opml import <file>'");
    await run("add", `${server.url}/one`);
    expect(await run("poll", "--once")).toBe(0);
    out = [];
    expect(await run("poll", "--once")).toBe(0);
    expect(out).toContain("polled 0 feeds: 0 new items, 0 failed");
    const line = out.find((l) => l.includes("no feed was due"));
    expect(line).toMatch(/^ {2}no feed was due \(1 active feed\): each is polled about every 15 minutes \(FEED_POLL_INTERVAL\); the next is due at 2024-11-27T00:\d\d:\d\dZ$/);
    const [feed] = await store.feeds.list();
    await store.feeds.update(feed!.id, { health: { disabledAt: now, disabledReason: "test" } });
    out = [];
    expect(await run("poll", "--once")).toBe(0);
    expect(out).toContain("  no feed is active: the only feed is disabled (see 'newsdesk feeds list --all')");
  });
});
