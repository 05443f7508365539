import { describe, expect, it } from "vitest";
import { labelTopics } from "../../../src/digest/quality/topic-labels.js";

describe("labelTopics", () => {
  it("maps a topic's own name in other words, a regulator and a one-product company", () => {
    expect([...labelTopics(["AI agents", "Business", "FTC", "Midjourney"])].sort()).toEqual([
      "agents",
      "business",
      "image-generation",
      "policy",
    ]);
  });

  it("leaves words that straddle topics, or name no topic of ours, out of scope", () => {
    expect(labelTopics(["elections", "privacy", "intellectual property", "xAI", "Apple"]).size).toBe(0);
  });
});
