import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CliContext } from "../../src/cli/context.js";
import { digestCommand } from "../../src/cli/digest.js";
import { feedsCommand } from "../../src/cli/feeds.js";
import { loadConfig } from "../../src/config.js";
import { silentLogger } from "../../src/core/logger.js";
import type { Store } from "../../src/core/ports.js";
import { createFeedFetcher, type FeedFetcher } from "../../src/digest/ingest/feed-fetcher.js";
import { pollFeeds } from "../../src/digest/ingest/poll-feeds.js";
import { openStore } from "../../src/store/open-store.js";

const FIXTURE = join(new URL("../fixtures/feeds/", import.meta.url).pathname, "scenario-byte-review.xml");
let store: Store;
let fetcher: FeedFetcher;
let out: string[];
let err: string[];
let now: Date;
const ctx = (): CliContext => ({ config: loadConfig({}), store, logger: silentLogger, out: (l) => out.push(l), err: (l) => err.push(l), now: () => now, signal: new AbortController().signal });

beforeEach(async () => {
  store = await openStore("sqlite::memory:");
  fetcher = createFeedFetcher({ allowFile: true });
  out = [];
  err = [];
});
afterEach(async () => {
  fetcher.close();
  await store.close();
});

describe("an empty digest preview says why", () => {
  it("with no feeds at all", async () => {
    now = new Date("2024-11-27T00:00:00Z");
    expect(await digestCommand(["preview"], ctx())).toBe(0);
    expect(out.join("\n")).toContain("No new stories.");
    expect(err).toEqual(["Why: there are no feeds yet. Add one with 'newsdesk feeds add <url>' or 'newsdesk opml import <file>'."]);
  });

  it("when everything fetched was backlog (older than 48 hours when first seen)", async () => {
    // The fixture's news is from 26 November 2024; fetched two weeks later it is old news.
    now = new Date("2024-12-10T12:00:00Z");
    expect(await feedsCommand(["add", FIXTURE], ctx(), { fetcher })).toBe(0);
    expect(await feedsCommand(["poll", "--once"], ctx(), { fetcher })).toBe(0);
    err = [];
    expect(await digestCommand(["preview"], ctx())).toBe(0);
    expect(err).toEqual([
      "Why: 3 items first seen since 2024-12-09T12:00Z:",
      "  3 items were older than 48 hours when first seen and count as backlog, never as news",
      "  0 new stories since 2024-12-09T12:00Z",
    ]);
  });

  it("when the feed's first poll brought undated items (backlog of unknown age)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "newsdesk-undated-"));
    try {
      const file = join(dir, "undated.xml");
      const item = (n: number) => `<item><title>Undated post ${n}</title><link>https://undated.example/${n}</link><description>Post ${n}.</description></item>`;
      writeFileSync(file, `<?xml version="1.0"?><rss version="2.0"><channel><title>Undated</title><link>https://undated.example/</link>${item(1)}${item(2)}</channel></rss>`);
      now = new Date("2024-12-10T12:00:00Z");
      expect(await feedsCommand(["add", file], ctx(), { fetcher })).toBe(0);
      expect(await feedsCommand(["poll", "--once"], ctx(), { fetcher })).toBe(0);
      err = [];
      expect(await digestCommand(["preview"], ctx())).toBe(0);
      expect(err).toEqual([
        "Why: 2 items first seen since 2024-12-09T12:00Z:",
        "  2 items without a date came with their feed's first poll and count as backlog (of unknown age), never as news",
        "  0 new stories since 2024-12-09T12:00Z",
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("when items are fetched but not grouped into stories yet, or when nothing was fetched lately", async () => {
    now = new Date("2024-11-26T20:00:00Z");
    await feedsCommand(["add", FIXTURE], ctx(), { fetcher });
    await pollFeeds({ store, fetcher, logger: silentLogger }, { now, intervalMs: 15 * 60_000, maxItems: 100 });
    err = [];
    expect(await digestCommand(["preview"], ctx())).toBe(0);
    expect(err).toContain("  3 items are not grouped into stories yet ('newsdesk feeds poll --once' groups them)");
    now = new Date("2024-11-29T20:00:00Z");
    err = [];
    expect(await digestCommand(["preview", "--format", "json"], ctx())).toBe(0);
    expect(JSON.parse(out.at(-1) ?? "")).toMatchObject({ stories: [] }); // stdout stays a clean document
    expect(err).toEqual([
      "Why: no items were first seen since 2024-11-28T20:00Z (1 feed; last successful poll 2024-11-26T20:00Z).",
      "Poll with 'newsdesk feeds poll --once'.",
    ]);
  });
});
