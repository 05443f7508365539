import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/core/logger.js";
import type { Store } from "../../src/core/ports.js";
import type { NewItem } from "../../src/core/types.js";
import { previewDigest } from "../../src/digest/build-digest.js";
import { ensureBuiltinTopics } from "../../src/digest/seed-topics.js";
import { clusterNewItems } from "../../src/digest/stories/build-stories.js";
import { openStore } from "../../src/store/open-store.js";

const now = new Date("2026-11-24T09:00:00Z");

function item(feedId: string, n: number, title: string, published: Date, fallback = false): NewItem {
  return {
    id: `${feedId}-${n}`, feedId, hash: `h${n}`, guid: null, url: `https://www.news.example/a/${n}?utm_source=x`,
    canonicalUrl: `https://news.example/a/${n}`, title, summary: `${title}. More detail follows.`, contentHash: `c${n}`,
    imageUrl: null, author: null, publishedAt: published, dateIsFallback: fallback,
  };
}

describe("backlog and links", () => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore("sqlite::memory:");
    await ensureBuiltinTopics(store, now);
  });
  afterEach(async () => store.close());

  it("a newly added feed's old and undated items are not news; fresh ones are", async () => {
    const f = await store.feeds.add({ url: "https://news.example/feed", scope: { kind: "global" } }, now);
    await store.items.upsertMany(
      [
        item(f.id, 1, "OpenAI releases GPT-3 to developers in a private beta", new Date("2020-06-11T10:00:00Z")),
        item(f.id, 2, "Anthropic launches Claude model for enterprises", new Date(now.getTime() - 3 * 3_600_000)),
        item(f.id, 3, "Google DeepMind unveils new Gemini robotics model", now, true),
      ],
      now,
    );
    await clusterNewItems({ store, logger: silentLogger }, { now });
    const doc = await previewDigest(store, { maxStories: 10 }, now);
    const titles = doc.stories.map((s) => s.title);
    expect(titles).toContain("Anthropic launches Claude model for enterprises");
    // Undated in the feed's first poll: whatever the feed listed when it was added, of unknown age.
    expect(titles).not.toContain("Google DeepMind unveils new Gemini robotics model");
    expect(titles).not.toContain("OpenAI releases GPT-3 to developers in a private beta");
  });

  it("links readers to the stored item URL, not the de-duplication form", async () => {
    const f = await store.feeds.add({ url: "https://news.example/feed", scope: { kind: "global" } }, now);
    await store.items.upsertMany([item(f.id, 4, "Meta releases Llama model weights", now)], now);
    await clusterNewItems({ store, logger: silentLogger }, { now });
    const doc = await previewDigest(store, { maxStories: 10 }, now);
    expect(doc.stories[0]?.url).toBe("https://www.news.example/a/4?utm_source=x");
    expect(doc.stories[0]?.sources[0]?.url).toBe("https://www.news.example/a/4?utm_source=x");
  });
});
