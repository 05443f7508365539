/**
 * RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 0.3/1.0 and CDF → ParsedFeed, in one streaming pass over
 * htmlparser2's XML tokenizer. Streaming rather than a DOM (xml2js, as rss-parser used) because:
 * - memory stays bounded: only the fields a digest reads are kept, the element count and the nesting
 *   depth are capped while reading (a 700k-element or 20k-deep document fails with a clear error
 *   instead of building a 700 MB tree or overflowing the stack);
 * - a truncated document keeps every item that was complete before the break (and says so);
 * - mixed content survives: Atom `type="xhtml"` text and HTML written inline without CDATA
 *   ("Example <b>Atom</b>") are kept as markup for the text cleaner, not cut at the first child;
 * - it is lenient like a feed reader must be: undeclared HTML entities, stray `&`, a missing
 *   `<channel>`, odd namespace prefixes all read as the publisher meant.
 * Element names are matched after namespace canonicalisation (see xml-names.ts).
 */
import { Parser } from "htmlparser2";
import { ParseError } from "../../core/errors.js";
import { entryFields, feedFields, mapNumericC1 } from "./xml-feed-fields.js";
import type { EntryState, FeedState } from "./xml-feed-fields.js";
import type { FeedFormat, ParsedFeed, RawEntry } from "./raw-feed.js";
import { canonicalName, EMPTY_SCOPE, scopeOf } from "./xml-names.js";
import type { NsScope } from "./xml-names.js";

export interface XmlFeedLimits {
  /** Elements in the whole document; default 250,000 (a 5 MB feed of real items has a few thousand). */
  maxElements: number;
  /** Nesting depth; default 256 (real feeds nest a dozen levels, inline XHTML a few more). */
  maxDepth: number;
  /** Entries read; default 20,000 (more are ignored with a warning). */
  maxEntries: number;
}

export const DEFAULT_XML_LIMITS: XmlFeedLimits = { maxElements: 250_000, maxDepth: 256, maxEntries: 20_000 };

/** Characters kept per field: a summary needs the start of an article, not a 5 MB one. */
const MAX_FIELD_CHARS = 256 * 1024;

/** Elements whose text (or markup) an entry keeps when they are its direct children. */
const ENTRY_TEXT = new Set([
  "title", "dc:title", "description", "summary", "dc:description", "itunes:summary", "itunes:subtitle", "abstract",
  "content:encoded", "content", "xhtml:body", "body", "fullitem", "author", "dc:creator", "itunes:author",
  "guid", "id", "link", "feedburner:origlink", "pubdate", "published", "updated", "issued", "modified", "created",
  "dc:date", "dcterms:issued", "dcterms:created", "dcterms:modified", "dcterms:date", "dcterms:available",
]);
/** Feed-level elements kept when they are direct children of the channel (or the root). */
const FEED_TEXT = new Set(["title", "dc:title", "link", "ttl"]);
/** Subtrees that carry another feed's or an image's title and link: never read as the entry's. */
const SKIP = new Set(["source", "image", "textinput", "rdf:seq", "itunes:category", "itunes:owner"]);

const enum Role {
  Other,
  Root,
  Channel,
  Entry,
  Skip,
  InCapture,
}

interface Frame {
  role: Role;
  scope: NsScope;
  /** xml:base values from the root down to here, outermost first (shared until one is added). */
  bases: readonly string[];
}

interface Capture {
  name: string;
  /** Stack depth of the captured element. */
  depth: number;
  target: "entry" | "feed";
  /** Atom type="xhtml" / mode="xml": the children are markup and text must stay text. */
  xhtml: boolean;
  base64: boolean;
  parts: string[];
  size: number;
  children: number;
  /** Text of an Atom person's `<name>` child, when this is an author. */
  personName: string[] | null;
  nameDepth: number;
  attribs: Record<string, string>;
  bases: readonly string[];
}

function limitError(what: string): ParseError {
  const message = `The feed is too complex to read safely (${what})`;
  return new ParseError(message, { code: "too-complex", userMessage: message });
}

function escapeText(s: string): string {
  return s.replace(/&(?![a-zA-Z][a-zA-Z0-9]{0,31};|#\d{1,7};|#x[0-9a-fA-F]{1,6};)/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function openTagMarkup(name: string, attribs: Record<string, string>): string {
  let s = `<${name}`;
  for (const k in attribs) s += ` ${k}="${(attribs[k] ?? "").replace(/&/g, "&amp;").replace(/"/g, "&quot;")}"`;
  return `${s}>`;
}

/** Attribute names lower-cased (CDF writes `HREF`, some feeds `Type`); allocates only when needed. */
function lowerKeys(attribs: Record<string, string>): Record<string, string> {
  for (const k in attribs) {
    if (k !== k.toLowerCase()) {
      const out: Record<string, string> = {};
      for (const key in attribs) out[key.toLowerCase()] = attribs[key]!;
      return out;
    }
  }
  return attribs;
}

function captureMode(name: string, attribs: Record<string, string>): { xhtml: boolean; base64: boolean } {
  if (name === "xhtml:body") return { xhtml: true, base64: false };
  const type = (attribs.type ?? "").toLowerCase().trim();
  const mode = (attribs.mode ?? "").toLowerCase().trim();
  if (mode === "base64") return { xhtml: false, base64: true };
  return { xhtml: type === "xhtml" || type === "application/xhtml+xml" || mode === "xml", base64: false };
}

const FORMATS: Record<string, FeedFormat> = { rss: "rss", feed: "atom", "rdf:rdf": "rdf", rdf: "rdf", channel: "rss" };

/** Parse decoded XML text; throws ParseError only past the limits or when no feed root is found. */
export function parseXmlFeed(text: string, limits: XmlFeedLimits = DEFAULT_XML_LIMITS): ParsedFeed {
  const stack: Frame[] = [];
  const feed: FeedState = { fields: {}, hrefLink: null, hrefRank: 0 };
  const entries: RawEntry[] = [];
  const warnings: string[] = [];
  let format: FeedFormat | null = null;
  let rootBase: string | null = null;
  let entry: EntryState | null = null;
  let capture: Capture | null = null;
  let elements = 0;
  let ending = false;
  let truncatedEntries = 0;
  let droppedEntries = 0;

  const top = (): Frame | undefined => stack[stack.length - 1];

  function append(s: string): void {
    const c = capture!;
    if (c.size >= MAX_FIELD_CHARS) return;
    c.parts.push(s);
    c.size += s.length;
  }

  function startCapture(name: string, attribs: Record<string, string>, target: "entry" | "feed", bases: readonly string[]): void {
    const { xhtml, base64 } = captureMode(name, attribs);
    capture = { name, depth: stack.length, target, xhtml, base64, parts: [], size: 0, children: 0, personName: null, nameDepth: -1, attribs, bases };
  }

  function finishCapture(): void {
    const c = capture!;
    capture = null;
    let value = c.personName && c.personName.join("").trim() ? c.personName.join("") : c.parts.join("");
    if (c.base64) value = Buffer.from(value.replace(/\s+/g, ""), "base64").toString("utf8");
    if (c.target === "entry" && entry) entryFields.set(entry, c.name, value, c.attribs, c.bases);
    else if (c.target === "feed") feedFields.set(feed, c.name, value, c.attribs);
  }

  const parser = new Parser(
    {
      onopentag(rawName, rawAttribs) {
        const attribs = lowerKeys(rawAttribs);
        if (++elements > limits.maxElements) throw limitError(`more than ${limits.maxElements.toLocaleString("en")} elements`);
        if (stack.length >= limits.maxDepth) throw limitError(`elements nested more than ${limits.maxDepth} deep`);
        const parent = top();
        const scope = scopeOf(attribs, parent?.scope ?? EMPTY_SCOPE);
        const xmlBase = attribs["xml:base"];
        const bases = xmlBase ? [...(parent?.bases ?? []), xmlBase] : (parent?.bases ?? []);
        if (capture) {
          const c = capture;
          c.children++;
          if (c.personName === null && stack.length === c.depth + 1 && canonicalName(rawName, scope) === "name") {
            c.personName = [];
            c.nameDepth = stack.length;
          }
          // The wrapper <div> of Atom xhtml text is the container, not content.
          if (!(c.xhtml && stack.length === c.depth + 1 && c.children === 1 && rawName.endsWith("div"))) append(openTagMarkup(rawName, attribs));
          stack.push({ role: Role.InCapture, scope, bases });
          return;
        }
        const role = parent?.role;
        if (role === Role.Skip) {
          stack.push({ role: Role.Skip, scope, bases });
          return;
        }
        const name = canonicalName(rawName, scope);
        if (!parent) {
          format = FORMATS[name] ?? "rss";
          rootBase = xmlBase ?? null;
          stack.push({ role: Role.Root, scope, bases });
          return;
        }
        if (entry) {
          if (SKIP.has(name)) stack.push({ role: Role.Skip, scope, bases });
          else if (entryFields.element(entry, name, attribs, bases)) stack.push({ role: Role.Other, scope, bases });
          else {
            if (role === Role.Entry && ENTRY_TEXT.has(name)) startCapture(name, attribs, "entry", bases);
            else if (name === "media:description") startCapture(name, attribs, "entry", bases);
            stack.push({ role: Role.Other, scope, bases });
          }
          return;
        }
        if (name === "item" || name === "entry") {
          if (entries.length + droppedEntries >= limits.maxEntries) {
            droppedEntries++;
            stack.push({ role: Role.Skip, scope, bases });
            return;
          }
          entry = entryFields.start(attribs, bases);
          stack.push({ role: Role.Entry, scope, bases });
          return;
        }
        const feedLevel = role === Role.Root || role === Role.Channel;
        if (feedLevel && name === "channel") stack.push({ role: Role.Channel, scope, bases });
        else if (SKIP.has(name)) stack.push({ role: Role.Skip, scope, bases });
        else {
          if (feedLevel && name === "link" && attribs.href) feedFields.link(feed, attribs);
          else if (feedLevel && FEED_TEXT.has(name)) startCapture(name, attribs, "feed", bases);
          stack.push({ role: Role.Other, scope, bases });
        }
      },
      ontext(data) {
        const c = capture;
        if (!c) return;
        if (c.nameDepth >= 0 && stack.length > c.nameDepth) c.personName!.push(data);
        append(c.xhtml ? escapeText(data) : data);
      },
      onclosetag(rawName, implied) {
        const frame = stack.pop();
        if (!frame) return;
        const c = capture;
        if (c) {
          if (stack.length === c.depth) {
            finishCapture();
          } else {
            if (stack.length === c.nameDepth) c.nameDepth = -1;
            if (!(c.xhtml && stack.length === c.depth + 1 && rawName.endsWith("div"))) append(`</${rawName}>`);
            return;
          }
        }
        if (frame.role === Role.Entry && entry) {
          // Closed only because the document ended: the entry may be cut anywhere, so it goes.
          if (implied && ending) truncatedEntries++;
          else entries.push(entryFields.finish(entry));
          entry = null;
        }
      },
    },
    { xmlMode: true, decodeEntities: true, recognizeCDATA: true },
  );
  parser.write(mapNumericC1(text));
  ending = true;
  const openAtEnd = stack.length;
  parser.end();
  if (format === null) throw new ParseError("The document has no feed element", { code: "parse", userMessage: "The document is not an RSS, Atom or JSON feed" });
  if (openAtEnd > 0) {
    const kept = entries.length === 0 ? "no complete item was found" : entries.length === 1 ? "the 1 complete item was kept" : `the ${entries.length} complete items were kept`;
    warnings.push(`The document ends early (truncated?); ${kept}${truncatedEntries ? ", the one cut off was dropped" : ""}`);
  }
  if (droppedEntries > 0) warnings.push(`Only the first ${limits.maxEntries.toLocaleString("en")} entries were read (${droppedEntries} more ignored)`);
  return {
    format,
    title: feedFields.title(feed),
    siteUrl: feedFields.siteUrl(feed),
    baseUrl: rootBase,
    ttlMinutes: feedFields.ttl(feed),
    entries,
    warnings,
  };
}
