import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { feedsCommand, toFeedUrl } from "../../src/cli/feeds.js";
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

beforeEach(async () => {
  store = await openStore("sqlite::memory:");
  server = await startFeedServer({
    "/rss": { body: fixtureFeed("scenario-byte-review.xml") },
    "/page": { body: fixtureFeed("html-page-with-feed-link.html"), contentType: "text/html" },
    "/dead": { status: 404 },
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
    expect(await store.feeds.list()).toHaveLength(0);
    expect(await run("add", `${server.url}/dead`, "--force")).toBe(0);
    expect(await store.feeds.list()).toHaveLength(1);
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
    expect(out.at(-1)).toBe("polled 2 feeds: 3 new items, 1 failed");
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

  it("turns paths into file URLs", () => {
    expect(toFeedUrl("./tests/fixtures/feeds/json-feed.json")).toMatch(/^file:\/\/\/.*json-feed\.json$/);
    expect(toFeedUrl("https://example.com/feed")).toBe("https://example.com/feed");
  });
});
