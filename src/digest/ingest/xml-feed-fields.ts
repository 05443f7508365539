/**
 * What the streaming XML feed parser keeps of each element, and how the kept values become a RawEntry:
 * which of several equivalent elements wins (RSS `description` before `dc:description` before
 * `itunes:summary` …), which `<link>` is the entry's page, which elements name an image.
 */
import { replaceCodePoint } from "entities/decode";
import type { RawEntry } from "./raw-feed.js";

export interface EntryState {
  /** First non-blank value per canonical element name. */
  fields: Record<string, string>;
  /** RSS 1.0 `rdf:about`: the item's identity (and usually its link). */
  about: string | null;
  /** CDF `<item href lastmod>`. */
  cdfHref: string | null;
  cdfDate: string | null;
  hrefLink: string | null;
  hrefRank: number;
  /** xml:base chain where the chosen link was written. */
  linkBases: readonly string[];
  textLinkBases: readonly string[] | null;
  images: string[];
}

export interface FeedState {
  fields: Record<string, string>;
  hrefLink: string | null;
  hrefRank: number;
}

function nonBlank(v: string | undefined): v is string {
  return v !== undefined && v.trim() !== "";
}

function pick(fields: Record<string, string>, names: readonly string[]): string | null {
  for (const n of names) if (nonBlank(fields[n])) return fields[n];
  return null;
}

/**
 * How much a `<link href>` looks like the entry's own page: rel alternate (or none, Atom's default)
 * as text/html best, then untyped, then other alternates; self, edit, replies … are not the page.
 */
function linkRank(attribs: Record<string, string>): number {
  const rel = (attribs.rel ?? "alternate").trim().toLowerCase();
  if (rel !== "alternate" && rel !== "http://www.iana.org/assignments/relation/alternate") return 0;
  const type = (attribs.type ?? "").trim().toLowerCase();
  if (type === "text/html" || type === "application/xhtml+xml") return 3;
  return type ? 1 : 2;
}

function isImage(url: string, type: string, medium = ""): boolean {
  if (medium) return medium === "image";
  if (type) return type.startsWith("image/");
  return /\.(jpe?g|png|gif|webp|avif)(\?|$)/i.test(url);
}

const TITLE = ["title", "dc:title"];
const SUMMARY = ["description", "summary", "dc:description", "itunes:summary", "abstract", "media:description", "itunes:subtitle"];
const CONTENT = ["content:encoded", "content", "xhtml:body", "body", "fullitem"];
const AUTHOR = ["author", "dc:creator", "itunes:author"];
/** Publication dates before modification dates: a digest dates a story by when it appeared. */
const DATES = [
  "pubdate", "published", "dc:date", "issued", "dcterms:issued", "created", "dcterms:created", "dcterms:date",
  "dcterms:available", "updated", "modified", "dcterms:modified",
];

export const entryFields = {
  start(attribs: Record<string, string>, bases: readonly string[]): EntryState {
    return {
      fields: {},
      about: attribs["rdf:about"] ?? null,
      cdfHref: attribs.href ?? null,
      cdfDate: attribs.lastmod ?? null,
      hrefLink: null,
      hrefRank: 0,
      linkBases: bases,
      textLinkBases: null,
      images: [],
    };
  },

  /** Elements read from their attributes alone; true when `name` was one of them. */
  element(e: EntryState, name: string, attribs: Record<string, string>, bases: readonly string[]): boolean {
    switch (name) {
      case "link": {
        const href = attribs.href;
        if (!href) return false;
        const rank = linkRank(attribs);
        if (rank > e.hrefRank) {
          e.hrefLink = href;
          e.hrefRank = rank;
          e.linkBases = bases;
        } else if ((attribs.rel ?? "").toLowerCase() === "enclosure" && isImage(href, attribs.type ?? "")) {
          e.images.push(href);
        }
        return true;
      }
      case "enclosure":
        if (attribs.url && isImage(attribs.url, attribs.type ?? "")) e.images.push(attribs.url);
        return true;
      case "media:content":
      case "media:thumbnail":
        if (attribs.url && (name === "media:thumbnail" || isImage(attribs.url, attribs.type ?? "", attribs.medium ?? ""))) e.images.push(attribs.url);
        return true;
      case "itunes:image":
        if (attribs.href) e.images.push(attribs.href);
        return true;
      default:
        return false;
    }
  },

  set(e: EntryState, name: string, value: string, _attribs: Record<string, string>, bases: readonly string[]): void {
    if (nonBlank(e.fields[name]) || !nonBlank(value)) return;
    e.fields[name] = value;
    if (name === "link") e.textLinkBases = bases;
  },

  finish(e: EntryState): RawEntry {
    const f = e.fields;
    const origLink = pick(f, ["feedburner:origlink"]);
    const textLink = pick(f, ["link"]);
    const link = origLink ?? textLink ?? e.hrefLink ?? e.cdfHref;
    const bases = !origLink && textLink && e.textLinkBases ? e.textLinkBases : e.linkBases;
    const dates: (string | null)[] = DATES.map((d) => f[d] ?? null).filter((d) => d !== null);
    if (e.cdfDate) dates.push(e.cdfDate);
    return {
      guid: pick(f, ["guid", "id"])?.trim() || e.about?.trim() || null,
      link: link?.trim() || null,
      title: pick(f, TITLE),
      summary: pick(f, SUMMARY),
      content: pick(f, CONTENT),
      author: pick(f, AUTHOR),
      dates,
      images: e.images,
      bases,
    };
  },
};

export const feedFields = {
  set(s: FeedState, name: string, value: string, _attribs: Record<string, string>): void {
    if (!nonBlank(s.fields[name]) && nonBlank(value)) s.fields[name] = value;
  },
  link(s: FeedState, attribs: Record<string, string>): void {
    const rank = linkRank(attribs);
    if (rank > s.hrefRank && attribs.href) {
      s.hrefLink = attribs.href;
      s.hrefRank = rank;
    }
  },
  title(s: FeedState): string | null {
    return pick(s.fields, TITLE);
  },
  siteUrl(s: FeedState): string | null {
    return pick(s.fields, ["link"])?.trim() ?? s.hrefLink;
  },
  ttl(s: FeedState): number | null {
    const n = Number(s.fields.ttl);
    // A ttl of days or more is a mistake more often than a wish; a week is the most we honour.
    return Number.isFinite(n) && n > 0 ? Math.min(Math.round(n), 7 * 24 * 60) : null;
  },
};

/**
 * `&#146;` means U+0092 to an XML parser but "’" to every browser (HTML maps numeric references to
 * 0x80–0x9F through windows-1252, as publishers who wrote them intended). Applied to the document
 * before parsing so XML-decoded text gets the browser's reading; entities' replaceCodePoint is the
 * HTML spec's table.
 */
export function mapNumericC1(text: string): string {
  if (!text.includes("&#")) return text;
  return text.replace(/&#(?:0*(1[2-5]\d)|[xX]0*([89][0-9a-fA-F]));/g, (m, dec: string | undefined, hex: string | undefined) => {
    const cp = dec ? Number(dec) : parseInt(hex!, 16);
    if (cp < 0x80 || cp > 0x9f) return m;
    const mapped = replaceCodePoint(cp);
    return mapped === cp ? m : String.fromCodePoint(mapped);
  });
}
