import { describe, expect, it } from "vitest";
import { StorySpans } from "../../../src/digest/stories/story-spans.js";

describe("StorySpans", () => {
  it("answers inWindow as the story objects' spans do, through growth, merges and unknown stories", () => {
    const spans = new StorySpans();
    const hour = 3_600_000;
    for (let ci = 0; ci < 3000; ci++) spans.open(ci, ci * hour);
    spans.set(5, 2 * hour, 9 * hour);
    expect(spans.inWindow(5, 9 * hour + 72 * hour, 72 * hour)).toBe(true);
    expect(spans.inWindow(5, 9 * hour + 73 * hour, 72 * hour)).toBe(false);
    expect(spans.inWindow(5, 2 * hour - 73 * hour, 72 * hour)).toBe(false);
    expect(spans.inWindow(2999, 2999 * hour, 1)).toBe(true);
    expect(spans.inWindow(-1, 0, 72 * hour)).toBe(false);
    expect(spans.inWindow(3000, 0, Infinity)).toBe(false);
    expect(spans.isRoot(7)).toBe(true);
    spans.close(7);
    expect(spans.isRoot(7)).toBe(false);
  });
});
