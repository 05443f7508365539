import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { scenarioItems, storiesOf } from "./labelled-items.js";

/** Every item of one of the project's scenario files, clustered offline in time order: stories as "id,id,…". */
function fileStories(file: string): string[] {
  const text = readFileSync(fileURLToPath(new URL(`../../../scenarios/${file}`, import.meta.url)), "utf8");
  const rows = text.split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as { id: string; published: string | null });
  rows.sort((a, b) => (a.published ?? "").localeCompare(b.published ?? ""));
  return storiesOf(scenarioItems(file, rows.map((r) => r.id)), "2024-01-01T00:00:00Z");
}

const storyWith = (stories: string[], id: string): string[] => (stories.find((s) => s.split(",").includes(id)) ?? "").split(",");

describe("fragments merge into the established story they are clearly nearest", () => {
  it("March: Devin's funding piece and SIMA's game-playing piece join their events, nothing else does", () => {
    const stories = fileStories("ai-events-2024-03.jsonl");
    // "Founders Fund leads $21 million bet on a coding agent" beside "Cognition unveils Devin …".
    const devin = storyWith(stories, "e01-1");
    expect(devin).toContain("e01-3");
    // "An agent trained on many games does almost as well …" beside "SIMA: a generalist AI agent …".
    const sima = storyWith(stories, "e11-1");
    expect(sima).toContain("e11-4");
    // No other event's item, no follow-up is pulled in.
    expect(devin.every((id) => /^e01-\d+$/.test(id))).toBe(true);
    expect(sima.every((id) => /^e11-\d+$/.test(id))).toBe(true);
  });
  it("February: the Microsoft–OpenAI report on state hackers is one story with its explainer pieces", () => {
    const hackers = storyWith(fileStories("ai-events-2024-02.jsonl"), "e04-1");
    expect(hackers).toEqual(expect.arrayContaining(["e04-4", "e04-7"]));
    expect(hackers.every((id) => /^e04-\d+$/.test(id))).toBe(true);
  });
});
