import { describe, expect, it } from "vitest";
import { renderDigestMarkdown, renderDigestText } from "../../../src/bots/console/render-digest.js";
import type { DigestDoc } from "../../../src/core/types.js";

const doc: DigestDoc = {
  title: "AI news — Tuesday 26 November 2024",
  date: "2024-11-26",
  more: 2,
  stories: [
    {
      id: "s1",
      title: "Artists leak *Sora*",
      url: "https://a.example/sora",
      summary: "Testers shared access.",
      imageUrl: null,
      sources: [{ name: "Circuit Ledger", url: "https://a.example/sora" }],
      moreSources: 5,
      topics: [{ id: "openai", name: "OpenAI" }],
      score: 3,
    },
  ],
};

describe("render-digest", () => {
  it("renders plain text without colour by default, with colour on request", () => {
    const text = renderDigestText(doc);
    expect(text).toContain("1. Artists leak *Sora*");
    expect(text).toContain("Sources: Circuit Ledger +5 more sources");
    expect(text).toContain("#openai");
    expect(text).toContain("…and 2 more stories.");
    expect(text).not.toContain("\u001b[");
    expect(renderDigestText(doc, { color: true })).toContain("\u001b[1m");
  });

  it("renders Markdown with escaped titles and linked sources", () => {
    const md = renderDigestMarkdown(doc);
    expect(md).toContain("# AI news — Tuesday 26 November 2024");
    expect(md).toContain("**[Artists leak \\*Sora\\*](<https://a.example/sora>)**");
    expect(md).toContain("[Circuit Ledger](<https://a.example/sora>) \\+5 more");
  });
});
