/** Bytes → NewItems in one call: decode, parse, normalise. Used by polling, `feeds test` and benchmarks. */
import type { NewItem } from "../../core/types.js";
import { decodeFeedBytes } from "./decode-feed-bytes.js";
import { normaliseItems } from "./normalise-items.js";
import { parseFeed } from "./parse-feed.js";
import type { ParsedFeed } from "./raw-feed.js";

export interface ReadFeedResult {
  feed: ParsedFeed;
  items: NewItem[];
  skipped: number;
}

export async function readFeed(
  bytes: Uint8Array,
  opts: { feedId: string; url: string; contentType?: string | null; now: Date; maxItems?: number },
): Promise<ReadFeedResult> {
  const text = decodeFeedBytes(bytes, opts.contentType);
  const feed = await parseFeed(text, { url: opts.url, contentType: opts.contentType });
  const { items, skipped } = normaliseItems(feed, { feedId: opts.feedId, feedUrl: opts.url, now: opts.now, maxItems: opts.maxItems });
  return { feed, items, skipped };
}
