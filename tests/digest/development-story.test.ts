/**
 * A development the clusterer put inside a story a destination already received (issue 11): shown to
 * it once, as an update replying to the story, never left out and never the whole story again.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../src/core/ports.js";
import type { Item, Story } from "../../src/core/types.js";
import { describeFollowUps } from "../../src/digest/follow-up-context.js";
import { loadSelectionInputs, prepareStories, selectStories, specFor, type SelectionSpec } from "../../src/digest/select-stories.js";
import { mergedDevelopments } from "../../src/digest/stories/merged-developments.js";
import { updateId } from "../../src/digest/development-story.js";
import { openStore } from "../../src/store/open-store.js";

const H = 3_600_000;
const T0 = Date.parse("2026-11-24T04:00:00Z");
const item = (id: string, at: number, title: string, summary = "", o: Partial<Item> = {}): Item => ({
  id,
  feedId: `f-${id}`,
  hash: id,
  guid: id,
  url: `https://news.example/${id}`,
  canonicalUrl: `https://news.example/${id}`,
  title,
  summary,
  contentHash: id,
  imageUrl: null,
  author: null,
  publishedAt: new Date(at),
  dateIsFallback: false,
  firstSeenAt: new Date(at),
  storyId: "sora",
  ...o,
});
const event = [
  item("a", T0, "Artists leak OpenAI's Sora video model on Hugging Face", "Testers shared Sora in protest."),
  item("b", T0 + H, "Sora leaked by protesting testers", "OpenAI's Sora was open to anyone on Hugging Face."),
  item("c", T0 + 2 * H, "OpenAI's Sora briefly public after artists' protest"),
];
const response = item("r", T0 + 22 * H, "OpenAI responds to the Sora leak and ends early access", "OpenAI revoked the testers' keys.");

describe("developments inside a story", () => {
  it("are members that develop the earlier ones, a follow-up gap after they broke", () => {
    expect(mergedDevelopments([...event, response]).map((i) => i.id)).toEqual(["r"]);
    // Same words hours later is coverage; a day later with no development word is coverage too.
    expect(mergedDevelopments([...event, { ...response, publishedAt: new Date(T0 + 4 * H), firstSeenAt: new Date(T0 + 4 * H) }])).toEqual([]);
    expect(mergedDevelopments([...event, item("x", T0 + 22 * H, "Sora leak: what artists wanted")])).toEqual([]);
    // "after" develops the story only when what follows it names the story.
    expect(mergedDevelopments([...event, item("y", T0 + 22 * H, "Stocks fall after a weak jobs report")])).toEqual([]);
    // An undated member has no time to compare.
    expect(mergedDevelopments([...event, { ...response, dateIsFallback: true }])).toEqual([]);
  });
});

const sora: Story = {
  id: "sora",
  headlineItemId: "a",
  title: "Artists leak OpenAI's Sora video model on Hugging Face",
  url: "https://news.example/a",
  summary: "Testers shared Sora in protest.",
  imageUrl: null,
  sources: event.map((i) => ({ name: `Outlet ${i.id}`, url: i.url, feedId: i.feedId, itemId: i.id })),
  topics: [{ topicId: "openai", confidence: 0.9 }],
  score: 5,
  firstSeenAt: new Date(T0),
  lastSeenAt: new Date(T0 + 22 * H),
};
const spec = (delivered: string[], since = T0 + 12 * H): SelectionSpec => ({
  since: new Date(since),
  topics: [],
  include: [],
  exclude: [],
  delivered: new Set(delivered),
  maxStories: 10,
  developments: new Map([["sora", [response]]]),
});

describe("selection of a development inside a delivered story", () => {
  const prepared = prepareStories([sora]);
  it("shows it as an update of the story, with its own headline and outlet", () => {
    const s = selectStories(prepared, spec(["sora"]));
    expect(s.stories).toHaveLength(1);
    const entry = s.stories[0]!;
    expect(entry).toMatchObject({ id: updateId("sora", "r"), title: response.title, url: response.url, headlineItemId: "r" });
    expect(entry.sources.map((x) => x.itemId)).toEqual(["r"]);
    expect(s.followUps?.get(entry.id)).toMatchObject({ kind: "update", earlierStoryId: "sora" });
  });
  it("shows it once, only if it came since the last digest, and never to a destination without the story", () => {
    expect(selectStories(prepared, spec(["sora", updateId("sora", "r")])).stories).toEqual([]);
    expect(selectStories(prepared, spec(["sora"], T0 + 23 * H)).stories).toEqual([]);
    const fresh = selectStories(prepared, spec([]));
    expect(fresh.stories.map((x) => x.id)).toEqual(["sora"]);
    expect(fresh.followUps?.size ?? 0).toBe(0);
  });
});

describe("loaded from the store", () => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore("sqlite::memory:");
  });
  afterEach(async () => {
    await store.close();
  });

  it("replies to where the destination got the story", async () => {
    const at = new Date(T0);
    const feed = await store.feeds.add({ url: "https://news.example/feed", scope: { kind: "global" }, title: "News" }, at);
    const items = [...event, response].map((i) => ({ ...i, feedId: feed.id }));
    for (const i of items) {
      const { firstSeenAt, storyId: _s, ...fresh } = i;
      await store.items.upsertMany([fresh], firstSeenAt);
    }
    const stored = await store.items.listSince(new Date(0));
    expect(stored).toHaveLength(4);
    await store.stories.save({ ...sora, sources: sora.sources.map((x) => ({ ...x, feedId: feed.id })) });
    await store.items.assignStory(stored.map((i) => i.id), "sora");
    const dest = await store.destinations.upsert({ platform: "telegram", chatId: "-100", kind: "channel", timeOfDay: "07:00", timeZone: "UTC" }, at);
    await store.deliveries.markDelivered(dest.id, ["sora"], null, new Date(T0 + 3 * H));
    await store.storyMessages.record([{ destinationId: dest.id, storyId: "sora", deliveryId: null, chatId: "-100", threadId: null, messageId: "41", sentAt: new Date(T0 + 3 * H) }]);
    await store.destinations.update(dest.id, { lastDigestAt: new Date(T0 + 12 * H) });

    const now = new Date(T0 + 27 * H);
    const { prepared, inputs } = await loadSelectionInputs(store, [(await store.destinations.get(dest.id))!], now);
    const selection = selectStories(prepared, specFor(inputs[0]!, now));
    expect(selection.stories.map((s) => s.title)).toEqual([response.title]);
    const described = await describeFollowUps(store, dest.id, selection.followUps!);
    expect(described.get(selection.stories[0]!.id)).toMatchObject({ kind: "update", earlierStoryId: "sora", replyTo: { chatId: "-100", messageId: "41" } });
  });
});

describe("inside one story, a cause is not a development", () => {
  it("does not take 'X after <the story's own cause>' a day later for a development", () => {
    const probe = [
      item("p1", T0, "NHTSA opens probe into Waymo after 22 robotaxi incidents", "The regulator reviews 22 incidents."),
      item("p2", T0 + H, "Waymo robotaxis under federal investigation", "22 incidents are under review."),
    ];
    expect(mergedDevelopments([...probe, item("p3", T0 + 20 * H, "US safety regulator investigates Waymo after 22 robotaxi incidents")])).toEqual([]);
    expect(mergedDevelopments([...probe, item("p4", T0 + 20 * H, "Waymo responds to the federal probe and recalls its software")]).map((i) => i.id)).toEqual(["p4"]);
  });
});
