/** The real-world corpus in ../shared/feeds: every file reads to sane items or fails with a clear error. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { NewsdeskError } from "../../../src/core/errors.js";
import { readFeed } from "../../../src/digest/ingest/read-feed.js";

const corpusDir = new URL("../../../../shared/feeds/", import.meta.url);
const present = existsSync(corpusDir);
if (!present) console.log("read-feed corpus test skipped: ../shared/feeds is absent");
const files = present ? readdirSync(corpusDir).filter((f) => !f.endsWith(".tsv")).sort() : [];
const now = new Date("2026-06-01T00:00:00Z");

async function read(name: string) {
  return readFeed(readFileSync(new URL(name, corpusDir)), { feedId: "corpus", url: `https://corpus.example/${name}`, now });
}

describe.skipIf(!present)("corpus in ../shared/feeds", () => {
  it.each(files)("%s reads to sane items or a clear per-feed error", async (name) => {
    let result;
    try {
      result = await read(name);
    } catch (err) {
      // Only our own errors, with a readable message, may come out.
      expect(err).toBeInstanceOf(NewsdeskError);
      expect((err as NewsdeskError).userMessage.length).toBeGreaterThan(10);
      return;
    }
    expect(result.items.length).toBeGreaterThan(0);
    for (const item of result.items) {
      expect(item.url).toMatch(/^https?:\/\/[^/]+/);
      expect(item.canonicalUrl).toMatch(/^https:\/\//);
      expect(item.title.length).toBeGreaterThan(0);
      expect(item.title).not.toMatch(/<\/?[a-z][^>]*>|&(amp|lt|gt|quot|#\d+);|\uFFFD/i);
      expect(item.summary).not.toMatch(/<\/?(p|div|br|img|a)\b|\uFFFD/i);
      expect(item.summary.length).toBeLessThanOrEqual(301);
      expect(Number.isNaN(item.publishedAt.getTime())).toBe(false);
      if (item.dateIsFallback) expect(item.publishedAt).toEqual(now);
      if (item.imageUrl) expect(item.imageUrl).toMatch(/^https?:\/\//);
      if (item.imageUrl) expect(item.imageUrl).not.toMatch(/feedburner\.com\/~ff/);
    }
  });

  it("decodes windows-1251 Cyrillic", async () => {
    const { items, feed } = await read("tricky_ibash_windows-1251.rss");
    expect(feed.title).toBe("iBash.Org.Ru");
    expect(items[0]!.title).toBe("Цитата #17703");
  });

  it("decodes ISO-8859-1 umlauts and accents, with and without an XML declaration", async () => {
    expect((await read("tech_golem_iso8859-1.rss")).items.some((i) => /[äöüß]/.test(i.summary))).toBe(true);
    expect((await read("tricky_jn_iso8859-1.rss")).feed.title).toBe("Jornal de Notícias - Últimas Notícias");
    expect((await read("tricky_uol_no_xmldecl_latin1.rss")).items[0]!.title).toMatch(/simulações/);
  });

  it("unwraps FeedBurner origLink and resolves relative links", async () => {
    const jn = await read("tricky_jn_iso8859-1.rss");
    expect(jn.items[0]!.url).toMatch(/^https:\/\/www\.jn\.pt\//);
    const rel = await read("tricky_relative_urls.rss");
    expect(rel.items[0]!.url).toBe("https://corpus.example/en/games/neverwinter/news/detail/10743874-neverwinter-%26-jingle-jam-humble-bundle%21");
  });

  it("reads RSS 1.0 / 0.90 RDF, marking undated items as fallback", async () => {
    const science = await read("tricky_science_rss1.rdf");
    expect(science.feed.format).toBe("rdf");
    expect(science.items.every((i) => !i.dateIsFallback)).toBe(true);
    const heise = await read("tech_heise_rss090.rdf");
    expect(heise.items.length).toBe(60);
    expect(heise.items.every((i) => i.dateIsFallback)).toBe(true);
  });

  it("reads a UTF-8 file that falsely declares UTF-16", async () => {
    expect((await read("tricky_utf16.rss")).items[0]!.title).toBe("UTF-16 Entry 1");
  });
});
