import { describe, expect, it } from "vitest";
import { canonicalUrl, displayUrl, resolveUrl, urlForms } from "../../../src/digest/ingest/canonical-url.js";

describe("canonicalUrl", () => {
  it("drops fragments, tracking parameters and www, lower-cases the host, sorts the rest", () => {
    expect(canonicalUrl("https://WWW.Example.COM/a/B?utm_source=rss&z=1&fbclid=x&a=2&gclid=y#top")).toBe("https://example.com/a/B?a=2&z=1");
  });
  it("treats http and https as the same article", () => {
    expect(canonicalUrl("http://example.com/x")).toBe(canonicalUrl("https://example.com/x"));
  });
  it("keeps parameters that select content", () => {
    expect(canonicalUrl("https://news.example/article?id=42&utm_medium=feed")).toBe("https://news.example/article?id=42");
  });
});

describe("resolveUrl", () => {
  it("resolves relative links against a base", () => {
    expect(resolveUrl("../b?c=1", "https://example.com/x/y/z")).toBe("https://example.com/x/b?c=1");
    expect(resolveUrl("//cdn.example.com/i.png", "https://example.com/")).toBe("https://cdn.example.com/i.png");
  });
  it("refuses non-http schemes and junk", () => {
    expect(resolveUrl("javascript:alert(1)", "https://example.com/")).toBeNull();
    expect(resolveUrl("data:text/html,hi")).toBeNull();
    expect(resolveUrl("not a url")).toBeNull();
    expect(resolveUrl("   ")).toBeNull();
  });
});

describe("displayUrl", () => {
  it("drops click tracking but keeps host, scheme, fragment and order", () => {

    expect(displayUrl("http://www.Example.com/a?b=2&utm_source=rss&a=1&fbclid=x#part")).toBe("http://www.example.com/a?b=2&a=1#part");
    expect(displayUrl("https://example.com/a?utm_medium=feed")).toBe("https://example.com/a");
    expect(displayUrl("not a url")).toBe("not a url");
  });
});

describe("urlForms", () => {
  it("gives the same display and canonical forms as the single-purpose helpers", () => {
    for (const url of [
      "http://www.Example.com/a?b=2&utm_source=rss&a=1&fbclid=x#part",
      "https://example.com/a?utm_medium=feed",
      "https://example.com/plain",
      "https://example.com/empty?",
      "not a url",
    ]) {
      expect(urlForms(url)).toEqual({ display: displayUrl(url), canonical: canonicalUrl(url) });
    }
  });
});
