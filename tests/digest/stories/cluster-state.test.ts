import { describe, expect, it } from "vitest";
import { NEXT_DAY_MS, NEXT_DAY_PENALTY, staleness, type Cluster } from "../../../src/digest/stories/cluster-state.js";

const H = 3_600_000;
const WINDOW = 72 * H;
const T0 = Date.parse("2014-03-10T17:00:00Z");

/** A story of `size` dated members whose mean time is `mean` (all staleness reads of it). */
const story = (size: number, mean: number, dated = size): Cluster => ({ members: Array.from({ length: size }, (_, i) => i), timeSum: mean * dated, dated }) as unknown as Cluster;

describe("staleness", () => {
  it("shares the age penalty among a story's members: a big story hardly ages within the day", () => {
    expect(staleness(story(1, T0), T0 + 36 * H, WINDOW, 0.1)).toBeCloseTo(0.05 + NEXT_DAY_PENALTY, 6);
    expect(staleness(story(40, T0), T0 + 12 * H, WINDOW, 0.1)).toBeLessThan(0.001);
  });
  it("takes the next-day penalty from any story, however big, once an item comes a day after its mean time", () => {
    const big = story(300, T0);
    expect(staleness(big, T0 + NEXT_DAY_MS - H, WINDOW, 0.1)).toBeLessThan(0.001);
    expect(staleness(big, T0 + NEXT_DAY_MS + H, WINDOW, 0.1)).toBeGreaterThanOrEqual(NEXT_DAY_PENALTY);
    // The next morning's columns (under a day) pay nothing of it.
    expect(staleness(big, T0 + 18 * H, WINDOW, 0.1)).toBeLessThan(NEXT_DAY_PENALTY);
  });
  it("ages no story without a dated member (an undated item's time is only when it was seen)", () => {
    expect(staleness(story(3, 0, 0), T0 + 48 * H, WINDOW, 0.1)).toBe(0);
  });
});
