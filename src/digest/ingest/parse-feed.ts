/** Decoded text → ParsedFeed, whatever the format; HTML pages become NotAFeedError with their feed link. */
import { findFeedLinks, looksLikeHtml } from "./find-feed-links.js";
import { NotAFeedError } from "./ingest-errors.js";
import { looksLikeJson, parseJsonFeed } from "./parse-json-feed.js";
import { parseXmlFeed } from "./parse-xml-feed.js";
import type { ParsedFeed } from "./raw-feed.js";

export async function parseFeed(text: string, opts: { url: string; contentType?: string | null }): Promise<ParsedFeed> {
  if (!text.trim()) throw new NotAFeedError("The server returned an empty document", null);
  if (looksLikeJson(text)) return parseJsonFeed(text);
  if (looksLikeHtml(text, opts.contentType)) {
    const links = findFeedLinks(text, opts.url);
    throw new NotAFeedError("This is a web page, not a feed", links[0] ?? null);
  }
  // CDF (`<channel>` as the root) is the oldest feed format still seen in the wild.
  if (!/<(?:[\w-]+:)?(rss|feed|rdf|channel)[\s>]/i.test(text.slice(0, 8192))) {
    throw new NotAFeedError("The document is not an RSS, Atom or JSON feed", null);
  }
  return parseXmlFeed(text);
}
