/**
 * Element names as the feed parser matches them: lower-cased, with the prefix replaced by a canonical
 * one chosen by namespace URI, because publishers pick their own prefixes (`<terms:modified>`,
 * `<a10:updated>`) and some leave out the declaration altogether (then the written prefix is kept).
 * Atom elements lose their prefix (`atom:link` in RSS is read like Atom's `link`); elements in the
 * XHTML namespace get `xhtml:` even when it is the default namespace (`<body xmlns="…xhtml">`).
 */

/** Namespace URI → canonical prefix ("" for the feed formats' own vocabularies). */
const CANONICAL: Record<string, string> = {
  "http://purl.org/dc/elements/1.1/": "dc",
  "http://purl.org/dc/terms/": "dcterms",
  "http://purl.org/rss/1.0/modules/content/": "content",
  "http://www.w3.org/2005/atom": "",
  "http://purl.org/atom/ns#": "",
  "http://search.yahoo.com/mrss/": "media",
  "http://search.yahoo.com/mrss": "media",
  "http://www.itunes.com/dtds/podcast-1.0.dtd": "itunes",
  "http://www.itunes.com/dtds/podcast-1.0.dtd/": "itunes",
  "http://rssnamespace.org/feedburner/ext/1.0": "feedburner",
  "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf",
  "http://purl.org/rss/1.0/": "",
  "http://backend.userland.com/rss2": "",
  "http://backend.userland.com/rss": "",
  "http://my.netscape.com/rdf/simple/0.9/": "",
  "http://www.w3.org/1999/xhtml": "xhtml",
};

/** Prefix → namespace URI in scope; the default namespace under the key "". */
export type NsScope = Readonly<Record<string, string>>;

export const EMPTY_SCOPE: NsScope = Object.freeze({});

/** The scope inside an element: the parent's, plus any `xmlns`/`xmlns:p` the element declares. */
export function scopeOf(attribs: Record<string, string>, parent: NsScope): NsScope {
  let scope: Record<string, string> | null = null;
  for (const key in attribs) {
    if (key !== "xmlns" && !key.startsWith("xmlns:")) continue;
    scope ??= Object.create(parent) as Record<string, string>;
    scope[key === "xmlns" ? "" : key.slice(6).toLowerCase()] = (attribs[key] ?? "").trim().toLowerCase();
  }
  return scope ?? parent;
}

const cache = new Map<string, string>();

/** The canonical name of `raw` under `scope` (see the module comment). */
export function canonicalName(raw: string, scope: NsScope): string {
  const colon = raw.indexOf(":");
  const prefix = colon < 0 ? "" : raw.slice(0, colon).toLowerCase();
  const uri = scope[prefix];
  if (uri === undefined) {
    if (colon < 0) return lower(raw);
    // An undeclared prefix: keep it as written (lower-cased); "atom:" and "rss:" still mean the feed's own.
    return prefix === "atom" || prefix === "rss" ? lower(raw.slice(colon + 1)) : lower(raw);
  }
  const canonical = CANONICAL[uri];
  const local = colon < 0 ? raw : raw.slice(colon + 1);
  if (canonical === undefined) return colon < 0 ? lower(raw) : `${prefix}:${lower(local)}`;
  return canonical ? `${canonical}:${lower(local)}` : lower(local);
}

function lower(s: string): string {
  let v = cache.get(s);
  if (v === undefined) {
    v = s.toLowerCase();
    if (cache.size < 4096) cache.set(s, v);
  }
  return v;
}
