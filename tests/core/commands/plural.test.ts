import { describe, expect, it } from "vitest";
import { plural } from "../../../src/core/commands/plural.js";
import { replyToText } from "../../../src/core/commands/reply.js";

describe("plural", () => {
  it("uses the singular for exactly one, the plural otherwise (zero included)", () => {
    expect(plural(1, "item")).toBe("1 item");
    expect(plural(0, "item")).toBe("0 items");
    expect(plural(2, "recent item")).toBe("2 recent items");
    expect(plural(1, "story", "stories")).toBe("1 story");
    expect(plural(12, "story", "stories")).toBe("12 stories");
    expect(plural(-1, "item")).toBe("-1 items");
  });

  it("counts a digest's stories in plain-text replies", () => {
    const story = { id: "s", title: "t", url: "https://x.example/", summary: "", imageUrl: null, sources: [], moreSources: 0, topics: [], score: 1 };
    const doc = (n: number) => ({ title: "AI news", date: "2026-11-24", stories: Array.from({ length: n }, () => story), more: 0 });
    expect(replyToText({ blocks: [{ kind: "digest", doc: doc(1) }] })).toBe("AI news (1 story)");
    expect(replyToText({ blocks: [{ kind: "digest", doc: doc(3) }] })).toBe("AI news (3 stories)");
  });
});
