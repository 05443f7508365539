import { describe, expect, it } from "vitest";
import { contentTerms, figureTerm, isDistinctiveFigure } from "../../../src/digest/stories/text-tokens.js";

describe("contentTerms figures", () => {
  it("writes one figure the same way whichever way an outlet writes it", () => {
    const a = contentTerms("Nvidia reported revenue of $35.1 billion, up 94 percent");
    const b = contentTerms("sales of $35.1bn topped forecasts, up 94%");
    expect(a).toContain("35.1b");
    expect(b).toContain("35.1b");
    expect(a).toContain("94%");
    expect(b).toContain("94%");
    expect(contentTerms("a 2,500 million deal and 3.5 per cent")).toEqual(["2500m", "deal", "3.5%"]);
  });

  it("leaves numbers inside words, versions and lone digits as before", () => {
    expect(contentTerms("GPT4o renders 1080p clips")).toEqual(["gpt4o", "render", "1080p", "clip"]);
    // Version numbers have no unit: "3.5" stays one term but is no amount; a lone digit is dropped.
    expect(contentTerms("Claude 3.5 Sonnet ships 5 tools")).toEqual(["claud", "3.5", "sonnet", "ship", "tool"]);
    expect(contentTerms("no digits here")).toEqual(["digit"]);
  });

  it("reads a scale unit only as a whole word", () => {
    expect(contentTerms("20 Million users")).toEqual(["20m", "user"]);
    expect(contentTerms("4 bees")).toEqual(["bee"]);
  });
});

describe("isDistinctiveFigure", () => {
  it("takes precise amounts and shares, not round ones, counts, years or words", () => {
    for (const t of ["35.1b", "94%", "157b", "6.6b", "2.5%"]) expect(isDistinctiveFigure(t), t).toBe(true);
    for (const t of ["4b", "20m", "50%", "1000", "2024", "3.5", "gpt4o", "billion"]) expect(isDistinctiveFigure(t), t).toBe(false);
    expect(isDistinctiveFigure(figureTerm("0.25", "percent"))).toBe(true);
  });
});
