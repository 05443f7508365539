import { describe, expect, it } from "vitest";
import { renderDigest, storyEmbed } from "../../../src/bots/discord/render-digest.js";
import type { DigestStory } from "../../../src/core/types.js";

function story(sentences: number, o: Partial<DigestStory> = {}): DigestStory {
  const citations = Array.from({ length: sentences }, (_, i) => ({
    text: `Sentence ${i} says **what** happened @everyone.`,
    sources: [
      { n: 1, url: `https://a.example/${"x".repeat(150)}/${i}` },
      { n: 2, url: "https://b.example/(2)" },
    ],
  }));
  return {
    id: "s1",
    title: "Title",
    url: "https://a.example/1",
    summary: citations.map((c) => c.text).join(" "),
    citations,
    imageUrl: null,
    sources: [
      { name: "Alpha", url: "https://a.example/1" },
      { name: "Beta", url: "https://b.example/2" },
    ],
    moreSources: 0,
    topics: [],
    score: 1,
    ...o,
  };
}

describe("Discord digest with a grounded summary", () => {
  it("links each sentence's sources as small numbered links, escaped, and numbers the outlets", () => {
    const e = storyEmbed(story(1), 0, 1, "2026-11-24");
    expect(e.description).toBe(
      `Sentence 0 says \\*\\*what\\*\\* happened @everyone.[¹](https://a.example/${"x".repeat(150)}/0)˒[²](https://b.example/%282%29)`,
    );
    const sources = e.fields?.find((f) => f.name === "Sources")?.value;
    expect(sources).toBe("[¹Alpha](https://a.example/1) · [²Beta](https://b.example/2)");
  });

  it("stays within the embed limits, dropping whole sentences", () => {
    const e = storyEmbed(story(12), 0, 1, "2026-11-24");
    expect(e.description?.length).toBeLessThanOrEqual(1_600);
    expect((e.description?.match(/\[¹\]/g) ?? []).length).toBe((e.description?.match(/Sentence \d+/g) ?? []).length);
    const messages = renderDigest({ title: "AI news", date: "2026-11-24", stories: Array.from({ length: 10 }, () => story(12)), more: 0 });
    for (const m of messages) {
      expect(m.embeds.length).toBeLessThanOrEqual(10);
      const total = m.embeds.reduce((n, x) => n + (x.title?.length ?? 0) + (x.description?.length ?? 0) + (x.footer?.text.length ?? 0) + (x.fields ?? []).reduce((k, f) => k + f.name.length + f.value.length, 0), 0);
      expect(total).toBeLessThanOrEqual(6000);
    }
  });
});
