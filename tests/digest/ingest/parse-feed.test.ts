import { describe, expect, it } from "vitest";
import { NotAFeedError } from "../../../src/digest/ingest/ingest-errors.js";
import { parseFeed } from "../../../src/digest/ingest/parse-feed.js";
import { fixtureFeed } from "../../fakes/feed-server.js";

const text = (name: string) => fixtureFeed(name).toString("utf8");
const url = "https://bytereview.example/";

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error("expected a rejection");
    },
    (err: unknown) => err,
  );
}

describe("parseFeed", () => {
  it("reads RSS 2.0 and Atom with the same entry shape", async () => {
    const rss = await parseFeed(text("scenario-circuit-ledger.xml"), { url });
    expect(rss.format).toBe("rss");
    expect(rss.ttlMinutes).toBe(30);
    expect(rss.entries[0]).toMatchObject({ guid: "cl-2024-11-26-sora-leak", author: "Maya Lindqvist" });
    expect(rss.entries[1]?.images).toEqual(["https://circuitledger.example/img/openai-hq.jpg"]);
    expect(rss.entries[3]?.images).toEqual(["https://circuitledger.example/img/pixel-tablet.jpg"]);
    const atom = await parseFeed(text("scenario-signal-noise.xml"), { url });
    expect(atom.format).toBe("atom");
    expect(atom.baseUrl).toBe("https://signalnoise.example/");
    expect(atom.entries[0]?.link).toBe("/2024/11/sora-briefly-public");
    expect(atom.entries[0]?.dates[0]).toBeTruthy();
  });

  it("reads JSON Feed 1.1, dropping only the fields of the wrong type", async () => {
    const feed = await parseFeed(text("json-feed.json"), { url: "https://jsonlab.example/feed.json" });
    expect(feed.format).toBe("json");
    expect(feed.title).toBe("JSON Lab Notes");
    expect(feed.entries.map((e) => e.guid)).toEqual(["2024-11-26-agents", "42", "bad"]);
    expect(feed.entries[2]?.title).toBeNull();
    expect(feed.entries[0]?.author).toBe("Rosa Lind");
  });

  it("turns an HTML page into not-a-feed carrying the advertised feed URL", async () => {
    const err = await rejection(parseFeed(text("html-page-with-feed-link.html"), { url: "https://bytereview.example/news/", contentType: "text/html" }));
    expect(err).toBeInstanceOf(NotAFeedError);
    expect((err as NotAFeedError).alternateUrl).toBe("https://bytereview.example/rss");
    expect((err as NotAFeedError).userMessage).toContain("https://bytereview.example/rss");
    const none = await rejection(parseFeed(text("html-page-without-feed.html"), { url }));
    expect((none as NotAFeedError).alternateUrl).toBeNull();
  });

  it("rejects empty bodies, plain text and non-feed JSON as not-a-feed", async () => {
    for (const body of ["", "   \n", "hello world", '{"hello":"world"}']) {
      expect(((await rejection(parseFeed(body, { url }))) as NotAFeedError).code).toBe("not-a-feed");
    }
  });

  it("reads stray ampersands and HTML entities as a browser would", async () => {
    const feed = await parseFeed(text("broken-entities.rss"), { url });
    expect(feed.entries[0]?.title).toContain("Q&A: why");
    expect(feed.entries[0]?.link).toBe("https://broken.example/qa?a=1&b=2");
  });
});
