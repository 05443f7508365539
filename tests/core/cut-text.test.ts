import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cutText, hasLoneSurrogate } from "../../src/core/cut-text.js";

describe("cutText", () => {
  it("keeps text that fits, and cuts whole graphemes with an ellipsis within the limit", () => {
    expect(cutText("short", 10)).toBe("short");
    expect(cutText("abcdefghij", 5)).toBe("abcd…");
    // An emoji (two UTF-16 units) straddling the limit is left out whole, never halved.
    expect(cutText(`${"a".repeat(198)}😀😀`, 200)).toBe(`${"a".repeat(198)}…`);
    // A family emoji (ZWJ sequence) or a flag is one grapheme: all or nothing.
    expect(cutText(`ab👨‍👩‍👧xyz`, 6)).toBe("ab…");
    expect(cutText("e\u0301e\u0301e\u0301", 4)).toBe("e\u0301…");
    expect(cutText("abc", 0)).toBe("");
  });

  it("never exceeds the limit nor leaves a lone surrogate, whatever the text", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", " ", "😀", "👍🏽", "🇩🇪", "e\u0301", "👨‍👩‍👧", "\ud800", "中"), maxLength: 300 }), fc.integer({ min: 1, max: 250 }), (s, max) => {
        const out = cutText(s, max);
        expect(out.length).toBeLessThanOrEqual(max);
        if (!hasLoneSurrogate(s)) expect(hasLoneSurrogate(out)).toBe(false);
        if (s.length <= max) expect(out).toBe(s);
        else expect(out.endsWith("…") || out === "").toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("cuts a huge string by looking only at its head", () => {
    const huge = "😀".repeat(2_000_000);
    const started = performance.now();
    expect(cutText(huge, 100)).toBe(`${"😀".repeat(49)}…`);
    expect(performance.now() - started).toBeLessThan(200);
  });
});
