/**
 * RSS 2.0 / 0.9x, Atom and RSS 1.0 (RDF) through rss-parser, mapped to ParsedFeed. The text must be
 * decoded already. A strict XML parse that fails is retried once on a lightly repaired copy (stray
 * `&`, HTML entities, control characters, doubled declarations) before giving up with a ParseError.
 */
import Parser from "rss-parser";
import { decodeHTML } from "entities";
import { parseError } from "./ingest-errors.js";
import type { FeedFormat, ParsedFeed, RawEntry } from "./raw-feed.js";

type Loose = Record<string, unknown>;

const ITEM_FIELDS = [
  ["media:content", "mediaContent", { keepArray: true }],
  ["media:thumbnail", "mediaThumbnail", { keepArray: true }],
  ["media:group", "mediaGroup", { keepArray: true }],
  ["feedburner:origLink", "origLink"],
  ["content:encoded", "contentEncoded"],
  ["published", "published"],
  ["updated", "updated"],
  ["dc:date", "dcDate"],
  ["dc:creator", "dcCreator"],
] as const;

interface Patchable {
  parseItemAtom(entry: Loose): Loose;
  parseItemRss(entry: Loose, fields: unknown): Loose;
}

const snippetless = new WeakMap<object, unknown>();

/**
 * rss-parser copies content:encoded a second time under its own name and strips its HTML with
 * regexes into a snippet, a twentieth of the parse time for nothing: we read our custom field and parse
 * the HTML properly when normalising. Its item fields without that entry, per field list.
 */
function withoutSnippetFields(fields: unknown): unknown {
  if (!Array.isArray(fields)) return fields;
  let out = snippetless.get(fields);
  if (out === undefined) {
    out = fields.filter((f) => !(Array.isArray(f) && f.length > 2 && (f[2] as { includeSnippet?: boolean } | null)?.includeSnippet));
    snippetless.set(fields, out);
  }
  return out;
}

function makeParser(): Parser<Loose, Loose> {
  const parser = new Parser<Loose, Loose>({
    defaultRSS: 2,
    customFields: { item: ITEM_FIELDS.map((f) => [...f]) as unknown as string[] },
  });
  const patch = parser as unknown as Patchable;
  const rss = patch.parseItemRss.bind(parser);
  patch.parseItemRss = (entry: Loose, fields: unknown) => rss(entry, withoutSnippetFields(fields));
  // rss-parser calls toISOString() on Atom dates and throws RangeError on a bad one, losing the
  // whole feed; retry that entry without its dates so only the date is lost.
  const original = patch.parseItemAtom.bind(parser);
  patch.parseItemAtom = (entry: Loose) => {
    try {
      return original(entry);
    } catch {
      const { published, updated, ...rest } = entry;
      const item = original(rest);
      item.published = published;
      item.updated = updated;
      return item;
    }
  };
  return parser;
}

/** A string out of whatever xml2js produced (string, {_: text}, [first], or nothing). */
export function textOf(v: unknown): string | null {
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  if (Array.isArray(v)) return textOf(v[0]);
  if (v && typeof v === "object") {
    const o = v as Loose;
    if (typeof o._ === "string") return o._;
    if (typeof o.name !== "undefined") return textOf(o.name);
  }
  return null;
}

function attr(v: unknown, name: string): string | null {
  if (!v || typeof v !== "object") return null;
  const a = (v as Loose).$;
  if (!a || typeof a !== "object") return null;
  const value = (a as Loose)[name];
  return typeof value === "string" ? value : null;
}

function mediaImages(list: unknown, out: string[]): void {
  if (!Array.isArray(list)) return;
  for (const m of list) {
    const url = attr(m, "url");
    if (!url) continue;
    const medium = attr(m, "medium") ?? "";
    const type = attr(m, "type") ?? "";
    const isImage = medium === "image" || type.startsWith("image/") || (!medium && !type) || /\.(jpe?g|png|gif|webp|avif)(\?|$)/i.test(url);
    if (isImage) out.push(url);
  }
}

function toEntry(item: Loose): RawEntry {
  const images: string[] = [];
  const enclosure = item.enclosure as Loose | undefined;
  if (enclosure && typeof enclosure.url === "string") {
    const type = typeof enclosure.type === "string" ? enclosure.type : "";
    if (type.startsWith("image/") || (!type && /\.(jpe?g|png|gif|webp|avif)(\?|$)/i.test(enclosure.url))) images.push(enclosure.url);
  }
  mediaImages(item.mediaContent, images);
  mediaImages(item.mediaThumbnail, images);
  if (Array.isArray(item.mediaGroup)) {
    for (const g of item.mediaGroup) {
      if (g && typeof g === "object") {
        mediaImages((g as Loose)["media:content"], images);
        mediaImages((g as Loose)["media:thumbnail"], images);
      }
    }
  }
  const origLink = textOf(item.origLink);
  const guid = textOf(item.guid) ?? textOf(item.id) ?? textOf(item["rdf:about"]);
  // rss-parser puts RSS <description> and Atom <content> both in `content`; Atom <summary> in `summary`.
  const atomSummary = textOf(item.summary);
  const summary = atomSummary ?? textOf(item.content);
  const content = textOf(item.contentEncoded) ?? (atomSummary !== null ? textOf(item.content) : null);
  return {
    guid: guid?.trim() || null,
    // FeedBurner wraps the real link in a redirector and keeps the original in origLink.
    link: origLink?.trim() || textOf(item.link)?.trim() || null,
    title: textOf(item.title),
    summary,
    content,
    author: textOf(item.creator) ?? textOf(item.dcCreator) ?? textOf(item.author),
    dates: [textOf(item.pubDate), textOf(item.published), textOf(item.date), textOf(item.dcDate), textOf(item.updated), textOf(item.isoDate)],
    images,
  };
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const XML_ENTITIES = new Set(["amp", "lt", "gt", "quot", "apos"]);

/** Best-effort repairs for the commonest ways real feeds are not well-formed XML. */
export function repairXml(text: string): string {
  // Control characters other than tab/newline/return are illegal in XML 1.0.
  let s = text.replace(CONTROL_CHARS, "");
  // Everything before the root element that is not a comment/PI/doctype goes, as do all XML
  // declarations (the text is decoded already, so their encoding no longer matters).
  s = s.replace(/<\?xml[^>]*>/gi, "");
  s = s.replace(/^[\s\S]*?(?=<(?:rss|feed|rdf:RDF|RDF)[\s>])/, "");
  s = s.replace(/&([a-zA-Z][a-zA-Z0-9]{1,31});/g, (m, name: string) => {
    if (XML_ENTITIES.has(name)) return m;
    const decoded = decodeHTML(m);
    return decoded === m ? `&amp;${name};` : `&#${decoded.codePointAt(0) ?? 63};${decoded.length > 1 ? decoded.slice(1) : ""}`;
  });
  s = s.replace(/&(?!(?:[a-zA-Z][a-zA-Z0-9]{0,31}|#\d{1,7}|#x[0-9a-fA-F]{1,6});)/g, "&amp;");
  return s;
}

function detectFormat(text: string): FeedFormat {
  const m = /<(rss|feed|rdf:RDF|RDF)[\s>]/.exec(text.slice(0, 4096));
  if (m?.[1] === "feed") return "atom";
  if (m?.[1] === "rdf:RDF" || m?.[1] === "RDF") return "rdf";
  return "rss";
}

function feedBase(text: string): string | null {
  const m = /<feed\b[^>]*?\bxml:base\s*=\s*["']([^"']+)["']/.exec(text.slice(0, 4096));
  return m?.[1] ?? null;
}

function ttlOf(v: unknown): number | null {
  const n = Number(textOf(v));
  // A ttl of days or more is a mistake more often than a wish; a week is the most we honour.
  return Number.isFinite(n) && n > 0 ? Math.min(Math.round(n), 7 * 24 * 60) : null;
}

/**
 * One parser serves every call (building one costs more than parsing a small feed): parseString is
 * synchronous underneath and xml2js resets itself after each document. After a failure the parser is
 * replaced all the same, so no half-parsed state can leak into the next feed.
 */
let shared: Parser<Loose, Loose> | null = null;

async function parseWithSharedParser(text: string): Promise<Loose & Parser.Output<Loose>> {
  shared ??= makeParser();
  try {
    return await shared.parseString(text);
  } catch (err) {
    shared = null;
    throw err;
  }
}

export async function parseXmlFeed(text: string): Promise<ParsedFeed> {
  let out: Loose & Parser.Output<Loose>;
  try {
    out = await parseWithSharedParser(text);
  } catch (first) {
    try {
      out = await parseWithSharedParser(repairXml(text));
    } catch {
      const msg = first instanceof Error ? first.message.split("\n")[0] ?? "" : String(first);
      throw parseError(`The feed is not valid XML (${msg})`, first);
    }
  }
  return {
    format: detectFormat(text),
    title: textOf(out.title),
    siteUrl: textOf(out.link),
    baseUrl: feedBase(text),
    ttlMinutes: ttlOf(out.ttl),
    entries: (out.items ?? []).map((i) => toEntry(i as Loose)),
  };
}
