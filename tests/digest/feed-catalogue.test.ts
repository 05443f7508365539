import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../src/core/ports.js";
import { syncFeedCatalogue } from "../../src/digest/feed-catalogue.js";
import { openStore } from "../../src/store/open-store.js";

const opml = (urls: string[]) =>
  `<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>${urls
    .map((u) => `<outline type="rss" text="${u}" xmlUrl="${u}"/>`)
    .join("")}</body></opml>`;

describe("feed catalogue", () => {
  let store: Store;
  const now = new Date("2026-11-24T00:00:00Z");
  beforeEach(async () => {
    store = await openStore("sqlite::memory:");
  });
  afterEach(async () => store.close());

  it("imports the bundled catalogue of real AI feeds", async () => {
    const text = readFileSync(new URL("../../config/feeds.opml", import.meta.url), "utf8");
    const r = await syncFeedCatalogue(store, text, now);
    expect(r.added).toBeGreaterThanOrEqual(5);
    const feeds = await store.feeds.list();
    expect(feeds.every((f) => /^https:\/\//.test(f.url) && f.scope.kind === "global")).toBe(true);
    expect(feeds.some((f) => f.url.includes("arxiv.org"))).toBe(true);
  });

  it("imports only when the file changed, so removed feeds stay removed", async () => {
    const v1 = opml(["https://a.example/feed", "https://b.example/feed"]);
    expect((await syncFeedCatalogue(store, v1, now)).added).toBe(2);
    const b = await store.feeds.findByUrl("https://b.example/feed");
    await store.feeds.remove(b!.id);
    expect(await syncFeedCatalogue(store, v1, now)).toEqual({ added: 0, skipped: true });
    expect(await store.feeds.findByUrl("https://b.example/feed")).toBeNull();
    const v2 = opml(["https://a.example/feed", "https://c.example/feed"]);
    expect((await syncFeedCatalogue(store, v2, now)).added).toBe(1);
    expect((await store.feeds.list()).map((f) => f.url).sort()).toEqual(["https://a.example/feed", "https://c.example/feed"]);
  });
});
