/**
 * Raw entries → NewItems: absolute URLs, a canonical URL, clean title and summary, the first image,
 * a trustworthy date (or first-seen time, marked), and stable hashes. Keeps the newest `maxItems`.
 */
import type { NewItem } from "../../core/types.js";
import { resolveUrl, urlForms } from "./canonical-url.js";
import { collapseWhitespace, cutAtSentence, isJunkImage, scanHtml } from "./clean-text.js";
import { itemId, shortHash } from "./item-hash.js";
import { pickDate } from "./parse-date.js";
import type { ParsedFeed, RawEntry } from "./raw-feed.js";

export interface NormaliseOptions {
  feedId: string;
  /** The URL the feed was fetched from: the base for relative links. */
  feedUrl: string;
  now: Date;
  /** Keep at most this many (newest) entries; default 200. */
  maxItems?: number;
  /** Summary length target in characters; default 300. */
  summaryLength?: number;
}

export interface NormaliseResult {
  items: NewItem[];
  /** Entries dropped: no usable title/link, duplicates within the feed, or beyond maxItems. */
  skipped: number;
}

/** Where relative URLs in the feed point: xml:base, else the feed URL, else the stated site. */
export function feedBaseUrl(feed: ParsedFeed, feedUrl: string): string | null {
  const fromFeedUrl = resolveUrl(feedUrl);
  const site = resolveUrl(feed.siteUrl, fromFeedUrl);
  const base = fromFeedUrl ?? site;
  return resolveUrl(feed.baseUrl, base) ?? base;
}

function selectNewest(entries: RawEntry[], max: number, now: Date): RawEntry[] {
  if (entries.length <= max) return entries;
  const dated = entries.map((e, i) => ({ e, i, t: pickDate(e.dates, now)?.getTime() ?? Number.NEGATIVE_INFINITY }));
  dated.sort((a, b) => (b.t === a.t ? a.i - b.i : b.t - a.t));
  return dated.slice(0, max).sort((a, b) => a.i - b.i).map((d) => d.e);
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The base for an entry's links: its own xml:base chain from the feed URL, else the feed's base. */
function entryBase(entry: RawEntry, feedBase: string | null, feedUrl: string): string | null {
  if (!entry.bases || entry.bases.length === 0) return feedBase;
  let b = resolveUrl(feedUrl) ?? feedBase;
  for (const x of entry.bases) b = resolveUrl(x, b) ?? b;
  return b;
}

export function normaliseEntry(entry: RawEntry, feedBase: string | null, siteUrl: string | null, opts: NormaliseOptions): NewItem | null {
  const base = entryBase(entry, feedBase, opts.feedUrl);
  const ownLink = resolveUrl(entry.link, base);
  const guid = entry.guid ? cut(collapseWhitespace(entry.guid), 1000) : null;
  const guidLink = guid && /^https?:\/\//i.test(guid) ? resolveUrl(guid) : null;
  const url = ownLink ?? guidLink ?? siteUrl;
  if (!url) return null;

  // Text beyond the summary length is never used; a little slack lets the cut see the sentence end.
  const textBudget = (opts.summaryLength ?? 300) + 100;
  const explicitImage = entry.images.find((i) => !isJunkImage(i)) ?? null;
  // With an explicit image, scanning past the text for an <img> is wasted work.
  const imageSearch = explicitImage ? 0 : undefined;
  const summaryScan = entry.summary ? scanHtml(entry.summary, textBudget, imageSearch) : null;
  let contentScan = null as ReturnType<typeof scanHtml> | null;
  let text = summaryScan?.text ?? "";
  if (!text && entry.content) {
    contentScan = entry.content === entry.summary && summaryScan ? summaryScan : scanHtml(entry.content, textBudget, imageSearch);
    text = contentScan.text;
  }
  let title = entry.title ? scanHtml(entry.title).text : "";
  if (!title) title = cutAtSentence(text, 120);
  if (!title) return null;
  title = cut(title, 500);
  const summary = cutAtSentence(text, opts.summaryLength ?? 300);

  let rawImage: string | null = explicitImage ?? summaryScan?.firstImage ?? null;
  if (!rawImage && entry.content) {
    // Feeds often repeat the description as the content: the scan above already looked there.
    contentScan ??= entry.content === entry.summary && summaryScan ? summaryScan : scanHtml(entry.content, textBudget);
    rawImage = contentScan.firstImage;
  }
  const imageUrl = rawImage ? resolveUrl(rawImage, ownLink ?? base) : null;

  const date = pickDate(entry.dates, opts.now);
  const { display, canonical } = urlForms(url);
  const hash = guid
    ? shortHash("guid", guid)
    : ownLink || guidLink
      ? shortHash("url", canonical)
      : shortHash("text", title, text);
  return {
    id: itemId(opts.feedId, hash),
    feedId: opts.feedId,
    hash,
    guid,
    url: display,
    canonicalUrl: canonical,
    title,
    summary,
    contentHash: shortHash("content", title, summary),
    imageUrl,
    author: entry.author ? cut(collapseWhitespace(entry.author), 200) || null : null,
    publishedAt: date ?? opts.now,
    dateIsFallback: date === null,
  };
}

export function normaliseItems(feed: ParsedFeed, opts: NormaliseOptions): NormaliseResult {
  const base = feedBaseUrl(feed, opts.feedUrl);
  const siteUrl = resolveUrl(feed.siteUrl, base);
  const chosen = selectNewest(feed.entries, opts.maxItems ?? 200, opts.now);
  const seen = new Set<string>();
  const items: NewItem[] = [];
  for (const entry of chosen) {
    const item = normaliseEntry(entry, base, siteUrl, opts);
    // Feeds repeat items (or reuse a guid); the store keys on (feed, hash), so keep the first.
    if (!item || seen.has(item.hash)) continue;
    seen.add(item.hash);
    items.push(item);
  }
  return { items, skipped: feed.entries.length - items.length };
}
