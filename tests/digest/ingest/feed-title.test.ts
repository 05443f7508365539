import { describe, expect, it } from "vitest";
import { cleanFeedTitle, outletName } from "../../../src/digest/ingest/feed-title.js";

describe("cleanFeedTitle", () => {
  it("strips markup, decodes entities and removes controls", () => {
    expect(cleanFeedTitle("it&apos;s <b>AT&amp;T</b>\u001b[2J \u202Eok")).toBe("it's AT&T ok");
    expect(cleanFeedTitle("   ")).toBeNull();
    expect(cleanFeedTitle(null)).toBeNull();
  });
});

describe("outletName", () => {
  it.each([
    ["Ars Technica - All content", "https://arstechnica.com/", "Ars Technica"],
    ["The Verge -  Front Pages", "https://www.theverge.com/", "The Verge"],
    ["MIT Technology Review » Artificial intelligence", "https://www.technologyreview.com/", "MIT Technology Review"],
    ["Blog – OpenAI", "https://openai.com/blog", "OpenAI"],
    ["Latest News | TechCrunch", "https://techcrunch.com/", "TechCrunch"],
    ["Hacker News: Best", "https://news.ycombinator.com/", "Hacker News"],
    ["heise developer RSS Feed", "https://www.heise.de/developer/", "heise developer"],
    ["RSS", "https://www.example.co.uk/", "example.co.uk"],
  ])("%s → %s", (title, site, expected) => {
    expect(outletName(title, site)).toBe(expected);
  });
  it("falls back to the first meaningful part without a site", () => {
    expect(outletName("Rest of World - ", null)).toBe("Rest of World");
    expect(outletName(null, null)).toBeNull();
  });
});
