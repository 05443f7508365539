/**
 * Text leaves shared by clustering, topic matching and filters: one tokeniser so that a keyword and the
 * text it is matched against are always cut the same way (no regular expressions built from user text).
 */

/** Lower-case word tokens: runs of letters/digits (any script); everything else separates. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  const lower = text.toLowerCase();
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    const code = i < lower.length ? lower.charCodeAt(i) : 32;
    if (isWordChar(code)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out.push(lower.slice(start, i));
      start = -1;
    }
  }
  return out;
}

function isWordChar(code: number): boolean {
  if (code >= 97 && code <= 122) return true; // a-z
  if (code >= 48 && code <= 57) return true; // 0-9
  if (code < 128) return false;
  // Non-ASCII: letters of other scripts count as word characters; punctuation/space do not.
  const ch = String.fromCharCode(code);
  return ch.toLowerCase() !== ch.toUpperCase() || (code >= 0x00c0 && code <= 0x024f);
}

/**
 * Function words plus headline filler ("says", "report") that would otherwise make unrelated stories
 * look alike. Kept short on purpose: content words, even common ones, carry the event.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "a about above after again against all also am an and any are as at be because been before being below " +
    "between both but by can could did do does doing down during each few for from further had has have " +
    "having he her here hers herself him himself his how i if in into is it its itself just me more most my " +
    "no nor not now of off on once only or other our ours out over own same she should so some such than " +
    "that the their theirs them then there these they this those through to too under until up very was we " +
    "were what when where which while who whom why will with would you your yours s t d ll m re ve " +
    "says say said saying told tells report reports reported according via amid new news update updates " +
    "latest just get gets got make makes made one two first year years week day today yesterday could " +
    "may might must shall per vs video watch read here's it's what's"
  ).split(/\s+/),
);

/**
 * Light English stemmer (plural and -ing/-ed endings only): merges "chatbots"/"chatbot" and
 * "launches"/"launched"/"launching" without Porter's aggressive cuts that join unrelated words.
 */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith("ies") && w.length > 4) return w.slice(0, -3) + "y";
  if (w.endsWith("sses")) return w.slice(0, -2);
  if (w.endsWith("xes") || w.endsWith("ches") || w.endsWith("shes")) w = w.slice(0, -2);
  else if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) w = w.slice(0, -1);
  if (w.endsWith("ing") && w.length > 5) w = undouble(w.slice(0, -3));
  else if (w.endsWith("ed") && w.length > 4) w = undouble(w.slice(0, -2));
  if (w.endsWith("e") && w.length > 4) w = w.slice(0, -1);
  return w;
}

function undouble(w: string): string {
  const n = w.length;
  if (n >= 3 && w[n - 1] === w[n - 2] && !"lsz".includes(w[n - 1] ?? "")) return w.slice(0, -1);
  return w;
}

/**
 * Content terms for clustering: tokens minus stop words and 1-letter tokens, stemmed; figures
 * ("$35.1 billion", "35.1bn", "94 percent") become one term each (see `figureTerm`).
 */
export function contentTerms(text: string): string[] {
  const out: string[] = [];
  scanContent(
    text,
    (tok) => {
      if (!isFiller(tok)) out.push(stem(tok));
    },
    (term) => out.push(term),
  );
  return out;
}

/** A token that is no content term: a stop word or a single character. */
export function isFiller(tok: string): boolean {
  return tok.length < 2 || STOP_WORDS.has(tok);
}

/**
 * The cut of `contentTerms`, in text order: each word token (lower-case, unfiltered) to `word`, each
 * figure's term to `figure`. For callers that map tokens to something else than stemmed strings
 * (the clusterer's per-token cache, see `token-terms.ts`) with exactly the same cut.
 */
export function scanContent(text: string, word: (tok: string) => void, figure: (term: string) => void): void {
  let from = 0;
  scanFigures(text, (start, end, term) => {
    for (const tok of tokenize(text.slice(from, start))) word(tok);
    // A lone digit ("5 things") carries nothing, as 1-letter words do not.
    if (term.length > 1) figure(term);
    from = end;
  });
  for (const tok of tokenize(from === 0 ? text : text.slice(from))) word(tok);
}

/**
 * The figures of a text in order: where each stands and its term (see `figureTerm`). A figure covers
 * whole tokens: it starts after and ends before a character that is no letter or digit.
 */
export function scanFigures(text: string, figure: (start: number, end: number, term: string) => void): void {
  // Most texts have no digit: skip the figure scan for them.
  if (!/\d/.test(text)) return;
  FIGURE.lastIndex = 0;
  for (let m = FIGURE.exec(text); m; m = FIGURE.exec(text)) figure(m.index, m.index + m[0].length, figureTerm(m[1] ?? "", m[2]));
}

/**
 * A number standing alone (not inside a word like "gpt4o" or "1080p"), with an optional decimal part
 * and scale or percent unit. Thousands separators are read as part of the number.
 */
const FIGURE =
  /(?<![\p{L}\p{N}.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(%|(?:bn|b|mn|m|tn|k)\b|\s?(?:percent|per cent|billion|million|trillion|thousand|bn|mn|tn)\b)?(?![\p{L}\p{N}]|[.,]\d)/giu;

const SCALE: Readonly<Record<string, string>> = {
  "%": "%", percent: "%", "per cent": "%", bn: "b", billion: "b", b: "b", mn: "m", million: "m", m: "m",
  tn: "t", trillion: "t", k: "k", thousand: "k",
};

/**
 * One term per figure, written the same whichever way an outlet writes it ("$35.1 billion",
 * "35.1bn" → "35.1b"): two reports of one event quote the same figures, and a decimal split into
 * "35" and "1" would lose exactly the part that makes the figure distinctive.
 */
export function figureTerm(number: string, unit: string | undefined): string {
  const n = number.replace(/,/g, "");
  return unit ? n + (SCALE[unit.trim().toLowerCase()] ?? "") : n;
}

/**
 * A figure term that identifies an event rather than a habit of speech: an amount or share (it has a
 * scale or percent unit, so not a year, a count or a version number) with at least two significant
 * digits ("35.1b", "94%", "157b"; not "4b", "20m", "50%"), since round numbers recur by chance.
 */
export function isDistinctiveFigure(term: string): boolean {
  const code = term.charCodeAt(0);
  if (!(code >= 48 && code <= 57)) return false;
  const unit = term[term.length - 1] ?? "";
  if (!"%kmbt".includes(unit)) return false;
  const digits = term.slice(0, -1).replace(".", "").replace(/^0+/, "").replace(/0+$/, "");
  return digits.length >= 2;
}

/** A title reduced to its tokens, for exact-duplicate detection ("Foo: Bar!" == "foo bar"). */
export function normalizeTitle(title: string): string {
  return tokenize(title).join(" ");
}

/** Sentences of plain text (split after . ! ? followed by space and an upper-case letter or digit). */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== "." && c !== "!" && c !== "?") continue;
    const next = text[i + 1];
    const after = text[i + 2];
    if (next === undefined) break;
    if ((next === " " || next === "\n") && after !== undefined && /[A-Z0-9"“‘'(]/.test(after)) {
      // Do not split after common abbreviations or initials ("U.S. officials", "Mr. Altman").
      const word = text.slice(Math.max(start, text.lastIndexOf(" ", i - 1) + 1), i + 1);
      if (/^(?:[A-Z]\.)+$|^(?:Mr|Mrs|Ms|Dr|St|Inc|Corp|Ltd|Co|Jr|Sr|vs|No)\.$/.test(word)) continue;
      out.push(text.slice(start, i + 1).trim());
      start = i + 2;
    }
  }
  const rest = text.slice(start).trim();
  if (rest) out.push(rest);
  return out.filter((s) => s.length > 0);
}
