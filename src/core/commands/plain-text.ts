/**
 * Words that members store and that are shown again later (filter words, custom topic names and
 * keywords) keep only visible text: C0/C1 control characters (NUL, BEL, ESC …), DEL, bidi overrides
 * and isolates, and line/paragraph separators would otherwise be stored and echoed raw by /filter list
 * and /topics (a terminal escape, a right-to-left override that reverses the rest of a line). Tabs
 * and line breaks become spaces; zero-width joiners stay (emoji sequences need them).
 */
const BREAKS = /[\t\n\r\v\f\u0085\u2028\u2029]/g;
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufff9-\ufffb]/g;

/** Half a surrogate pair (only from JSON-escaped input) is no text: stored, it would break replies. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function plainText(s: string): string {
  return s.replace(BREAKS, " ").replace(INVISIBLE, "").replace(LONE_SURROGATE, "");
}

/** Whether `s` holds anything plainText would remove or change. */
export function hasControls(s: string): boolean {
  return plainText(s) !== s;
}
