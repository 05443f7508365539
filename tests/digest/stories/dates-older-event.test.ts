import { describe, expect, it } from "vitest";
import { datesOlderEvent } from "../../../src/digest/stories/dates-older-event.js";

const H = 3_600_000;

describe("datesOlderEvent", () => {
  it("is true when the headline dates its subject more than twice as long ago as the gap", () => {
    expect(datesOlderEvent("Three weeks later, Gemini still won't draw people", 14 * H)).toBe(true);
    expect(datesOlderEvent("Two years on, the chatbot is still wrong", 30 * 24 * H)).toBe(true);
    expect(datesOlderEvent("6 months since the launch, few use it", 40 * 24 * H)).toBe(true);
  });
  it("is false within rounding of the gap, and without an elapsed time", () => {
    expect(datesOlderEvent("News industry sounds the alarm a day after Google's launch", 19 * H)).toBe(false);
    expect(datesOlderEvent("A day after the vote, Brussels presses platforms", 36 * H)).toBe(false);
    expect(datesOlderEvent("Google limits Gemini's answers on elections", 14 * H)).toBe(false);
  });
});
