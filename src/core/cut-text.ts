/**
 * The one way text is cut to a length: at a grapheme boundary (Intl.Segmenter), so a cut never splits a
 * surrogate pair (Telegram rejects a lone half as invalid UTF-8; stores keep U+FFFD), an emoji with its
 * modifiers or ZWJ sequence, or a letter from its combining accents. The limit is in UTF-16 units,
 * which is what Telegram counts and never undercounts Discord's code points.
 */
const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** Graphemes longer than this are cut through (e.g. "zalgo" with thousands of combining marks). */
const LONGEST_GRAPHEME = 64;

/** `s` if it fits in `max` UTF-16 units, else its longest grapheme-whole prefix plus `ellipsis`, within `max`. */
export function cutText(s: string, max: number, ellipsis = "…"): string {
  if (s.length <= max) return s;
  const room = max - ellipsis.length;
  if (room <= 0) return max >= ellipsis.length ? ellipsis : "";
  // Only the head can matter; segmenting a 5 MB string to keep 100 characters would be waste.
  let end = 0;
  for (const { index, segment } of segmenter.segment(s.slice(0, room + LONGEST_GRAPHEME))) {
    if (index + segment.length > room) break;
    end = index + segment.length;
  }
  if (end === 0) end = codePointEnd(s, room); // one huge grapheme: fall back to code points
  return `${s.slice(0, end).trimEnd()}${ellipsis}`;
}

/** The largest end ≤ room that does not split a surrogate pair. */
function codePointEnd(s: string, room: number): number {
  const last = s.charCodeAt(room - 1);
  return last >= 0xd800 && last <= 0xdbff ? room - 1 : room;
}

/** Whether `s` ends in the first half of a surrogate pair or starts with a second half (a bad cut). */
export function hasLoneSurrogate(s: string): boolean {
  return /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
}
