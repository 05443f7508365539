/**
 * The parsers' common output: one shape for RSS 2.0, Atom, RSS 1.0/RDF and JSON Feed, still raw
 * (HTML in text, relative URLs, date strings). Normalisation turns entries into NewItems.
 */
export type FeedFormat = "rss" | "atom" | "rdf" | "json";

export interface RawEntry {
  guid: string | null;
  link: string | null;
  /** May contain HTML or entities. */
  title: string | null;
  /** Description / summary (HTML or text). */
  summary: string | null;
  /** Full content (content:encoded, Atom content, content_html). */
  content: string | null;
  author: string | null;
  /** Date strings in order of preference (published before updated). */
  dates: (string | null)[];
  /** Explicit image URLs (enclosure, media:content/thumbnail, JSON image), possibly relative. */
  images: string[];
  /** xml:base values in scope where the link was written, outermost first (XML feeds only). */
  bases?: readonly string[];
}

export interface ParsedFeed {
  format: FeedFormat;
  title: string | null;
  /** The site's home page as the feed states it (may be relative). */
  siteUrl: string | null;
  /** Feed-level `xml:base`, if any (may itself be relative to the feed URL). */
  baseUrl: string | null;
  ttlMinutes: number | null;
  entries: RawEntry[];
  /** Things wrong with the document that did not stop it being read (e.g. it was truncated). */
  warnings: string[];
}
