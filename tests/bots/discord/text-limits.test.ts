import { describe, expect, it } from "vitest";
import { safeText } from "../../../src/bots/discord/text-limits.js";

describe("safeText", () => {
  it("flattens feed text to one line by default", () => {
    expect(safeText("A  title\r\nsplit\tover lines", 100)).toBe("A title split over lines");
  });

  it("keeps line breaks when multiline, escaping markdown at each line start and capping the length", () => {
    expect(safeText("  a  *b*\r\n# head\n\n\n- item  \n1. x", 100, { multiline: true })).toBe("a \\*b\\*\n\\# head\n\n\\- item\n1\\. x");
    const long = safeText("line\n".repeat(500), 1024, { multiline: true });
    expect(long.length).toBeLessThanOrEqual(1024);
    expect(long.split("\n").length).toBeGreaterThan(100);
  });
});
