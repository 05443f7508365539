import { describe, expect, it } from "vitest";
import { linkStories, type LinkerStory } from "../../../src/digest/stories/follow-up-linker.js";
import { NamelessDevelopments } from "../../../src/digest/stories/nameless-development.js";
import { scenarioItems } from "./labelled-items.js";
import { linkerStory } from "./linker-story.js";

const H = 3_600_000;
const T0 = Date.parse("2024-05-14T18:00:00Z");

const story = linkerStory;

// The dev scenario's shape: Google's AI answers in search, and the company's other news that week.
const search = story(
  "search",
  T0,
  ["Google is putting AI answers at the top of search for everyone in the US", "AI Overviews, the generated summaries Google has been testing, start rolling out to all US users today."],
  ["Publishers brace as Google makes generated answers the default", "News organisations have long relied on traffic from Google search; many fear fewer readers will click through."],
  ["Can Google reinvent search without breaking its ad machine?", "Alphabet is betting that AI Overviews will make people search more; publishers would like to see data."],
);
const photos = story("photos", T0 + H, ["'Ask Photos' will let you search your Google Photos library", "Google's Gemini answers questions about your pictures, such as your licence plate number."]);
const veo = story("veo", T0 + 2 * H, ["Google answers Sora with Veo, a video model", "Google DeepMind's Veo turns text prompts into high-definition footage for creators."]);
const patch = story("patch", T0 + 3 * H, ["Microsoft's May Patch Tuesday fixes two actively exploited zero-days", "On Tuesday Microsoft shipped fixes for 61 flaws, two of them exploited in the wild before the switch to the new release."]);
const zeroClick = story("zero-click", T0 + 21 * H, [
  "The zero-click future now has a launch date",
  "On Tuesday Google flipped the switch; by Wednesday the trade associations were drafting statements. Here is why publishers think this time is different from every previous search redesign.",
]);
const pool = [search, photos, veo, patch];

describe("nameless developments", () => {
  it("links a headline that names nothing to the story its words develop, among those holding its names", () => {
    expect(linkStories([zeroClick], [...pool, zeroClick])).toEqual([{ storyId: "zero-click", earlierStoryId: "search", kind: "followup", score: expect.any(Number) }]);
    // Among every earlier story, Microsoft's Patch Tuesday ("Tuesday", "switch") is nearly as near:
    // the company the item names is what keeps it out.
    const words = new NamelessDevelopments(new Map([...pool, zeroClick].map((s) => [s.id, s])));
    expect(words.develops(zeroClick, pool)).toBeNull();
    expect(words.develops(zeroClick, [search, photos, veo])?.story.id).toBe("search");
  });
  it("links nothing when no earlier story holds the item's names", () => {
    const onlyMicrosoft = [patch, story("azure", T0, ["Microsoft's search ads grow", "Bing's publishers and search partners saw traffic rise."])];
    expect(linkStories([zeroClick], [...onlyMicrosoft, zeroClick])).toEqual([]);
  });
  it("links nothing undated, nothing without a development word, nothing too soon after the story", () => {
    const undated: LinkerStory = { ...zeroClick, id: "undated", items: zeroClick.items.map((i) => ({ ...i, undated: true })) };
    expect(linkStories([undated], [...pool, undated])).toEqual([]);
    const plain = story("plain", T0 + 21 * H, ["The zero-click future is here", zeroClick.items[0]?.summary ?? ""]);
    expect(linkStories([plain], [...pool, plain])).toEqual([]);
    const soon = story("soon", T0 + 5 * H, ...zeroClick.items.map((i): [string, string] => [i.title, i.summary]));
    expect(linkStories([soon], [...pool, soon])).toEqual([]);
  });
  it("leaves a headline that names something to the name-based linker", () => {
    const named = story("named", T0 + 21 * H, ["Stack Overflow now has a launch date for its AI answers", zeroClick.items[0]?.summary ?? ""]);
    expect(linkStories([named], [...pool, named])).toEqual([]);
  });
  it("needs the story developed clearly nearer than the next one", () => {
    // Two Google search stories told in the same words: the item develops either, so neither.
    const twin = { ...search, id: "twin", firstSeen: T0 + H };
    expect(linkStories([zeroClick], [...pool, twin, zeroClick])).toEqual([]);
  });
  it("links the March scenario's 'A pause worth a thousand words' to the CTO's Sora interview", () => {
    const rows = scenarioItems("ai-events-2024-03.jsonl", ["e04-1", "e04-2", "e04-3", "e04-5", "e03-1", "e03-3", "e03-6", "e06-2", "e06-3", "e04-f-1"]);
    const byStory = new Map<string, typeof rows>();
    for (const r of rows) byStory.set(r.id.replace(/-\d+$/, ""), [...(byStory.get(r.id.replace(/-\d+$/, "")) ?? []), r]);
    const stories = [...byStory].map(([id, items]): LinkerStory => ({
      id,
      firstSeen: Math.min(...items.map((i) => Date.parse(i.published ?? ""))),
      items: items.map((i) => ({ title: i.title, summary: i.summary })),
    }));
    const pause = stories.find((s) => s.id === "e04-f") as LinkerStory;
    expect(linkStories([pause], stories)).toEqual([{ storyId: "e04-f", earlierStoryId: "e04", kind: "followup", score: expect.any(Number) }]);
  });
});
