/**
 * The words of an article's address. Most outlets write a slug into the URL for search engines, and
 * a slug names the subject plainly where the headline plays with it: "Fines of up to 7% of turnover,
 * and deepfakes must be labelled" lives at `…/ai-act-fines-timeline-deepfake-labels/`, "The demo is
 * not the job" at `…/the-demo-is-not-the-job` (nothing to add there), "Astra's best trick …" at
 * `…/astra-remembered-the-glasses`. The clusterer reads the slug's rare words that the headline and
 * the summary do not already say (see `doc-text.ts`), as terms of the vector only: they are the
 * address's words, not the article's, so they are no evidence of names or event words (an undated
 * piece whose address said "resignation" joined the resignation it followed up on as the same event).
 *
 * Only a path segment of three words or more is a slug: section names ("technology", "tech-policy"),
 * dates, numeric ids and file names ("roadmap.pdf") say nothing of the story. Read with string
 * operations, no URL parser: every item of a clustering run comes through here.
 */

/** A slug's file extension ("….html"). */
const EXTENSION = /\.(?:s?html?|php\d?|aspx?|jsp|cfm|pdf)$/i;
/** A word of a slug: letters (any script) and digits, opened by a letter ("gpt"; "4o" is a `SHORT_CODE`). */
const WORD = /^\p{L}[\p{L}\p{N}]*$/u;
/** A short figure-and-letters word of a model or product name ("4o", "3b", "5g"). */
const SHORT_CODE = /^\d[\p{L}]{1,2}$/u;
/** Fewer words than this in a segment: a section, a name or an id, not a slug. */
const MIN_SLUG_WORDS = 3;
/**
 * A slug's words read at most: a headline's worth. A feed's link may be any length (a field holds up
 * to 256 KiB); a longer segment is no slug anyway, and each word read is a term of the item.
 */
const MAX_SLUG_WORDS = 16;
/** A segment longer than this is no slug (a slug is a headline's words, dashed). */
const MAX_SEGMENT_CHARS = 300;
/** A word with digits this long or longer is an id ("a1b2c3d4"), not a name. */
const MAX_CODE_LENGTH = 6;
/**
 * Two capitals each after a small letter: an encoded id ("yqLPxZ"), not a word ("eBay", "YouTube"
 * have one). Its pieces would be rare terms matching nothing, which only lengthen the vector.
 */
const ENCODED = /\p{Ll}\p{Lu}.*\p{Ll}\p{Lu}/u;

/** The words of the URL's slug (its path segment of most words, at least three), lower case; none: []. */
export function addressWords(url: string | undefined): string[] {
  if (!url) return [];
  const scheme = url.indexOf("://");
  const pathStart = scheme < 0 ? -1 : url.indexOf("/", scheme + 3);
  if (pathStart < 0) return [];
  let end = url.length;
  for (const stop of ["?", "#"]) {
    const at = url.indexOf(stop, pathStart);
    if (at >= 0 && at < end) end = at;
  }
  let best: string[] = [];
  for (const raw of url.slice(pathStart + 1, end).split("/")) {
    if (raw.length < 5 || raw.length > MAX_SEGMENT_CHARS) continue; // three one-letter words and two dashes at least
    const words = slugWordsOf(raw);
    if (words.length >= MIN_SLUG_WORDS && words.length >= best.length) best = words;
  }
  return best;
}

function slugWordsOf(segment: string): string[] {
  let text = segment;
  if (text.includes("%")) {
    try {
      text = decodeURIComponent(text);
    } catch {
      return []; // a malformed escape: no words rather than garbled ones
    }
  }
  const out: string[] = [];
  for (const raw of text.replace(EXTENSION, "").split(/[-_+]+/)) {
    if (out.length === MAX_SLUG_WORDS) break;
    if (ENCODED.test(raw)) continue;
    const part = raw.toLowerCase();
    if (SHORT_CODE.test(part)) out.push(part);
    else if (WORD.test(part) && !(part.length >= MAX_CODE_LENGTH && /\d/.test(part))) out.push(part);
  }
  return out;
}
