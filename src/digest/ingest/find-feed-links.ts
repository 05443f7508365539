/**
 * Autodiscovery: an HTML page is not a feed, but it often names its feed with
 * `<link rel="alternate" type="application/rss+xml" href="…">`. Moderators paste page URLs.
 */
import { Parser } from "htmlparser2";
import { resolveUrl } from "./canonical-url.js";

const FEED_TYPES = new Set(["application/rss+xml", "application/atom+xml", "application/feed+json", "application/json", "application/rdf+xml", "text/xml", "application/xml"]);

/** True when the text looks like an HTML document rather than XML or JSON. */
export function looksLikeHtml(text: string, contentType?: string | null): boolean {
  const head = text.slice(0, 1024).trimStart().toLowerCase();
  if (head.startsWith("<!doctype html") || head.startsWith("<html")) return true;
  if (contentType && /text\/html|application\/xhtml/i.test(contentType)) {
    return !/<(rss|feed|rdf:rdf)[\s>]/.test(head);
  }
  return false;
}

/** Absolute feed URLs advertised by an HTML page, in document order (RSS/Atom first). */
export function findFeedLinks(html: string, pageUrl: string): string[] {
  const found: { url: string; rank: number }[] = [];
  let base = pageUrl;
  let inBody = false;
  const parser = new Parser(
    {
      onopentag(name, a) {
        if (name === "body") inBody = true;
        if (inBody) return;
        if (name === "base" && a.href) base = resolveUrl(a.href, pageUrl) ?? base;
        if (name !== "link" || !a.href) return;
        const rels = (a.rel ?? "").toLowerCase().split(/\s+/);
        const type = (a.type ?? "").toLowerCase().split(";")[0]?.trim() ?? "";
        if (!rels.includes("alternate") || !FEED_TYPES.has(type)) return;
        const url = resolveUrl(a.href, base);
        if (url) found.push({ url, rank: type.includes("json") ? 1 : 0 });
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  // Feed links live in <head>; the start of a big page is enough.
  parser.write(html.length > 512_000 ? html.slice(0, 512_000) : html);
  parser.end();
  return [...new Set(found.sort((x, y) => x.rank - y.rank).map((f) => f.url))];
}
