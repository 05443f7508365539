/**
 * Fetch and read one URL without storing anything: `feeds test`, and the chat commands "feed test" /
 * "feed add" (which pass a fetcher that refuses file: and private hosts unless the operator allowed
 * them). A web page that links its feed is followed once.
 */
import type { NewItem } from "../../core/types.js";
import type { FeedFetcher } from "./feed-fetcher.js";
import { describeFeedError, NOT_MODIFIED_WITHOUT_VALIDATORS, NotAFeedError } from "./ingest-errors.js";
import type { FeedFormat } from "./raw-feed.js";
import { readFeed } from "./read-feed.js";

export interface FeedTestResult {
  ok: boolean;
  /** The URL asked for. */
  requestedUrl: string;
  /** The URL to store: after permanent redirects and a followed page→feed link. */
  url: string;
  /** True when the requested URL was a web page and its advertised feed was used instead. */
  followedAlternate: boolean;
  title: string | null;
  format: FeedFormat | null;
  itemCount: number;
  /** The first items, newest first. */
  items: NewItem[];
  /** Things worth telling a moderator even when the feed works. */
  problems: string[];
  error?: { code: string; message: string };
}

/** "The only item has …", "1 of 3 items has …", "2 of 3 items have …", "All 3 items have …". */
function undatedText(undated: number, total: number): string {
  if (total === 1) return "The only item has no usable date";
  if (undated === total) return `All ${total} items have no usable date`;
  return `${undated} of ${total} items ${undated === 1 ? "has" : "have"} no usable date`;
}

export async function testFeed(
  url: string,
  fetcher: FeedFetcher,
  opts: { now?: Date; maxItems?: number; sample?: number; signal?: AbortSignal } = {},
): Promise<FeedTestResult> {
  const now = opts.now ?? new Date();
  const base: FeedTestResult = { ok: false, requestedUrl: url, url, followedAlternate: false, title: null, format: null, itemCount: 0, items: [], problems: [] };
  let target = url;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const res = await fetcher.fetch(target, opts.signal ? { signal: opts.signal } : {});
      if (res.status !== "ok") {
        // The poller treats this the same way: a successful poll that read nothing, with a warning.
        return { ...base, ok: true, url: res.permanentUrl ?? (attempt > 0 ? res.url : target), problems: [NOT_MODIFIED_WITHOUT_VALIDATORS] };
      }
      const read = await readFeed(res.body, { feedId: "test", url: res.url, contentType: res.contentType, now, maxItems: opts.maxItems });
      const problems: string[] = [...read.warnings];
      const undated = read.items.filter((i) => i.dateIsFallback).length;
      if (read.items.length === 0 && read.feed.entries.length === 0) problems.push("The feed has no items");
      if (undated > 0) problems.push(`${undatedText(undated, read.items.length)} (first-seen time is used)`);
      if (read.skipped > 0) problems.push(`${read.skipped === 1 ? "1 entry was" : `${read.skipped} entries were`} skipped (duplicates, no title/link, or beyond the item limit)`);
      const items = [...read.items].sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime()).slice(0, opts.sample ?? 5);
      return { ...base, ok: true, url: res.permanentUrl ?? (attempt > 0 ? res.url : target), title: read.title, format: read.feed.format, itemCount: read.items.length, items, problems };
    } catch (err) {
      if (attempt === 0 && err instanceof NotAFeedError && err.alternateUrl) {
        target = err.alternateUrl;
        base.followedAlternate = true;
        base.url = target;
        continue;
      }
      return { ...base, error: describeFeedError(err) };
    }
  }
  return base;
}
