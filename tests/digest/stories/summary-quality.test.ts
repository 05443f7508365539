import { describe, expect, it } from "vitest";
import { stripFeedNoise, summaryDefects } from "../../../src/digest/stories/summary-checks.js";
import { extractiveSummary } from "../../../src/digest/stories/summarizer.js";

describe("stripFeedNoise and summaryDefects", () => {
  it("removes aggregator lines, trailers, credits and bylines", () => {
    expect(stripFeedNoise("Score: 295 Comments: 250 By: someone Discussion: https://news.example/item?id=1")).toBe("");
    expect(stripFeedNoise("Article URL: https://a.example/x Comments URL: https://n.example/1 Points: 3 # Comments: 0")).toBe("");
    expect(stripFeedNoise("A model shipped. The post A model shipped appeared first on TechWire.")).toBe("A model shipped.");
    expect(stripFeedNoise("It shipped today. Continue reading…")).toBe("It shipped today.");
    expect(stripFeedNoise("Illustration by Maya Ortiz / The Verge A former employee says the lab moved fast.")).toBe(
      "A former employee says the lab moved fast.",
    );
    expect(stripFeedNoise("Photograph: Claire Dumont / Daily Ledger The French president met the founders.")).toBe(
      "The French president met the founders.",
    );
  });

  it("names what is left wrong, and passes a clean or deliberately shortened summary", () => {
    expect(summaryDefects("Score: 12 Comments: 3")).toContain("boilerplate");
    expect(summaryDefects("Photo by Ana Kessler / The Circuit shows the demo.")).toContain("credit");
    expect(summaryDefects("The company said it would cooperate with the")).toEqual(["cut"]);
    expect(summaryDefects("See https://example.com for more.")).toContain("address");
    expect(summaryDefects("The model is free for everyone.")).toEqual([]);
    expect(summaryDefects("The model is free for everyone and comes in three sizes…")).toEqual([]);
  });
});

describe("extractiveSummary", () => {
  const title = "OpenAI unveils GPT-4o, a faster model that talks and sees";

  it("chooses across every item's text, not only the headline item's", () => {
    const s = extractiveSummary({
      title,
      texts: [
        "Score: 1843 Comments: 1297 By: zxcvbnm_ Discussion: https://news.example/item?id=1",
        "Illustration by Maya Ortiz / The Circuit Free ChatGPT users get the new model, with higher limits for paying subscribers. The post GPT-4o appeared first on The Circuit.",
      ],
    });
    expect(s).toBe("Free ChatGPT users get the new model, with higher limits for paying subscribers.");
  });

  it("never uses a sentence the feed cut off, and gives none rather than a bad one", () => {
    expect(extractiveSummary({ title, texts: ["The company said developers who resell access could see their margins"] })).toBe("");
    expect(extractiveSummary({ title, texts: ["Score: 5 Comments: 1", ""] })).toBe("");
    const s = extractiveSummary({
      title,
      texts: ["The API costs half as much as GPT-4 Turbo with five times the rate limits. Startups reselling access could see margins"],
    });
    expect(s).toBe("The API costs half as much as GPT-4 Turbo with five times the rate limits.");
  });

  it("skips a sentence that only restates the headline", () => {
    const s = extractiveSummary({
      title,
      texts: ["OpenAI unveils GPT-4o, a faster model that talks and sees. The model answers spoken questions in about 300 milliseconds, close to human reply times."],
    });
    expect(s).toBe("The model answers spoken questions in about 300 milliseconds, close to human reply times.");
  });

  it("shortens an overlong sentence at a word with an ellipsis", () => {
    const long = `The release ${"includes many detailed improvements across speech, vision and text, ".repeat(8)}the company said.`;
    const s = extractiveSummary({ title, texts: [long] }, { maxChars: 200 });
    expect(s.length).toBeLessThanOrEqual(200);
    expect(s.endsWith("…")).toBe(true);
  });
});
