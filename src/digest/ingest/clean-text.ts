/**
 * Feed text → clean text. Feeds put HTML (sometimes entity-escaped twice) in titles and summaries; a
 * real HTML parser strips it, because regexes break on comments, scripts and attributes with `>`.
 */
import { Parser } from "htmlparser2";
import { decodeHTML } from "entities";

/** Elements whose text is never prose. */
const SKIP = new Set(["script", "style", "noscript", "template", "svg", "math", "iframe", "object", "head", "title"]);
/** Elements that separate words even without whitespace in the source. */
const BLOCK = new Set([
  "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table",
  "blockquote", "figure", "figcaption", "section", "article", "header", "footer", "pre", "hr", "dd", "dt",
]);

/** Feed-ad and tracking images that are not the story's picture (FeedBurner flare, pixel counters). */
export function isJunkImage(src: string): boolean {
  return /feeds\.feedburner\.com\/~(ff|r)\/|feedsportal\.com|\/pixel\.(gif|png)|\bstats\.wp\.com\/|doubleclick\.net/i.test(src);
}

/** A lone surrogate (from a broken feed) would make chat APIs reject the whole message. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Terminal escape sequences (CSI "ESC [ … final", OSC "ESC ] … BEL|ESC \\" such as window titles,
 * OSC 52 clipboard writes and OSC 8 hyperlinks; the 8-bit CSI/OSC forms U+009B/U+009D), then any other
 * C0/C1 control, DEL, and the bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069)
 * that reorder what a reader sees. Feed text reaches terminals (`feeds test`, `digest preview`) and
 * chats, so none of it survives ingest. Tab, newline and return stay (whitespace is collapsed later).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ESCAPE_SEQUENCE = /(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?|(?:\u001b[\]PX^_]|[\u009d\u0090\u0098\u009e\u009f])[^\u0007\u001b\u009c]{0,4096}(?:\u0007|\u001b\\|\u009c)?|\u001b[\u0020-\u002f]*[\u0030-\u007e]?/g;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** `text` without terminal escape sequences, control characters or bidi overrides (see above). */
export function stripControls(text: string): string {
  // Almost all text has none: one test, no allocation.
  if (!CONTROL.test(text)) return text;
  return text.replace(ESCAPE_SEQUENCE, "").replace(CONTROLS, "");
}

export function collapseWhitespace(text: string): string {
  // \s covers no-break space and the Unicode line separators; zero-width space is the odd one out.
  const collapsed = stripControls(text).replace(/[\s\u200b]+/g, " ").trim();
  // Most text has no surrogates at all: test (no allocation) before replacing.
  return /[\uD800-\uDFFF]/.test(collapsed) ? collapsed.replace(LONE_SURROGATE, "\uFFFD") : collapsed;
}

export interface HtmlScan {
  text: string;
  /** `src` of the first `<img>`, raw (may be relative). */
  firstImage: string | null;
}

const CHUNK = 512;

/** Raw text beyond twice the budget only costs time (collapsing whitespace rarely halves it). */
function bounded(text: string, maxText: number): string {
  return Number.isFinite(maxText) && text.length > maxText * 2 ? text.slice(0, maxText * 2) : text;
}
/** Having this much text, scanning goes on only this far to find an image. */
const IMAGE_SEARCH_BYTES = 8 * 1024;

/** State of the one shared parser: scanning is synchronous, so one parser serves every call. */
const state = { parts: [] as string[], textLength: 0, skipDepth: 0, firstImage: null as string | null };
let parserInstance: Parser | null = null;

/** Building a parser per fragment cost more than parsing most summaries; reset() reuses one. */
function sharedParser(): Parser {
  parserInstance ??= new Parser(
    {
      onopentag(name, attribs) {
        if (SKIP.has(name)) state.skipDepth++;
        else if (BLOCK.has(name)) state.parts.push(" ");
        if (name === "img" && state.firstImage === null) {
          const src = attribs.src ?? attribs["data-src"];
          // Tracking pixels are images too; skip the obvious 1×1 ones.
          if (src && attribs.width !== "1" && attribs.height !== "1" && !isJunkImage(src)) state.firstImage = src;
        }
      },
      onclosetag(name) {
        if (SKIP.has(name)) state.skipDepth = Math.max(0, state.skipDepth - 1);
        else if (BLOCK.has(name)) state.parts.push(" ");
      },
      ontext(data) {
        if (state.skipDepth === 0) {
          state.parts.push(data);
          state.textLength += data.length;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  return parserInstance;
}

/**
 * Text content of an HTML fragment (entities decoded, whitespace collapsed) and its first image.
 * With `maxText`, parsing stops once that much text is collected (and an image found, or
 * `imageSearch` more characters gave none): a summary needs the start of a 100 KB article, not all
 * of it. A caller that already has an image passes `imageSearch` 0.
 */
export function scanHtml(html: string, maxText = Number.POSITIVE_INFINITY, imageSearch = IMAGE_SEARCH_BYTES): HtmlScan {
  if (!html.includes("<")) {
    const decoded = html.includes("&") ? decodeHTML(html) : html;
    // A fragment that was entity-escaped as a whole ("&lt;p&gt;…") is HTML after one decoding.
    if (decoded.includes("<") && /<\/?[a-z][^>]*>/i.test(decoded)) return scanHtml(decoded, maxText, imageSearch);
    return { text: collapseWhitespace(bounded(decoded, maxText)), firstImage: null };
  }
  const st = state;
  st.parts = [];
  st.textLength = 0;
  st.skipDepth = 0;
  st.firstImage = null;
  const parser = sharedParser();
  parser.reset();
  let enoughAt = -1;
  for (let at = 0; at < html.length; at += CHUNK) {
    parser.write(html.slice(at, at + CHUNK));
    if (st.textLength < maxText) continue;
    if (enoughAt < 0) enoughAt = at;
    if (st.firstImage !== null || at - enoughAt >= imageSearch) break;
  }
  parser.end();
  const text = collapseWhitespace(bounded(st.parts.join(""), maxText));
  st.parts = [];
  return { text, firstImage: st.firstImage };
}

export function htmlToText(html: string): string {
  return scanHtml(html).text;
}

/**
 * Cut `text` to about `max` characters, preferring the end of a sentence, else a word boundary with
 * an ellipsis. Text already short enough is returned unchanged.
 */
export function cutAtSentence(text: string, max = 300): string {
  if (text.length <= max) return text;
  const window = text.slice(0, max + 1);
  // Last sentence end (., !, ? possibly followed by a closing quote/bracket) before the limit.
  const re = /[.!?…]["'”’)\]]?(?=\s)/g;
  let cut = -1;
  for (let m = re.exec(window); m; m = re.exec(window)) cut = m.index + m[0].length;
  if (cut >= max * 0.4) return window.slice(0, cut).trim();
  const space = window.lastIndexOf(" ", max - 1);
  const end = space > max * 0.5 ? space : max - 1;
  return `${window.slice(0, end).replace(/[\s,;:–—-]+$/, "")}…`;
}
