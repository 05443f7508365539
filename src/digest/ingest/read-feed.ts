/** Bytes → NewItems in one call: decode, parse, normalise. Used by polling, `feeds test` and benchmarks. */
import type { NewItem } from "../../core/types.js";
import { NewsdeskError } from "../../core/errors.js";
import { decodeFeedBytes } from "./decode-feed-bytes.js";
import { cleanFeedTitle, outletName } from "./feed-title.js";
import { parseError } from "./ingest-errors.js";
import { normaliseItems } from "./normalise-items.js";
import { parseFeed } from "./parse-feed.js";
import type { ParsedFeed } from "./raw-feed.js";

export interface ReadFeedResult {
  feed: ParsedFeed;
  items: NewItem[];
  skipped: number;
  /** The feed's title as plain text (markup, entities and controls dealt with). */
  title: string | null;
  /** A short outlet name from the title and site ("Ars Technica"). */
  siteName: string | null;
  /** Problems worth a moderator's attention although the feed was read (see FeedHealth.lastError). */
  warnings: string[];
}

function skippedWarning(total: number): string {
  return total === 1 ? "Its only entry was skipped (no usable title or link)" : `All ${total} entries were skipped (no usable title or link)`;
}

export async function readFeed(
  bytes: Uint8Array,
  opts: { feedId: string; url: string; contentType?: string | null; now: Date; maxItems?: number },
): Promise<ReadFeedResult> {
  let feed: ParsedFeed;
  let normalised: { items: NewItem[]; skipped: number };
  try {
    const text = decodeFeedBytes(bytes, opts.contentType);
    feed = await parseFeed(text, { url: opts.url, contentType: opts.contentType });
    normalised = normaliseItems(feed, { feedId: opts.feedId, feedUrl: opts.url, now: opts.now, maxItems: opts.maxItems });
  } catch (err) {
    // Our errors say what is wrong; anything else (a bug meeting a feed nobody foresaw) is still
    // reported as this feed's parse failure, never as a raw TypeError.
    if (err instanceof NewsdeskError) throw err;
    throw parseError("The feed could not be read (an unexpected problem in its structure)", err);
  }
  const { items, skipped } = normalised;
  const warnings = [...feed.warnings];
  // A feed whose every entry is unusable "works" but delivers nothing: say so on its health.
  if (feed.entries.length > 0 && items.length === 0) warnings.push(skippedWarning(feed.entries.length));
  const title = cleanFeedTitle(feed.title);
  return { feed, items, skipped, title, siteName: outletName(title, feed.siteUrl ?? opts.url), warnings };
}
