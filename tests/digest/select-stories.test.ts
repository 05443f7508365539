import { describe, expect, it } from "vitest";
import type { Story } from "../../src/core/types.js";
import { prepareStories, selectStories, type SelectionSpec } from "../../src/digest/select-stories.js";

const NOW = new Date("2024-11-26T20:00:00Z");
const hoursAgo = (h: number): Date => new Date(NOW.getTime() - h * 3_600_000);
const story = (id: string, over: Partial<Story> = {}): Story => ({
  id,
  headlineItemId: `${id}-i`,
  title: `Story ${id}`,
  url: `https://x.example/${id}`,
  summary: "",
  imageUrl: null,
  sources: [{ name: "Outlet", url: `https://x.example/${id}`, feedId: "f", itemId: `${id}-i` }],
  topics: [{ topicId: "openai", confidence: 0.8 }],
  score: 1,
  firstSeenAt: hoursAgo(2),
  lastSeenAt: hoursAgo(1),
  ...over,
});
const spec = (over: Partial<SelectionSpec> = {}): SelectionSpec => ({
  since: hoursAgo(24),
  topics: [],
  include: [],
  exclude: [],
  delivered: new Set(),
  maxStories: 10,
  ...over,
});
const ids = (stories: Story[], s: Partial<SelectionSpec> = {}): string[] =>
  selectStories(prepareStories(stories), spec(s)).stories.map((x) => x.id);

describe("selectStories", () => {
  it("ranks by score and counts what did not fit", () => {
    const all = [story("a", { score: 1 }), story("b", { score: 3 }), story("c", { score: 2 })];
    const r = selectStories(prepareStories(all), spec({ maxStories: 2 }));
    expect(r.stories.map((s) => s.id)).toEqual(["b", "c"]);
    expect(r.more).toBe(1);
  });

  it("keeps only stories seen since the cut-off", () => {
    expect(ids([story("old", { lastSeenAt: hoursAgo(30) }), story("new")])).toEqual(["new"]);
    expect(ids([story("x", { lastSeenAt: hoursAgo(5) })], { since: hoursAgo(3) })).toEqual([]);
  });

  it("matches followed topics, or any topic when none are followed", () => {
    const all = [
      story("o"),
      story("v", { topics: [{ topicId: "video-generation", confidence: 0.9 }] }),
      story("none", { topics: [] }),
    ];
    expect(ids(all, { topics: ["video-generation"] })).toEqual(["v"]);
    expect(ids(all).sort()).toEqual(["o", "v"]);
  });

  it("applies include and exclude filters at word boundaries and as phrases", () => {
    const all = [
      story("sora", { title: "Artists leak Sora" }),
      story("said", { title: "CEO said nothing" }),
      story("gpt", { title: "OpenAI ships a new voice mode" }),
    ];
    expect(ids(all, { include: ["sora", "voice mode"] }).sort()).toEqual(["gpt", "sora"]);
    expect(ids(all, { include: ["ai"] })).toEqual([]);
    expect(ids(all, { exclude: ["leak"] }).sort()).toEqual(["gpt", "said"]);
  });

  it("never selects a story delivered before", () => {
    expect(ids([story("a"), story("b")], { delivered: new Set(["a"]) })).toEqual(["b"]);
  });
});
