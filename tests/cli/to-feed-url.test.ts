import { mkdtempSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { FeedUrlError, toFeedUrl } from "../../src/cli/to-feed-url.js";

describe("toFeedUrl", () => {
  it("keeps http(s) URLs and completes bare hosts with https", () => {
    expect(toFeedUrl("https://example.com/feed")).toBe("https://example.com/feed");
    expect(toFeedUrl("http://example.com/rss?x=1")).toBe("http://example.com/rss?x=1");
    expect(toFeedUrl("example.com/feed")).toBe("https://example.com/feed");
    expect(toFeedUrl("localhost:8080/rss")).toBe("https://localhost:8080/rss");
    expect(toFeedUrl("news.example.org:8443")).toBe("https://news.example.org:8443");
  });

  it("turns existing paths and file: URLs into the real file's URL", () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), "feed-url-")));
    const file = join(dir, "f.xml");
    writeFileSync(file, "<rss/>");
    symlinkSync(file, join(dir, "l.xml"));
    const want = pathToFileURL(file).href;
    expect(toFeedUrl(file)).toBe(want);
    expect(toFeedUrl(join(dir, "l.xml"))).toBe(want);
    expect(toFeedUrl(pathToFileURL(join(dir, "l.xml")).href)).toBe(want);
    expect(toFeedUrl("./tests/fixtures/feeds/json-feed.json")).toMatch(/^file:\/\/\/.*\/tests\/fixtures\/feeds\/json-feed\.json$/);
  });

  it.each([
    ["ftp://x/y", "'ftp:' URLs are not supported"],
    ["mailto:news@example.com", "'mailto:' URLs are not supported"],
    ["https://ftp://x/y", "contains two schemes"],
    ["https://", "not a valid URL"],
    ["./missing.xml", "no such file: ./missing.xml"],
    ["/nowhere/feed.xml", "no such file"],
    ["file:///nowhere/feed.xml", "no such file"],
    ["not a feed", "neither an http(s) URL nor an existing file"],
    ["  ", "give a feed URL"],
  ])("refuses %s with a reason", (input, reason) => {
    expect(() => toFeedUrl(input)).toThrow(FeedUrlError);
    expect(() => toFeedUrl(input)).toThrow(reason);
  });
});
