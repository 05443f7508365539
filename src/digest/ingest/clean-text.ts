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

export function collapseWhitespace(text: string): string {
  return text.replace(/[\s\u00a0\u200b\u2028\u2029]+/g, " ").trim();
}

export interface HtmlScan {
  text: string;
  /** `src` of the first `<img>`, raw (may be relative). */
  firstImage: string | null;
}

/** Text content of an HTML fragment (entities decoded, whitespace collapsed) and its first image. */
export function scanHtml(html: string): HtmlScan {
  if (!html.includes("<")) {
    const decoded = html.includes("&") ? decodeHTML(html) : html;
    // A fragment that was entity-escaped as a whole ("&lt;p&gt;…") is HTML after one decoding.
    if (decoded.includes("<") && /<\/?[a-z][^>]*>/i.test(decoded)) return scanHtml(decoded);
    return { text: collapseWhitespace(decoded), firstImage: null };
  }
  const parts: string[] = [];
  let skipDepth = 0;
  let firstImage: string | null = null;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (SKIP.has(name)) skipDepth++;
        else if (BLOCK.has(name)) parts.push(" ");
        if (name === "img" && firstImage === null) {
          const src = attribs.src ?? attribs["data-src"];
          // Tracking pixels are images too; skip the obvious 1×1 ones.
          if (src && attribs.width !== "1" && attribs.height !== "1" && !isJunkImage(src)) firstImage = src;
        }
      },
      onclosetag(name) {
        if (SKIP.has(name)) skipDepth = Math.max(0, skipDepth - 1);
        else if (BLOCK.has(name)) parts.push(" ");
      },
      ontext(data) {
        if (skipDepth === 0) parts.push(data);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  return { text: collapseWhitespace(parts.join("")), firstImage };
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
