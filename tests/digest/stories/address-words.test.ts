import { describe, expect, it } from "vitest";
import { addressWords } from "../../../src/digest/stories/address-words.js";
import { storiesOf } from "./labelled-items.js";

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
const HAIKU = [
  { id: "e05-1", title: "Claude 3 Haiku: our fastest model yet", summary: "Score: 412 Comments: 187 By: tokenbucket Discussion: https://news.ycombinator.example/item?id=39692557", url: "https://anthropic.example/news/claude-3-haiku", published: "2024-03-13T16:18:00Z", source: "HackerFront" },
  { id: "e05-2", title: "$0.25 per million tokens: Anthropic prices its newest model for high-volume business jobs", summary: "Output costs $1.25 per million tokens, and Anthropic says companies can analyse 400 Supreme Court cases or 2,500 images for a dollar. That pitches Haiku at customer chat, document triage and moderation, where speed and price matter more than raw intelligence.", url: "https://ventureledger.example/2024/03/13/claude-3-haiku-price-enterprise/", published: "2024-03-13T16:52:00Z", source: "VentureLedger" },
  { id: "x088-1", title: "How to try Claude 3 for free, and when it's worth paying for Opus", summary: "The free Claude.ai tier runs Sonnet, the middle model of the family. Here's what you get, the limits you'll hit and what the $20 Pro plan adds.", url: "https://gadgetdaily.example/guides/how-to-use-claude-3-free.html", published: null, source: "GadgetDaily" },
  { id: "e05-3", title: "Anthropic releases Claude 3 Haiku, the smallest and fastest of its new models", summary: "Haiku joins Opus and Sonnet, which launched last week, and is available through Anthropic's API and to Claude Pro subscribers. It can read images and has a 200,000-token context window.", url: "https://techwire.example/2024/03/13/anthropic-claude-3-haiku-available", published: "2024-03-13T17:44:00Z", source: "TechWire" },
  { id: "e05-4", title: "A dense research paper in under three seconds: Anthropic's Haiku is built for speed", summary: "Anthropic says the model processes about 21,000 tokens per second for prompts under 32,000 tokens, enough to read a 10,000-token paper with charts and graphs in less than three seconds. The company's own benchmarks put it ahead of rivals in its class.", url: "https://arstechnical.example/ai/2024/03/claude-3-haiku-speed-21k-tokens/", published: "2024-03-13T19:12:00Z", source: "ArsTechnical" },
  { id: "e05-5", title: "Claude 3 Haiku now on Amazon Bedrock, cheap option for developers", summary: "Amazon Web Services added the model to Bedrock on the same day of launch. Google Cloud's Vertex AI will also offer it soon, Anthropic said.", url: "https://asiatechbrief.example/tech/article/4402718/claude-3-haiku-amazon-bedrock", published: "2024-03-14T02:40:00Z", source: "AsiaTech Brief" },
  { id: "x003-1", title: "Claude 3 Opus noticed the pizza. That doesn't make it self-aware", summary: "During a needle-in-a-haystack test, Anthropic's biggest model remarked that the odd sentence about pizza toppings might have been inserted to see if it was paying attention. Impressive pattern-spotting, yes, but", url: "https://bitstream.example/p/opus-noticed-the-pizza", published: "2024-03-14T08:30:00Z", source: "Bitstream" },
  { id: "e05-6", title: "Fast and cheap: new Haiku model from Anthropic target the price-sensitive tasks", summary: "The smallest model of the Claude 3 family is made for customer chat and sorting of documents. For startups here which process many documents, the price matter more than the top score in benchmarks.", url: "https://eurodigital.example/en/digital/claude-3-haiku-price-speed-startups/", published: "2024-03-14T09:05:00Z", source: "EuroDigital" },
];

describe("the clusterer reads the address's words", () => {
  it("joins pieces whose headlines play with the subject the slug names; other news stays apart", () => {
    expect(storiesOf(HAIKU, "2024-03-13T00:00:00Z")).toEqual(["e05-1,e05-2,e05-3,e05-4,e05-5,e05-6", "x003-1", "x088-1"]);
    // The same texts without their addresses: the price and speed pieces stand alone.
    expect(storiesOf(HAIKU, "2024-03-13T00:00:00Z", false).length).toBeGreaterThan(3);
  });
});
