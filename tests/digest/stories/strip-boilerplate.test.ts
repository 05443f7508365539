import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { clusterDocs } from "../../../src/digest/stories/cluster-docs.js";
import { boilerplateCleaner, FeedBoilerplate, stripKnownShapes, tokenKeys } from "../../../src/digest/stories/strip-boilerplate.js";
import { readFeed } from "../../../src/digest/ingest/read-feed.js";

const hn = (score: number, comments: number, by: string, id: number): string =>
  `Score: ${score} Comments: ${comments} By: ${by} Discussion: https://news.ycombinator.com/item?id=${id}`;

describe("FeedBoilerplate (learned per feed)", () => {
  it("learns a template with varying figures and slots and removes all of it", () => {
    const texts = [hn(295, 250, "someone", 1), hn(12, 3, "a_b", 22), hn(4000, 1, "x", 333), hn(7, 70, "zz", 4444)];
    const model = FeedBoilerplate.learn(texts);
    expect(model.phrases.size).toBeGreaterThan(0);
    for (const t of texts) expect(model.strip(t)).toBe("");
    // Real text around the template survives.
    expect(model.strip(`GPT-4o is out. ${hn(5, 6, "bob", 9)}`)).toBe("GPT-4o is out.");
  });

  it("learns nothing from too few items, and keeps what items do not share", () => {
    expect(FeedBoilerplate.learn([hn(1, 2, "a", 3), hn(4, 5, "b", 6)]).phrases.size).toBe(0);
    const texts = [
      "OpenAI released a model. Subscribe to our newsletter for more",
      "Google showed Veo, a video model. Subscribe to our newsletter for more",
      "Waymo faces a federal probe. Subscribe to our newsletter for more",
      "Anthropic hired Mike Krieger as product chief.",
    ];
    const model = FeedBoilerplate.learn(texts);
    expect(model.strip(texts[1] as string)).toBe("Google showed Veo, a video model.");
    expect(model.strip(texts[3] as string)).toBe(texts[3]);
  });

  it("is learned per feed: one feed's template is another feed's content", () => {
    const items = [
      ...[1, 2, 3].map((n) => ({ feedId: "hn", summary: hn(n, n, `u${n}`, n) })),
      { feedId: "blog", summary: "Score: 3 Comments: 2 By: the numbers, the match was close" },
    ];
    const strip = boilerplateCleaner(items);
    expect(strip(items[0]!)).toBe("");
    expect(strip(items[3]!)).toContain("the match was close");
  });

  it("strips a sample item given by its place exactly as given by value, trailers included", () => {
    const items = [
      ...[1, 2, 3, 4].map((n) => ({ feedId: "hn", summary: `${hn(n, n, `u${n}`, n)} Item ${n} news. Continue reading …` })),
      { feedId: "blog", summary: "A model ships. The post A model ships appeared first on Blog." },
      { feedId: "blog", summary: "" },
    ];
    const byValue = boilerplateCleaner(items);
    const byPlace = boilerplateCleaner(items);
    items.forEach((item, i) => expect(byPlace(item, i)).toBe(byValue(item)));
    const outside = { feedId: "hn", summary: `${hn(9, 9, "u9", 9)} Other news of the day, told at length.` };
    expect(byPlace(outside)).toBe(byValue(outside));
    expect(byValue(outside)).toContain("told at length");
  });
});

describe("FeedBoilerplate on ASCII texts (scanned from bytes)", () => {
  it("learns what the same texts with a non-ASCII word teach (scanned as strings)", () => {
    const tail = " Don't miss hourly news at https://x.example/a?b=1 from Bob's desk, 24/7 http";
    const texts = ["OpenAI released a model.", "Google showed Veo.", "Waymo faces a probe.", "Meta ships it's 3rd 1080p glasses."].map((t) => t + tail);
    const ascii = [...FeedBoilerplate.learn(texts).phrases].sort();
    expect(ascii.length).toBeGreaterThan(0);
    const accented = texts.map((t, i) => `${t} caf${"éüñø"[i]}`); // each its own, no template word
    expect([...FeedBoilerplate.learn(accented).phrases].sort()).toEqual(ascii);
  });
});

describe("stripKnownShapes", () => {
  it("removes trailers and an image credit that ends with the outlet", () => {
    expect(stripKnownShapes("Altman spoke. The post OpenAI, by 2025: a plan appeared first on TechWire.")).toBe("Altman spoke.");
    expect(stripKnownShapes("Falcon 2 is next. Continue reading…")).toBe("Falcon 2 is next.");
    expect(stripKnownShapes("Google says more. […]")).toBe("Google says more.");
    expect(stripKnownShapes("Illustration by Maya Ortiz / The Circuit In the launch stream, staff", "The Circuit")).toBe(
      "In the launch stream, staff",
    );
    expect(stripKnownShapes("Photo: Jane Roe / Getty Images Waymo said")).toBe("Waymo said");
    expect(stripKnownShapes("Article URL: https://a.example/x Comments URL: https://h.example/i?id=1 Points: 702 # Comments: 611")).toBe("");
    // A credit whose outlet is unknown is left alone rather than cutting real words.
    expect(stripKnownShapes("Photo by Jo / Some Outlet Text", "Other")).toBe("Photo by Jo / Some Outlet Text");
  });
});

const HN_FEED = new URL("../../../../shared/feeds/ai_hn_best_stories.atom", import.meta.url).pathname;

describe("the Hacker News best-stories feed", () => {
  if (!existsSync(HN_FEED)) {
    it.skip("../shared/feeds/ai_hn_best_stories.atom is absent", () => {});
    return;
  }
  it("yields no story of unrelated items", async () => {
    const read = await readFeed(readFileSync(HN_FEED), { feedId: "hn", url: "https://hnrss.example/best", now: new Date() });
    const docs = read.items.map((i) => ({ id: i.id, title: i.title, summary: i.summary, url: i.canonicalUrl, source: "hn", time: i.publishedAt.getTime() }));
    const stories = new Map<string, string[]>();
    for (const a of clusterDocs(docs)) stories.set(a.story, [...(stories.get(a.story) ?? []), a.id]);
    const largest = [...stories.values()].sort((a, b) => b.length - a.length)[0] ?? [];
    const titles = largest.map((id) => docs.find((d) => d.id === id)?.title);
    console.log(`HN feed: ${docs.length} items, ${stories.size} stories; largest: ${JSON.stringify(titles)}`);
    // Before boilerplate removal the template chained 23 unrelated items into one story; now the
    // largest is two: "UAE to leave OPEC" and "UAE Leaves OPEC".
    expect(largest.length).toBeLessThanOrEqual(3);
  });
});

describe("tokenKeys", () => {
  /** The keys as the tokenising expression gives them: the reference the hand scanner must match. */
  const reference = (text: string): string[] =>
    [...text.matchAll(/https?:\/\/\S+|[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu)].map(([raw]) =>
      raw.startsWith("http") ? "<url>" : /\d/.test(raw) ? raw.replace(/\d+/g, "0").toLowerCase() : raw.toLowerCase(),
    );

  it("cuts text exactly as the tokenising expression does", () => {
    const pieces = [
      "a", "Z", "7", "42", " ", "  ", ".", ",", "'", "’", "-", "http://x.io/a?b=1", "https://", "http", "httpd",
      "é", "É", "ß", "ü", "中", "文", "²", "½", "𝐀", "😀", "\uD800", "\uDC00", "\u00a0", "\u2009", "\n", "don't",
      "it’s", "O'Neil", "rock'n'roll", "x'2", "ab'é", "é'ab", "Ärger", "naïve", "l’été",
    ];
    let seed = 5;
    const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let round = 0; round < 3000; round++) {
      const text = Array.from({ length: Math.floor(rand() * 12) }, () => pieces[Math.floor(rand() * pieces.length)]).join("");
      expect(tokenKeys(text), JSON.stringify(text)).toEqual(reference(text));
    }
  });
});
