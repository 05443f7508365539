import { describe, expect, it } from "vitest";
import type { Story } from "../../src/core/types.js";
import { buildDigest } from "../../src/digest/build-digest.js";
import { prepareStories, selectStories } from "../../src/digest/select-stories.js";

const now = new Date("2026-11-24T12:00:00Z");
const story = (topics: [string, number][]): Story => ({
  id: "s", headlineItemId: "i", title: "OpenAI raises $6.6bn; Nvidia and Microsoft take part", url: "https://x.example/s", summary: "",
  imageUrl: null, sources: [], topics: topics.map(([topicId, confidence]) => ({ topicId, confidence })), score: 1, firstSeenAt: now, lastSeenAt: now,
});
const names = new Map(["business", "openai", "chips", "microsoft", "llms"].map((id) => [id, { id, name: id.toUpperCase() }]));

describe("topic confidence", () => {
  it("shows at most three confident tags, best first", () => {
    const doc = buildDigest([story([["chips", 0.75], ["business", 1], ["llms", 0.65], ["openai", 0.94], ["microsoft", 0.74]])], names, { date: "2026-11-24", maxStories: 5 });
    expect(doc.stories[0]!.topics.map((t) => t.id)).toEqual(["business", "openai", "chips"]);
  });

  it("shows the best tag when none is confident", () => {
    const doc = buildDigest([story([["llms", 0.4], ["chips", 0.45]])], names, { date: "2026-11-24", maxStories: 5 });
    expect(doc.stories[0]!.topics.map((t) => t.id)).toEqual(["chips"]);
  });

  it("a passing mention does not put a story in that topic's digest", () => {
    const prepared = prepareStories([story([["business", 1], ["chips", 0.4]])]);
    const spec = { since: new Date(now.getTime() - 3_600_000), include: [], exclude: [], delivered: new Set<string>(), maxStories: 5 };
    expect(selectStories(prepared, { ...spec, topics: ["chips"] }).stories).toHaveLength(0);
    expect(selectStories(prepared, { ...spec, topics: ["business"] }).stories).toHaveLength(1);
  });
});
