import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/core/logger.js";
import type { Store } from "../../../src/core/ports.js";
import { clusterNewItems, storyIdFor } from "../../../src/digest/stories/build-stories.js";
import { previewDigest } from "../../../src/digest/build-digest.js";
import { renderDigestText } from "../../../src/bots/console/render-digest.js";
import { openStore } from "../../../src/store/open-store.js";
import { loadScenario, type ScenarioFeed } from "./scenario-items.js";

const NOW = new Date("2024-11-26T20:00:00Z");
let store: Store;
let scenario: ScenarioFeed[];

async function ingest(feeds: ScenarioFeed[], only?: (label: string) => boolean): Promise<Map<string, string>> {
  const labelOf = new Map<string, string>();
  for (const f of feeds) {
    const feed = (await store.feeds.findByUrl(`https://${f.file}.example/feed`)) ??
      (await store.feeds.add({ url: `https://${f.file}.example/feed`, scope: { kind: "global" }, title: f.title }, NOW));
    const items = f.items.filter((i) => !only || only(i.label)).map(({ label, ...item }) => {
      labelOf.set(item.title, label);
      return { ...item, feedId: feed.id, id: `${feed.id}:${item.hash}` };
    });
    await store.items.upsertMany(items, NOW);
  }
  return labelOf;
}

beforeEach(async () => {
  store = await openStore("sqlite::memory:");
  scenario = await loadScenario();
});
afterEach(async () => {
  await store.close();
});

describe("clusterNewItems order", () => {
  it("takes items of the same time in the order of their content, not of their ids", async () => {
    // Item ids hash a feed's random id: ordering ties by id gave other stories from the same feeds.
    const at = new Date("2024-11-26T12:00:00Z");
    const item = (n: number, id: string, hash: string) => ({
      id, hash, guid: hash, url: `https://o${n}.example/a`, canonicalUrl: `https://o${n}.example/a`, contentHash: hash, imageUrl: null, author: null,
      title: "Acme recalls the Zephyr 3 robot after battery fires", summary: "Acme said it would recall every Zephyr 3 sold since March after reports of battery fires.",
      publishedAt: at, dateIsFallback: false,
    });
    for (const [n, id, hash] of [[1, "a-item", "z-content"], [2, "z-item", "a-content"]] as const) {
      const feed = await store.feeds.add({ url: `https://o${n}.example/feed`, scope: { kind: "global" }, title: `Outlet ${n}` }, NOW);
      await store.items.upsertMany([{ ...item(n, id, hash), feedId: feed.id }], NOW);
    }
    await clusterNewItems({ store, logger: silentLogger }, { now: NOW });
    expect((await store.items.get("a-item"))?.storyId).toBe(storyIdFor("z-item"));
    expect((await store.items.get("z-item"))?.storyId).toBe(storyIdFor("z-item"));
  });
});

describe("clusterNewItems on the multi-outlet scenario", () => {
  it("makes one Sora story listing every outlet, tagged openai, video-generation and labour", async () => {
    await ingest(scenario);
    const run = await clusterNewItems({ store, logger: silentLogger }, { now: NOW });
    expect(run.items).toBe(19);
    expect(run.stories.every((s) => s.status === "created")).toBe(true);
    expect(await store.items.listUnclustered()).toHaveLength(0);

    const stories = await store.stories.listSince(new Date("2024-11-25T00:00:00Z"));
    const sora = stories.filter((s) => /sora/i.test(s.title) && s.sources.length > 1);
    expect(sora).toHaveLength(1);
    const story = sora[0]!;
    expect(story.sources).toHaveLength(6);
    expect(new Set(story.sources.map((s) => s.name)).size).toBe(6);
    const topicIds = story.topics.map((t) => t.topicId);
    expect(topicIds).toEqual(expect.arrayContaining(["openai", "video-generation", "labour"]));
    expect(story.summary.length).toBeGreaterThan(20);
    // The other OpenAI stories are separate stories.
    const funding = stories.find((s) => /6\.6/.test(s.title));
    expect(funding?.id).not.toBe(story.id);
    expect(funding!.sources.length).toBe(3);
    // The best-covered story ranks first.
    expect(stories[0]?.id).toBe(story.id);
  });

  it("lets items of a later poll join existing stories, keeping the story id", async () => {
    let first = true;
    await ingest(scenario, (label) => label !== "sora-leak" || (first && !(first = false)));
    await clusterNewItems({ store, logger: silentLogger }, { now: NOW });
    const before = await store.stories.listSince(new Date(0));
    const soraBefore = before.find((s) => /sora/i.test(s.title));
    expect(soraBefore?.sources).toHaveLength(1);

    await ingest(scenario);
    const run = await clusterNewItems({ store, logger: silentLogger }, { now: NOW });
    expect(run.items).toBe(5);
    const after = await store.stories.get(soraBefore!.id);
    expect(after?.sources).toHaveLength(6);
    expect(run.stories.find((s) => s.storyId === soraBefore!.id)?.status).toBe("updated");
  });

  it("previews a digest that lists the Sora story with its sources", async () => {
    await ingest(scenario);
    await clusterNewItems({ store, logger: silentLogger }, { now: NOW });
    const doc = await previewDigest(store, { topics: ["video-generation"], maxStories: 2 }, NOW);
    expect(doc.date).toBe("2024-11-26");
    expect(doc.title).toBe("AI news — Tuesday 26 November 2024");
    expect(doc.stories[0]?.moreSources).toBe(3);
    expect(doc.stories.every((s) => s.topics.some((t) => t.id === "video-generation"))).toBe(true);
    const text = renderDigestText(doc);
    expect(text).toContain("+3 more sources");
    expect(text).not.toContain("\u001b[");
  });
});
