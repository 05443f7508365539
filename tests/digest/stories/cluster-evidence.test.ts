import { describe, expect, it } from "vitest";
import { rivalled } from "../../../src/digest/stories/cluster-evidence.js";

describe("rivalled", () => {
  it("compares the evidence's story and the nearest story on one scale, small-story penalty paid by both", () => {
    // The dev scenario without Hacker News: the Sutskever exit item found the one-item Altman voice
    // story by evidence at 0.102; the one-item exit story stood at 0.170, 0.070 after its penalty.
    const evidence = { cluster: 1, similarity: 0.102 };
    const best = { cluster: 2, similarity: 0.07 };
    expect(rivalled(evidence, best, 0.1)).toBe(true);
    // A settled story found by evidence (penalty 0.1 / 10) keeps the item.
    expect(rivalled(evidence, best, 0.01)).toBe(false);
  });

  it("is no rival when the nearest story is the evidence's own, or when either found none", () => {
    expect(rivalled({ cluster: 1, similarity: 0.1 }, { cluster: 1, similarity: 0.3 }, 0.1)).toBe(false);
    expect(rivalled({ cluster: -1, similarity: 0 }, { cluster: 2, similarity: 0.3 }, 0)).toBe(false);
    expect(rivalled({ cluster: 1, similarity: 0.1 }, { cluster: -1, similarity: 0 }, 0.1)).toBe(false);
  });
});
