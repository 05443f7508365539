/**
 * Undated and old items are backlog, never today's news: through the real store, clustering and
 * selection (a channel that follows no topic gets every story with a topic).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/core/logger.js";
import type { Store } from "../../../src/core/ports.js";
import type { NewItem } from "../../../src/core/types.js";
import { prepareStories, selectStories } from "../../../src/digest/select-stories.js";
import { ensureBuiltinTopics } from "../../../src/digest/seed-topics.js";
import { newsTime } from "../../../src/digest/stories/assemble-story.js";
import { clusterNewItems } from "../../../src/digest/stories/build-stories.js";
import { openStore } from "../../../src/store/open-store.js";

const H = 3_600_000;
const ADDED = new Date("2026-12-01T08:00:00Z");
let store: Store;
let feedId: string;
let n = 0;

function item(title: string, published: Date | null, seen: Date): NewItem {
  const k = `i${n++}`;
  return {
    id: `${feedId}:${k}`,
    feedId,
    hash: k,
    guid: k,
    url: `https://blog.example/${k}`,
    canonicalUrl: `https://blog.example/${k}`,
    title,
    summary: "",
    contentHash: k,
    imageUrl: null,
    author: null,
    publishedAt: published ?? seen,
    dateIsFallback: published === null,
  };
}

async function todaysNews(now: Date): Promise<string[]> {
  await clusterNewItems({ store, logger: silentLogger }, { now });
  const prepared = prepareStories(await store.stories.listSince(new Date(now.getTime() - 24 * H)));
  const sel = selectStories(prepared, {
    since: new Date(now.getTime() - 24 * H),
    topics: [],
    include: [],
    exclude: [],
    delivered: new Set(),
    maxStories: 100,
  });
  return sel.stories.map((s) => s.title);
}

beforeEach(async () => {
  store = await openStore("sqlite::memory:");
  await ensureBuiltinTopics(store, ADDED);
  feedId = (await store.feeds.add({ url: "https://blog.example/feed", scope: { kind: "global" }, title: "Blog" }, ADDED)).id;
});
afterEach(async () => {
  await store.close();
});

describe("backlog", () => {
  it("an undated item of a feed's first poll is backlog; one that appears later is news", async () => {
    const first = new Date(ADDED.getTime() + 5 * 60_000);
    await store.items.upsertMany([item("OpenAI releases a new ChatGPT model for schools", null, first)], first);
    expect(await todaysNews(first)).toEqual([]);
    const later = new Date(ADDED.getTime() + 30 * H);
    await store.items.upsertMany([item("Anthropic ships Claude for Chrome to all users", null, later)], later);
    expect(await todaysNews(later)).toEqual(["Anthropic ships Claude for Chrome to all users"]);
  });

  it("an item dated years ago is backlog even when first seen today", async () => {
    const now = new Date(ADDED.getTime() + 30 * H);
    await store.items.upsertMany([item("Google lets users test its LaMDA 2 chatbot", new Date("2022-05-11T19:10:00Z"), now)], now);
    expect(await todaysNews(now)).toEqual([]);
  });

  it("newsTime: backlog counts at its old time, fresh items at first sight", () => {
    const base = { firstSeenAt: new Date(ADDED.getTime() + H), publishedAt: new Date(ADDED.getTime() + H), dateIsFallback: true };
    const undatedFirstPoll = newsTime(base as never, { createdAt: ADDED });
    expect(undatedFirstPoll).toBeLessThan(ADDED.getTime() - 7 * 24 * H);
    const undatedLater = newsTime({ ...base, firstSeenAt: new Date(ADDED.getTime() + 30 * H) } as never, { createdAt: ADDED });
    expect(undatedLater).toBe(ADDED.getTime() + 30 * H);
    const lateFetch = newsTime({ ...base, dateIsFallback: false, publishedAt: new Date(ADDED.getTime() - 5 * H) } as never);
    expect(lateFetch).toBe(base.firstSeenAt.getTime());
  });
});
