import { describe, expect, it } from "vitest";
import { addressWords } from "../../../src/digest/stories/address-words.js";
import { scenarioItems, storiesOf } from "./labelled-items.js";

describe("addressWords", () => {
  it("reads the slug: the path segment of most words, extension, ids and query left out", () => {
    expect(addressWords("https://arstechnical.example/tech-policy/2024/03/ai-act-fines-timeline-deepfake-labels/")).toEqual(["ai", "act", "fines", "timeline", "deepfake", "labels"]);
    expect(addressWords("https://screentrade.example/2024/05/google-veo-donald-glover-gilga-1519061728/?utm_source=rss#top")).toEqual(["google", "veo", "donald", "glover", "gilga"]);
    expect(addressWords("https://gadgetdaily.example/2024/05/chatgpt-mac-app-gpt-4o.html")).toEqual(["chatgpt", "mac", "app", "gpt", "4o"]);
    expect(addressWords("https://x.example/news/a1b2c3d4e5-openai-gpt-store")).toEqual(["openai", "gpt", "store"]);
    // Title Case slugs and brand capitals are words; an encoded piece is not.
    expect(addressWords("https://www.businessinsider.example/eBay-Rejects-Carl-Icahns-Board-Nominees/articleshow/31796115.cms")).toEqual(["ebay", "rejects", "carl", "icahns", "board", "nominees"]);
    expect(addressWords("https://x.example/2024/03/openai-sora-xQbRtYzW-release")).toEqual(["openai", "sora", "release"]);
    expect(addressWords("https://x.example/wiki/K%C3%BCnstliche_Intelligenz_und_Recht")).toEqual(["künstliche", "intelligenz", "und", "recht"]);
  });

  it("reads a headline's worth of words at most, whatever the link's length", () => {
    const words = Array.from({ length: 40 }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}`);
    expect(addressWords(`https://x.example/2024/${words.join("-")}`)).toEqual(words.slice(0, 16));
    expect(addressWords(`https://x.example/${"a-".repeat(200_000)}b/short-real-slug-here`)).toEqual(["short", "real", "slug", "here"]);
  });

  it("finds no slug in sections, ids, short names or anything that is not an address", () => {
    for (const url of [
      "https://deepmind.example/technologies/veo/",
      "https://senate.example/tech-policy/roadmap.pdf", // a section of two words and a file name
      "https://outlet7.example/s/1234",
      "https://news.example/item?id=40067091&title=one-two-three",
      "https://news.google.example/rss/articles/CBMiK2h0dHBz-OiEvL3d3-dy5leGFt_cGxlLmNvbS9h?oc=5",
      "https://x.example/r/AbcDefGhi-jklMnoPqr-stuVwxYz-a1",
      "https://x.example/p/%E0%A4%A-broken-escape-here",
      "https://x.example",
      "not a url at all",
      "",
      undefined,
    ]) expect(addressWords(url), String(url)).toEqual([]);
  });
});

/**
 * One launch (Claude 3 Haiku, six outlets) beside two other pieces on the same model family, from the
 * project's March scenario (`scenarios/ai-events-2024-03.jsonl`). Two headlines never say "Claude 3":
 * their addresses do.
 */
const HAIKU = scenarioItems("ai-events-2024-03.jsonl", ["e05-1", "e05-2", "x088-1", "e05-3", "e05-4", "e05-5", "x003-1", "e05-6"]);

describe("the clusterer reads the address's words", () => {
  it("joins pieces whose headlines play with the subject the slug names; other news stays apart", () => {
    expect(storiesOf(HAIKU, "2024-03-13T00:00:00Z")).toEqual(["e05-1,e05-2,e05-3,e05-4,e05-5,e05-6", "x003-1", "x088-1"]);
    // The same texts without their addresses: the price and speed pieces stand alone.
    expect(storiesOf(HAIKU, "2024-03-13T00:00:00Z", false).length).toBeGreaterThan(3);
  });
});
