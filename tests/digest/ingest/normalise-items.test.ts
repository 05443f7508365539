import { describe, expect, it } from "vitest";
import { normaliseItems } from "../../../src/digest/ingest/normalise-items.js";
import { parseFeed } from "../../../src/digest/ingest/parse-feed.js";
import type { RawEntry } from "../../../src/digest/ingest/raw-feed.js";
import { fixtureFeed } from "../../fakes/feed-server.js";

const now = new Date("2024-11-27T00:00:00Z");

async function itemsOf(name: string, feedUrl: string) {
  const feed = await parseFeed(fixtureFeed(name).toString("utf8"), { url: feedUrl });
  return normaliseItems(feed, { feedId: "feed-1", feedUrl, now }).items;
}

function entry(over: Partial<RawEntry>): RawEntry {
  return { guid: null, link: null, title: null, summary: null, content: null, author: null, dates: [], images: [], ...over };
}

describe("normaliseItems", () => {
  it("cleans titles and summaries, strips tracking for the canonical URL, keeps the first image", async () => {
    const items = await itemsOf("scenario-circuit-ledger.xml", "https://circuitledger.example/ai/feed");
    const sora = items[0]!;
    expect(sora.title).toBe("Artists leak access to OpenAI’s Sora video generator in protest");
    expect(sora.summary).toMatch(/^A group of artists who had early access to Sora, OpenAI's unreleased/);
    expect(sora.summary).not.toMatch(/<|&amp;/);
    // Readers get the link without click tracking; the canonical form also drops www and sorts the query.
    expect(sora.url).toBe("https://circuitledger.example/2024/11/26/artists-leak-openai-sora/");
    expect(sora.url).not.toContain("utm_");
    expect(sora.canonicalUrl).toBe("https://circuitledger.example/2024/11/26/artists-leak-openai-sora/");
    expect(sora.imageUrl).toBe("https://circuitledger.example/img/sora-leak.jpg");
    expect(sora.publishedAt.toISOString()).toBe("2024-11-26T16:42:00.000Z");
    expect(sora.dateIsFallback).toBe(false);
    expect(items[1]!.canonicalUrl).toBe("https://circuitledger.example/2024/11/26/openai-funding-round-157-billion/");
  });

  it("resolves relative links against xml:base and relative images against the item link", async () => {
    const signal = await itemsOf("scenario-signal-noise.xml", "https://signalnoise.example/feed/atom");
    expect(signal[0]!.url).toBe("https://signalnoise.example/2024/11/sora-briefly-public");
    const pixel = await itemsOf("scenario-pixel-post.xml", "https://pixelpost.example/atom.xml");
    expect(pixel[0]!.imageUrl).toBe("https://pixelpost.example/images/sora-protest.webp");
    expect(pixel[0]!.summary).toContain("Read the open letter.");
  });

  it("uses content:encoded only when the description is empty, and media:content for the image", async () => {
    const items = await itemsOf("scenario-frontier-dispatch.xml", "https://frontierdispatch.example/feed");
    expect(items[0]!.title).toBe("Early Sora testers say OpenAI used them for unpaid R&D, release a front end to the model");
    expect(items[0]!.summary).toBe("Artists in OpenAI's Sora alpha published a tool that let the public generate videos with the model.");
    expect(items[0]!.imageUrl).toBe("https://frontierdispatch.example/media/sora-clip-still.jpg");
  });

  it("gives stable hashes: the same entry hashes the same, an edit changes only the content hash", () => {
    const base = entry({ guid: "g1", link: "https://e.example/a", title: "Title", summary: "Body one." });
    const opts = { feedId: "f", feedUrl: "https://e.example/feed", now };
    const feed = (e: RawEntry) => ({ format: "rss" as const, title: null, siteUrl: null, baseUrl: null, ttlMinutes: null, warnings: [], entries: [e] });
    const a = normaliseItems(feed(base), opts).items[0]!;
    const b = normaliseItems(feed({ ...base }), opts).items[0]!;
    const edited = normaliseItems(feed({ ...base, title: "Title (updated)" }), opts).items[0]!;
    expect(b.id).toBe(a.id);
    expect(edited.id).toBe(a.id);
    expect(edited.hash).toBe(a.hash);
    expect(edited.contentHash).not.toBe(a.contentHash);
    const other = normaliseItems(feed(base), { ...opts, feedId: "g" }).items[0]!;
    expect(other.id).not.toBe(a.id);
    const noGuid = normaliseItems(feed({ ...base, guid: null, link: "https://e.example/a?utm_source=x#c" }), opts).items[0]!;
    const noGuid2 = normaliseItems(feed({ ...base, guid: null, link: "https://e.example/a" }), opts).items[0]!;
    expect(noGuid.hash).toBe(noGuid2.hash);
  });

  it("marks missing or absurd dates as fallback to first-seen time", () => {
    const feed = {
      format: "rss" as const, title: null, siteUrl: "https://e.example/", baseUrl: null, ttlMinutes: null, warnings: [],
      entries: [
        entry({ guid: "a", title: "No date" }),
        entry({ guid: "b", title: "Future", dates: ["2099-01-01T00:00:00Z"] }),
        entry({ guid: "c", title: "Ancient", dates: ["Thu, 01 Jan 1970 00:00:00 GMT"] }),
      ],
    };
    const items = normaliseItems(feed, { feedId: "f", feedUrl: "https://e.example/feed", now }).items;
    expect(items.map((i) => [i.dateIsFallback, i.publishedAt.getTime()])).toEqual([[true, now.getTime()], [true, now.getTime()], [true, now.getTime()]]);
    expect(items[0]!.url).toBe("https://e.example/");
  });

  it("drops entries without title or text, and duplicates within the feed", () => {
    const feed = {
      format: "rss" as const, title: null, siteUrl: null, baseUrl: null, ttlMinutes: null, warnings: [],
      entries: [entry({ guid: "x", link: "https://e.example/1" }), entry({ guid: "d", link: "https://e.example/2", title: "One" }), entry({ guid: "d", link: "https://e.example/2", title: "One again" }), entry({ link: "javascript:alert(1)", title: "No link" })],
    };
    const res = normaliseItems(feed, { feedId: "f", feedUrl: "file:///tmp/feed.xml", now });
    expect(res.items.map((i) => i.title)).toEqual(["One"]);
    expect(res.skipped).toBe(3);
  });

  it("keeps the newest N of a 10,000-item feed", async () => {
    const start = Date.UTC(2024, 10, 1);
    // Oldest first in the document, so keeping the first N would be wrong.
    const items = Array.from({ length: 10_000 }, (_, i) => `<item><guid>g${i}</guid><title>Item ${i}</title><link>https://big.example/${i}</link><pubDate>${new Date(start + i * 60_000).toUTCString()}</pubDate></item>`);
    const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title><link>https://big.example/</link>${items.join("")}</channel></rss>`;
    const feed = await parseFeed(xml, { url: "https://big.example/feed" });
    const res = normaliseItems(feed, { feedId: "f", feedUrl: "https://big.example/feed", now, maxItems: 200 });
    expect(res.items).toHaveLength(200);
    expect(res.items.map((i) => i.title)).toContain("Item 9999");
    expect(res.items.map((i) => i.title)).not.toContain("Item 9799");
    expect(res.skipped).toBe(9800);
  });
});
