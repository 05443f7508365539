/** Selection with story links (issue 11): never the same story twice, follow-ups marked. */
import { describe, expect, it } from "vitest";
import type { Story, StoryLink } from "../../src/core/types.js";
import { prepareStories, selectStories, type SelectionSpec } from "../../src/digest/select-stories.js";

const NOW = new Date("2026-11-25T07:00:00Z");
const story = (id: string, score: number): Story => ({
  id,
  headlineItemId: `${id}-i`,
  title: `Story ${id}`,
  url: `https://news.example/${id}`,
  summary: "",
  imageUrl: null,
  sources: [{ name: "Outlet", url: `https://news.example/${id}`, feedId: "f1", itemId: `${id}-i` }],
  topics: [{ topicId: "openai", confidence: 0.9 }],
  score,
  firstSeenAt: new Date("2026-11-24T12:00:00Z"),
  lastSeenAt: new Date("2026-11-24T12:00:00Z"),
});
const link = (storyId: string, earlierStoryId: string, kind: StoryLink["kind"]): [string, StoryLink] => [
  storyId,
  { storyId, earlierStoryId, kind, score: 0.5, earlierTitle: `Story ${earlierStoryId}`, earlierUrl: `https://news.example/${earlierStoryId}`, earlierFirstSeenAt: new Date("2026-11-23T12:00:00Z"), createdAt: NOW },
];
const spec = (delivered: string[], links: [string, StoryLink][], maxStories = 10): SelectionSpec => ({
  since: new Date("2026-11-24T00:00:00Z"),
  topics: [],
  include: [],
  exclude: [],
  delivered: new Set(delivered),
  maxStories,
  links: new Map(links),
});

describe("selection with story links", () => {
  const prepared = prepareStories([story("fragment", 5), story("update", 4), story("fresh", 3), story("follows", 2)]);

  it("leaves out more coverage of a received story, shows a follow-up of it as an update", () => {
    const s = selectStories(prepared, spec(["orig"], [link("fragment", "orig", "same"), link("update", "orig", "followup"), link("follows", "never", "followup")]));
    expect(s.stories.map((x) => x.id)).toEqual(["update", "fresh", "follows"]);
    expect(s.moreCoverage).toBe(1);
    expect(s.followUps?.get("update")).toMatchObject({ kind: "update", earlierStoryId: "orig" });
    expect(s.followUps?.get("follows")).toMatchObject({ kind: "follows", earlierStoryId: "never" });
    expect(s.followUps?.has("fresh")).toBe(false);
  });

  it("resolves a follow-up of a late fragment to the original the destination received", () => {
    // update → fragment2 (more coverage, never delivered) → orig (delivered)
    const s = selectStories(prepared, spec(["orig"], [link("update", "fragment2", "followup"), link("fragment2", "orig", "same")]));
    expect(s.followUps?.get("update")).toMatchObject({ kind: "update", earlierStoryId: "orig" });
  });

  it("shows a story once when its more-coverage twin is new today too, whatever their scores", () => {
    // "fragment" scores higher than "fresh", but is more coverage of it: only "fresh" is shown.
    const s = selectStories(prepared, spec([], [link("fragment", "fresh", "same")]));
    expect(s.stories.map((x) => x.id)).toEqual(["update", "fresh", "follows"]);
    expect(s.moreCoverage).toBe(0);
  });

  it("counts left-out coverage apart from stories that did not fit", () => {
    const s = selectStories(prepared, spec(["orig"], [link("fragment", "orig", "same")], 2));
    expect(s.stories.map((x) => x.id)).toEqual(["update", "fresh"]);
    expect(s.more).toBe(1);
    expect(s.moreCoverage).toBe(1);
  });

  it("without links, selection is unchanged", () => {
    const s = selectStories(prepared, { ...spec([], []), links: new Map() });
    expect(s.stories.map((x) => x.id)).toEqual(["fragment", "update", "fresh", "follows"]);
  });
});
