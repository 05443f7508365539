import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { closestTopic, editDistance } from "../../../src/core/commands/resolve-topic.js";
import { BUILTIN_TOPICS } from "../../../src/digest/stories/topic-catalog.js";

/** Textbook full-table optimal string alignment, to check the rolling-row version against. */
function reference(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  return d[a.length]![b.length]!;
}

describe("editDistance", () => {
  it("counts a transposition as one edit", () => {
    expect(editDistance("opneai", "openai")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });

  it("matches the full-table algorithm", () => {
    const s = fc.string({ unit: fc.constantFrom("a", "b", "c", "d"), maxLength: 9 });
    fc.assert(fc.property(s, s, (a, b) => editDistance(a, b) === reference(a, b)));
  });
});

describe("closestTopic", () => {
  it("guesses typos and unique prefixes, and stays quiet for unrelated words", () => {
    expect(closestTopic(BUILTIN_TOPICS, "opneai")?.id).toBe("openai");
    expect(closestTopic(BUILTIN_TOPICS, "Antrhopic")?.id).toBe("anthropic");
    expect(closestTopic(BUILTIN_TOPICS, "agen")?.id).toBe("agents");
    expect(closestTopic(BUILTIN_TOPICS, "potato salad")).toBeUndefined();
  });
});
