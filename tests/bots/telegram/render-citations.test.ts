import { describe, expect, it } from "vitest";
import { renderDigest, renderStory } from "../../../src/bots/telegram/render-digest.js";
import type { DigestStory } from "../../../src/core/types.js";
import { parseHtml } from "../../fakes/telegram/parse-html.js";

const cited: DigestStory = {
  id: "s1",
  title: "Microsoft to invest 4 billion euros in France",
  url: "https://globalpost.example/1",
  summary: "The pledge is <b>Microsoft's</b> largest in France. It will train 1 million people.",
  citations: [
    { text: "The pledge is <b>Microsoft's</b> largest in France.", sources: [{ n: 1, url: "https://globalpost.example/1" }] },
    {
      text: "It will train 1 million people.",
      sources: [
        { n: 2, url: "https://eurodigital.example/2" },
        { n: 5, url: "https://wire.example/5" },
      ],
    },
  ],
  imageUrl: null,
  sources: [
    { name: "GlobalPost", url: "https://globalpost.example/1" },
    { name: "EuroDigital", url: "https://eurodigital.example/2" },
  ],
  moreSources: 3,
  topics: [],
  score: 1,
};

describe("Telegram digest with a grounded summary", () => {
  it("puts each sentence's sources after it as small numbered links, and numbers the outlets", () => {
    const [html] = renderDigest({ title: "AI news", date: "2026-11-24", stories: [cited], more: 0 });
    expect(html).toContain(
      'The pledge is &lt;b&gt;Microsoft\'s&lt;/b&gt; largest in France.<a href="https://globalpost.example/1">¹</a> ' +
        'It will train 1 million people.<a href="https://eurodigital.example/2">²</a>˒<a href="https://wire.example/5">⁵</a>',
    );
    expect(html).toContain('<a href="https://globalpost.example/1">¹GlobalPost</a>, <a href="https://eurodigital.example/2">²EuroDigital</a>');
    const parsed = parseHtml(html ?? "");
    expect(parsed.ok).toBe(true);
  });

  it("drops whole sentences from the end to fit, never a citation", () => {
    const full = renderStory(cited, 1, 4096);
    const short = renderStory(cited, 1, full.length - 5);
    expect(short.length).toBeLessThanOrEqual(full.length - 5);
    expect(short.html).toContain('largest in France.<a href="https://globalpost.example/1">¹</a>');
    expect(short.html).not.toContain("train 1 million");
    // No room for even one cited sentence: the headline and sources alone, no uncited text.
    const tiny = renderStory(cited, 1, 120);
    expect(tiny.html).not.toContain("pledge");
  });
});
