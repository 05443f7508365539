import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFeedFetcher } from "../../../src/digest/ingest/feed-fetcher.js";
import { testFeed } from "../../../src/digest/ingest/test-feed.js";
import { fixtureFeed, startFeedServer } from "../../fakes/feed-server.js";
import type { FeedServer } from "../../fakes/feed-server.js";

let server: FeedServer;
const now = new Date("2024-11-27T00:00:00Z");
const item = (id: string, dated: boolean) =>
  `<item><title>Story ${id}</title><link>https://u.example/${id}</link>${dated ? "<pubDate>Tue, 26 Nov 2024 10:00:00 GMT</pubDate>" : ""}</item>`;
const rss = (items: string[]) => `<?xml version="1.0"?><rss version="2.0"><channel><title>U</title><link>https://u.example/</link>${items.join("")}</channel></rss>`;

beforeAll(async () => {
  server = await startFeedServer({
    "/rss": { body: fixtureFeed("scenario-byte-review.xml") },
    "/news/": { body: fixtureFeed("html-page-with-feed-link.html"), contentType: "text/html; charset=utf-8" },
    "/plain": { body: fixtureFeed("html-page-without-feed.html"), contentType: "text/html" },
    "/mislabelled": { body: fixtureFeed("scenario-pixel-post.xml"), contentType: "text/html; charset=iso-8859-1" },
    "/binary": { body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), contentType: "image/png" },
    "/empty": { body: "", contentType: "application/rss+xml" },
    "/one-undated": { body: rss([item("a", false)]), contentType: "application/rss+xml" },
    "/some-undated": { body: rss([item("a", true), item("b", false), item("c", true), item("c", true)]), contentType: "application/rss+xml" },
    "/all-undated": { body: rss([item("a", false), item("b", false)]), contentType: "application/rss+xml" },
  });
});
afterAll(() => server.close());

describe("testFeed", () => {
  it("fetches and reads a feed, newest items first, storing nothing", async () => {
    const f = createFeedFetcher({ allowHosts: [server.hostPort] });
    const r = await testFeed(`${server.url}/rss`, f, { now, sample: 2 });
    expect(r).toMatchObject({ ok: true, title: "Byte Review", format: "rss", itemCount: 3, followedAlternate: false, problems: [] });
    expect(r.items.map((i) => i.title)).toEqual(["OpenAI pauses Sora early access after artists share it publicly", "OpenAI raises $6.6 billion at a $157 billion valuation"]);
    f.close();
  });

  it("follows a web page's feed link once", async () => {
    const f = createFeedFetcher({ allowHosts: [server.hostPort] });
    const r = await testFeed(`${server.url}/news/`, f, { now });
    expect(r).toMatchObject({ ok: true, followedAlternate: true, url: `${server.url}/rss`, title: "Byte Review" });
    const plain = await testFeed(`${server.url}/plain`, f, { now });
    expect(plain).toMatchObject({ ok: false, error: { code: "not-a-feed" } });
    f.close();
  });

  it("reads a feed served with the wrong content type, and names what is not a feed", async () => {
    const f = createFeedFetcher({ allowHosts: [server.hostPort] });
    // The XML declaration says UTF-8; the header's iso-8859-1 must not mangle the curly quotes.
    const mislabelled = await testFeed(`${server.url}/mislabelled`, f, { now });
    expect(mislabelled).toMatchObject({ ok: true, title: "Pixel Post" });
    expect(mislabelled.items.map((i) => i.title)).toContain("‘We are not your PR puppets’: artists protest OpenAI with a Sora leak");
    expect(await testFeed(`${server.url}/binary`, f, { now })).toMatchObject({ ok: false, error: { code: "not-a-feed" } });
    expect(await testFeed(`${server.url}/empty`, f, { now })).toMatchObject({ ok: false, error: { code: "not-a-feed", message: "The server returned an empty document" } });
    f.close();
  });

  it("refuses private hosts and files unless the fetcher allows them", async () => {
    const chat = createFeedFetcher();
    expect((await testFeed(`${server.url}/rss`, chat, { now })).error?.code).toBe("blocked");
    const file = new URL("../../fixtures/feeds/scenario-model-wire.xml", import.meta.url).href;
    expect((await testFeed(file, chat, { now })).error?.code).toBe("blocked");
    const operator = createFeedFetcher({ allowFile: true });
    expect(await testFeed(file, operator, { now })).toMatchObject({ ok: true, title: "The Model Wire", itemCount: 4 });
  });

  it("words its problems in the right number", async () => {
    const f = createFeedFetcher({ allowHosts: [server.hostPort] });
    expect((await testFeed(`${server.url}/one-undated`, f, { now })).problems).toEqual(["The only item has no usable date (first-seen time is used)"]);
    expect((await testFeed(`${server.url}/all-undated`, f, { now })).problems).toEqual(["All 2 items have no usable date (first-seen time is used)"]);
    expect((await testFeed(`${server.url}/some-undated`, f, { now })).problems).toEqual([
      "1 of 3 items has no usable date (first-seen time is used)",
      "1 entry was skipped (duplicates, no title/link, or beyond the item limit)",
    ]);
    f.close();
  });
});

describe("testFeed warnings", () => {
  it("treats a 304 without validators as the poller does: a read of nothing, with a warning", async () => {
    server.route("/lazy304", { handler: (_req, res) => void res.writeHead(304).end() });
    const f = createFeedFetcher({ allowHosts: [server.hostPort] });
    const r = await testFeed(`${server.url}/lazy304`, f, { now });
    expect(r.ok).toBe(true);
    expect(r.error).toBeUndefined();
    expect(r.problems).toEqual([expect.stringMatching(/304 Not Modified to a request without validators/)]);
    f.close();
  });

  it("reports a truncated document and a feed whose every entry is skipped", async () => {
    server.route("/cut", { body: `${rss([item("a", true), item("b", true)]).slice(0, -30)}`, contentType: "application/rss+xml" });
    server.route("/skipped", { body: rss(["<item><description/></item>"]), contentType: "application/rss+xml" });
    const f = createFeedFetcher({ allowHosts: [server.hostPort] });
    const cut = await testFeed(`${server.url}/cut`, f, { now });
    expect(cut).toMatchObject({ ok: true, itemCount: 1 });
    expect(cut.problems.join()).toMatch(/ends early/);
    const skipped = await testFeed(`${server.url}/skipped`, f, { now });
    expect(skipped.problems).toContain("Its only entry was skipped (no usable title or link)");
    f.close();
  });
});
