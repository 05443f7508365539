/** The streaming XML feed parser on constructed feeds, one per defect of issue 14. */
import { describe, expect, it } from "vitest";
import { ParseError } from "../../../src/core/errors.js";
import { parseFeed } from "../../../src/digest/ingest/parse-feed.js";
import { parseXmlFeed } from "../../../src/digest/ingest/parse-xml-feed.js";
import { readFeed } from "../../../src/digest/ingest/read-feed.js";

const now = new Date("2024-06-01T00:00:00Z");
const url = "https://pub.example/feed.xml";
const read = (xml: string) => readFeed(Buffer.from(xml, "utf8"), { feedId: "f", url, now });
const rss = (items: string, channel = "<title>T</title><link>https://pub.example/</link>") =>
  `<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:media="http://search.yahoo.com/mrss/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>${channel}${items}</channel></rss>`;
const atom = (entries: string, head = "<title>A</title>") => `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">${head}${entries}</feed>`;

describe("feed titles", () => {
  it("strips markup and decodes entities in the feed title, and derives a short outlet name", async () => {
    const r1 = await read(rss("<item><title>x</title><link>https://pub.example/1</link></item>", "<title>it&amp;apos;s AT&amp;amp;T &lt;b&gt;Atom&lt;/b&gt; - All content</title><link>https://www.att.example/</link>"));
    expect(r1.title).toBe("it's AT&T Atom - All content");
    expect(r1.siteName).toBe("it's AT&T Atom");
    const r2 = await read(atom('<entry><title>x</title><link href="https://pub.example/2"/></entry>', '<title type="html">&lt;b&gt;Ars Technica&lt;/b&gt; » Feed</title><link rel="alternate" href="https://arstechnica.example/"/>'));
    expect(r2.title).toBe("Ars Technica » Feed");
    expect(r2.siteName).toBe("Ars Technica");
  });
});

describe("Atom text constructs", () => {
  it("reads type=xhtml titles, keeps inline child elements and decodes base64 content", async () => {
    const r = await read(
      atom(`<entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Example <b>Atom</b> &amp; more</div></title><link href="https://pub.example/a"/><id>a</id>
        <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Body &lt;not a tag&gt;</p></div></content></entry>
        <entry><title>Example <b>Atom</b></title><link href="https://pub.example/b"/><id>b</id></entry>
        <entry><title mode="escaped">Base 64</title><link href="https://pub.example/c"/><id>c</id><content mode="base64">${Buffer.from("<p>Decoded &amp; fine</p>").toString("base64")}</content></entry>`),
    );
    expect(r.items.map((i) => [i.title, i.summary])).toEqual([
      ["Example Atom & more", "Body <not a tag>"],
      ["Example Atom", ""],
      ["Base 64", "Decoded & fine"],
    ]);
  });
});

describe("truncated and odd documents", () => {
  it("keeps the complete items of a document cut before </rss>, with a warning", async () => {
    const whole = rss("<item><title>One</title><link>https://pub.example/1</link></item><item><title>Two</title><link>https://pub.example/2</link></item><item><title>Thr");
    const cut = whole.slice(0, whole.indexOf("</channel>"));
    const r = await read(cut);
    expect(r.items.map((i) => i.title)).toEqual(["One", "Two"]);
    expect(r.warnings.join()).toMatch(/ends early.*2 complete items were kept.*cut off was dropped/);
  });

  it("reads <rss><item> without a <channel> instead of failing with a TypeError", async () => {
    const r = await read('<rss version="2.0"><title>Bare</title><item><title>Lonely</title><link>https://pub.example/l</link></item></rss>');
    expect(r.title).toBe("Bare");
    expect(r.items.map((i) => i.title)).toEqual(["Lonely"]);
  });

  it("maps windows-1252 numeric references (&#146;) as browsers do", async () => {
    const r = await read(rss("<item><title>don&#146;t &#147;quote&#148; &#x80;5 &#150; ok</title><link>https://pub.example/q</link></item>"));
    expect(r.items[0]?.title).toBe("don’t “quote” €5 – ok");
  });

  it("reads dc:description, itunes:summary, media:description, xhtml:body and RSS <link href>", async () => {
    const r = await read(
      rss(`<item><title>a</title><link>https://pub.example/a</link><dc:description>From dc.</dc:description></item>
        <item><title>b</title><link>https://pub.example/b</link><itunes:summary>From iTunes.</itunes:summary></item>
        <item><title>c</title><link>https://pub.example/c</link><media:group><media:description>From media.</media:description></media:group></item>
        <item><title>d</title><link href="https://pub.example/d"/><body xmlns="http://www.w3.org/1999/xhtml"><p>From <em>xhtml</em>.</p></body></item>`),
    );
    expect(r.items.map((i) => [i.url, i.summary])).toEqual([
      ["https://pub.example/a", "From dc."],
      ["https://pub.example/b", "From iTunes."],
      ["https://pub.example/c", "From media."],
      ["https://pub.example/d", "From xhtml."],
    ]);
  });

  it("reads Atom 0.3 and dcterms dates, and entry-level xml:base", async () => {
    const r = await read(
      `<feed version="0.3" xmlns="http://purl.org/atom/ns#" xml:base="https://pub.example/blog/"><title>Old</title>
        <entry xml:base="posts/"><title>i</title><link rel="alternate" type="text/html" href="one.html"/><id>1</id><issued>2024-05-01T10:00:00Z</issued></entry>
        <entry><title>m</title><link rel="alternate" href="two.html"/><id>2</id><modified>2024-05-02T10:00:00Z</modified></entry></feed>`,
    );
    expect(r.items.map((i) => [i.url, i.publishedAt.toISOString()])).toEqual([
      ["https://pub.example/blog/posts/one.html", "2024-05-01T10:00:00.000Z"],
      ["https://pub.example/blog/two.html", "2024-05-02T10:00:00.000Z"],
    ]);
    const dc = await read(
      rss('<item xmlns:dcterms="http://purl.org/dc/terms/"><title>t</title><link>https://pub.example/t</link><dcterms:modified>2024-05-03T00:00:00Z</dcterms:modified></item>'),
    );
    expect(dc.items[0]?.publishedAt.toISOString()).toBe("2024-05-03T00:00:00.000Z");
  });

  it("reads CDF, RSS 0.91 with an <image> title, RDF with dc: fields and Atom with a <source>", async () => {
    const cdf = await read('<?xml version="1.0"?><CHANNEL HREF="https://pub.example/"><TITLE>CDF</TITLE><ITEM HREF="https://pub.example/i" LASTMOD="2004-01-01T12:00"><TITLE>CDF item</TITLE><ABSTRACT>Abstract.</ABSTRACT></ITEM></CHANNEL>');
    expect(cdf.items.map((i) => [i.title, i.url, i.summary, i.publishedAt.toISOString()])).toEqual([["CDF item", "https://pub.example/i", "Abstract.", "2004-01-01T12:00:00.000Z"]]);
    const old = await read('<rss version="0.91"><channel><image><title>Logo</title><link>https://img.example/</link></image><title>Old &eacute;t&eacute;</title><item><title>It</title><link>https://pub.example/1</link></item></channel></rss>');
    expect([old.title, old.feed.siteUrl]).toEqual(["Old été", null]);
    const withSource = await read(atom('<entry><title>E</title><link href="https://pub.example/e"/><source><title>Other</title><link href="https://other.example/"/></source><author><name>Jane</name><email>j@pub.example</email></author></entry>'));
    expect(withSource.items.map((i) => [i.title, i.url, i.author])).toEqual([["E", "https://pub.example/e", "Jane"]]);
  });

  it("warns on the feed when every entry is skipped", async () => {
    const r = await read(rss("<item><description></description></item><item><guid isPermaLink='false'>x</guid></item>", "<title>T</title>"));
    expect(r.items).toHaveLength(0);
    expect(r.skipped).toBe(2);
    expect(r.warnings).toEqual(["All 2 entries were skipped (no usable title or link)"]);
  });
});

describe("JSON Feed", () => {
  it("drops only a wrongly typed optional field, not the item", async () => {
    const doc = { version: "https://jsonfeed.org/version/1.1", title: "J", items: [{ id: "1", url: "https://pub.example/j", title: "Kept", authors: "x", image: 5 }] };
    const feed = await parseFeed(JSON.stringify(doc), { url });
    expect(feed.entries).toHaveLength(1);
    expect(feed.entries[0]).toMatchObject({ title: "Kept", author: null, images: [] });
  });
});

describe("hostile text", () => {
  it("strips terminal escapes, other controls and bidi overrides from titles, summaries and the feed title", async () => {
    const esc = "\u001b";
    const r = await read(
      rss(
        `<item><title>a${esc}]0;pwned${"\u0007"}b${esc}[2J${esc}]52;c;ZXZpbA==${esc}\\c ${esc}]8;;https://evil.example${esc}\\link${esc}]8;;${esc}\\ \u202Egnp.exe\u0085</title><link>https://pub.example/x</link><description>ok\u009b31m red</description></item>`,
        `<title>Feed${esc}[31m red</title>`,
      ),
    );
    expect(r.items[0]?.title).toBe("abc link gnp.exe");
    expect(r.items[0]?.summary).toBe("ok red");
    expect(r.title).toBe("Feed red");
  });
});

describe("bounded memory", () => {
  it("refuses 700k nested elements, 700k empty items and 20k-deep nesting with a clear error", () => {
    const cases = {
      wide: `<rss><channel>${"<x>".repeat(1)}${"<a/>".repeat(700_000)}</x></channel></rss>`,
      items: `<rss><channel>${"<item/>".repeat(700_000)}</channel></rss>`,
      deep: `<rss><channel>${"<a>".repeat(20_000)}${"</a>".repeat(20_000)}</channel></rss>`,
    };
    for (const [name, xml] of Object.entries(cases)) {
      let err: unknown;
      try {
        parseXmlFeed(xml);
      } catch (e) {
        err = e;
      }
      expect(err, name).toBeInstanceOf(ParseError);
      expect((err as ParseError).code).toBe("too-complex");
      expect((err as ParseError).userMessage).toMatch(/too complex to read safely \((more than 250,000 elements|elements nested more than 256 deep)\)/);
    }
  });
});
