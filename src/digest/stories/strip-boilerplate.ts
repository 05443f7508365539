/**
 * Per-feed boilerplate removal, applied before clustering, topic tagging and summarising: text that
 * says nothing about the item's event must not make two items look alike (a Hacker News feed whose
 * every summary reads "Score: 295 Comments: 250 By: … Discussion: …" once chained 23 unrelated
 * items into one story) nor end up in a summary.
 *
 * Two layers:
 * 1. Learned per feed: word trigrams (numbers and links masked, so "Score: 295" and "Score: 12" are
 *    the same) that recur in a large share of one feed's items are that feed's template. The words
 *    they cover are removed, and so are short gaps between covered words (the slots of a template:
 *    a user name, an author). A phrase an outlet repeats in most of its items tells nothing about
 *    any one of them, whatever it says.
 * 2. Known shapes that a feed with few items cannot teach yet, at the start or end of a summary
 *    only: WordPress's "The post … appeared first on …", "Continue reading", "[…]", an image credit
 *    ending with the outlet's name ("Illustration by … / The Circuit"), and the two Hacker News
 *    summary formats.
 */
import { WordTable } from "./word-table.js";
import { AsciiBytes } from "./ascii-bytes.js";

/** A template phrase must recur in at least this share of a feed's items … */
const MIN_SHARE = 0.4;
/** … and in at least this many of them (two items sharing a phrase is a coincidence, or one story). */
const MIN_ITEMS = 3;
/** Words left between template words that count as the template's slots (user name, figures). */
const MAX_SLOT = 2;
const N = 3;

interface Token {
  key: string;
  start: number;
  end: number;
}

const TOKEN = /https?:\/\/\S+|[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const raw = m[0];
    out.push({ key: keyOf(raw), start: m.index, end: m.index + raw.length });
  }
  return out;
}

function keyOf(raw: string): string {
  if (raw.startsWith("http")) return "<url>";
  let digit = -1;
  let ascii = true;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 128) ascii = false;
    else if (digit < 0 && c >= 48 && c <= 57) digit = i;
  }
  if (digit < 0) return raw.toLowerCase();
  // \d: ASCII digits only. Lower-casing outside ASCII may depend on the neighbours (a final sigma):
  // there the digits are replaced first, as always; an ASCII word is cut by hand (no expression per word).
  if (!ascii) return raw.replace(/\d+/g, "0").toLowerCase();
  let out = raw.slice(0, digit);
  for (let i = digit; i < raw.length; ) {
    const from = i;
    const digits = isDigit(raw.charCodeAt(i));
    while (i < raw.length && isDigit(raw.charCodeAt(i)) === digits) i++;
    out += digits ? "0" : raw.slice(from, i);
  }
  return out.toLowerCase();
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

const URL_AT = /https?:\/\/\S+/y;
const WORD_AT = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/uy;

/**
 * The keys of `tokens(text)`, without a match object per token: ASCII words are scanned by hand, the
 * expression itself (sticky) decides wherever a URL starts or a non-ASCII character is involved.
 */
export function tokenKeys(text: string): string[] {
  const out: string[] = [];
  scanTokens(
    text,
    (from, to) => out.push(keyOf(text.slice(from, to))),
    (key) => out.push(key),
  );
  return out;
}

/**
 * `tokenKeys` in order, each token either as the place of an ASCII word that does not start with
 * "http" (`word`: its key is the word lower-cased, digit runs as "0") or as its key (`key`).
 */
function scanTokens(text: string, word: (from: number, to: number) => void, key: (key: string) => void): void {
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    const url = c === 104 && text.startsWith("http", i) ? sticky(URL_AT, text, i) : undefined;
    let raw = url;
    if (raw === undefined && c < 128 && alnum(c)) {
      let j = i + 1;
      while (j < text.length && alnum(text.charCodeAt(j))) j++;
      const next = text.charCodeAt(j);
      if ((next === 39 || next === 0x2019) && letter(text.charCodeAt(j + 1))) {
        j += 2;
        while (j < text.length && letter(text.charCodeAt(j))) j++;
      }
      // A non-ASCII character right after (or after the apostrophe) may continue the word.
      const tail = text.charCodeAt(j);
      const unsure = tail >= 128 || ((tail === 39 || tail === 0x2019) && text.charCodeAt(j + 1) >= 128);
      if (!unsure && next !== 0x2019 && c !== 104) {
        word(i, j);
        i = j;
        continue;
      }
      raw = unsure ? sticky(WORD_AT, text, i) : text.slice(i, j);
    } else if (raw === undefined && c >= 128) raw = sticky(WORD_AT, text, i);
    if (raw === undefined) {
      i += c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
      continue;
    }
    key(keyOf(raw));
    i += raw.length;
  }
}

/**
 * `scanTokens` of an ASCII text given also as its bytes: the same calls. No character here is
 * non-ASCII, so neither "unsure" case arises; a URL is still the expression's to decide.
 */
function scanAsciiTokens(text: string, bytes: Uint8Array, word: (from: number, to: number) => void, key: (key: string) => void): void {
  const n = text.length;
  for (let i = 0; i < n; ) {
    const c = bytes[i] as number;
    const url = c === 104 && text.startsWith("http", i) ? sticky(URL_AT, text, i) : undefined;
    if (url === undefined && alnum(c)) {
      let j = i + 1;
      while (j < n && alnum(bytes[j] as number)) j++;
      // Bytes past the text are an older text's: every look ahead is bounded.
      if (j + 1 < n && bytes[j] === 39 && letter(bytes[j + 1] as number)) {
        j += 2;
        while (j < n && letter(bytes[j] as number)) j++;
      }
      if (c !== 104) word(i, j);
      else key(keyOf(text.slice(i, j)));
      i = j;
    } else if (url !== undefined) {
      key(keyOf(url));
      i += url.length;
    } else i++;
  }
}

// Helpers of `scanTokens` at module level: closures made per text were each named at run time under
// tsx (esbuild's keepNames), a property definition per closure per text.
function alnum(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
}

function letter(c: number): boolean {
  return (c | 32) >= 97 && (c | 32) <= 122;
}

function sticky(re: RegExp, text: string, at: number): string | undefined {
  re.lastIndex = at;
  return re.exec(text)?.[0];
}

/** What one feed's items have in common: its template trigrams. */
export class FeedBoilerplate {
  private constructor(readonly phrases: ReadonlySet<string>) {}

  /** Learn from one feed's texts (summaries); fewer than MIN_ITEMS texts teach nothing. */
  static learn(texts: readonly string[]): FeedBoilerplate {
    const phrases = new Set<string>();
    if (texts.length >= MIN_ITEMS) {
      const need = Math.max(MIN_ITEMS, Math.ceil(MIN_SHARE * texts.length));
      // A trigram in `need` texts has each of its words in `need` texts: only trigrams of such words
      // are counted (a large feed's items share few words, so this skips most of the counting).
      const words = new Map<string, { word: string; texts: number; last: number; id: number }>();
      const byId: { word: string; texts: number; last: number }[] = [];
      // Each text's words as indices into `byId`, all texts in one growing typed array (`starts`:
      // where each text's begin): a large feed's per-text arrays, let alone lists of objects, were
      // collector work (see `typed-slab.ts`).
      let ids = new Int32Array(1024);
      let used = 0;
      const starts = new Int32Array(texts.length + 1);
      // ASCII words are found by their place in the text (no string cut per word, see `word-table.ts`).
      const table = new WordTable(true);
      const entry = (key: string): number => {
        let w = words.get(key);
        if (!w) words.set(key, (w = { word: key, texts: 0, last: -1, id: byId.length }));
        if (w.id === byId.length) byId.push(w);
        return w.id;
      };
      const push = (id: number): void => {
        if (used === ids.length) {
          const grown = new Int32Array(2 * ids.length);
          grown.set(ids);
          ids = grown;
        }
        ids[used++] = id;
      };
      let text = "";
      // An ASCII text is scanned from its bytes (see `scanAsciiTokens`), most feeds' every text.
      const ascii = new AsciiBytes();
      let bytes: Uint8Array | undefined;
      const onWord = (from: number, to: number): void => {
        let id = bytes ? table.getBytes(bytes, from, to) : table.get(text, from, to);
        if (id < 0) table.set((id = entry(keyOf(text.slice(from, to)))));
        push(id);
      };
      const onKey = (key: string): void => push(entry(key));
      texts.forEach((t, n) => {
        starts[n] = used;
        bytes = ascii.of((text = t));
        if (bytes) scanAsciiTokens(text, bytes, onWord, onKey);
        else scanTokens(text, onWord, onKey);
      });
      starts[texts.length] = used;
      // Texts per word, counted once per text.
      for (let n = 0; n < texts.length; n++) {
        for (let j = starts[n] as number; j < (starts[n + 1] as number); j++) {
          const w = byId[ids[j] as number] as { texts: number; last: number };
          if (w.last !== n) {
            w.last = n;
            w.texts++;
          }
        }
      }
      const counts = new Map<string, number>();
      // No word in `need` texts, no trigram either (a large feed's usual case): skip the counting.
      let anyWord = false;
      for (const w of words.values()) if ((anyWord = w.texts >= need)) break;
      for (let n = 0; anyWord && n < texts.length; n++) {
        let seen: Set<string> | undefined; // made at a text's first trigram: most texts have none
        for (let i = starts[n] as number; i + N <= (starts[n + 1] as number); i++) {
          const [a, b, c] = [byId[ids[i] as number], byId[ids[i + 1] as number], byId[ids[i + 2] as number]];
          if (a && b && c && a.texts >= need && b.texts >= need && c.texts >= need) (seen ??= new Set()).add(`${a.word} ${b.word} ${c.word}`);
        }
        for (const g of seen ?? []) counts.set(g, (counts.get(g) ?? 0) + 1);
      }
      for (const [g, n] of counts) if (n >= need) phrases.add(g);
    }
    return new FeedBoilerplate(phrases);
  }

  /** The text without its template words and known trailers; `feedTitle` helps end an image credit. */
  strip(text: string, feedTitle?: string | null): string {
    // Known shapes first: a learned phrase may be part of one ("appeared first on ScreenTrade").
    return this.stripTemplate(stripKnownShapes(text, feedTitle));
  }

  /** The text (known shapes already removed) without its template words. */
  stripTemplate(text: string): string {
    if (this.phrases.size === 0) return text;
    const toks = tokens(text);
    const covered = new Uint8Array(toks.length);
    for (let i = 0; i + N <= toks.length; i++) {
      const g = toks.slice(i, i + N).map((t) => t.key).join(" ");
      if (this.phrases.has(g)) covered.fill(1, i, i + N);
    }
    // Fill a template's slots: a short run of uncovered words between covered ones, or at the end
    // right after them (the "By: someone" at the end of a template).
    let last = -1;
    for (let i = 0; i < toks.length; i++) {
      if (!covered[i]) continue;
      if (last >= 0 && i - last - 1 <= MAX_SLOT) covered.fill(1, last + 1, i);
      last = i;
    }
    if (last >= 0 && toks.length - last - 1 <= MAX_SLOT && last > 0) covered.fill(1, last + 1, toks.length);
    if (!covered.includes(1)) return text;
    let out = "";
    let from = 0;
    for (let i = 0; i < toks.length; i++) {
      if (!covered[i]) continue;
      let j = i;
      while (j + 1 < toks.length && covered[j + 1]) j++;
      out += text.slice(from, (toks[i] as Token).start);
      // Drop the punctuation that belonged to the template too, up to the next kept word.
      from = j + 1 < toks.length ? (toks[j + 1] as Token).start : text.length;
      i = j;
    }
    out += text.slice(from);
    return tidy(out);
  }
}

const TRAILERS: readonly RegExp[] = [
  /\s*The post\s.{1,300}?\sappeared first on\s.{1,120}?\.?\s*$/su,
  /\s*(?:Continue reading|Read more|Read the full (?:story|article)|Keep reading)\s*(?:…|\.\.\.|→|»|>>)?\s*\.?\s*$/iu,
  /\s*\[(?:…|\.\.\.|&hellip;|&#8230;)\]\s*$/u,
  /\s*(?:Article URL:\s*\S+\s*)?Comments URL:\s*\S+\s*Points:\s*\d+\s*#\s*Comments:\s*\d+\s*$/u,
  /\s*Score:\s*\d+\s+Comments:\s*\d+\s+By:\s*\S+\s+Discussion:\s*\S+\s*$/u,
];
/**
 * What each trailer cannot match without (same order): most texts have none of these, and the
 * end-anchored expressions would otherwise be tried from every position of every text.
 */
const TRAILER_NEEDS: readonly ((text: string) => boolean)[] = [
  (t) => t.includes("appeared first on"),
  (t) => /read/iu.test(t),
  (t) => t.includes("["),
  (t) => t.includes("Comments URL:"),
  (t) => t.includes("Score:"),
];

const CREDIT = /^(?:Photo illustration|Illustration|Photograph|Photo|Image|Picture)(?:\s+by)?:?\s+[^/\n]{1,80}?\s\/\s/iu;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Known trailers at the end and an image credit at the start (see the module comment). */
export function stripKnownShapes(text: string, feedTitle?: string | null): string {
  let out = text;
  for (let changed = true; changed; ) {
    changed = false;
    for (let k = 0; k < TRAILERS.length; k++) {
      if (!(TRAILER_NEEDS[k] as (text: string) => boolean)(out)) continue;
      const next = out.replace(TRAILERS[k] as RegExp, "");
      if (next !== out) {
        out = next;
        changed = true;
      }
    }
  }
  const credit = CREDIT.exec(out);
  if (credit) {
    const rest = out.slice(credit[0].length);
    // The credit ends with the outlet: the feed's title when it is there, else a wire or agency name.
    const outlet = feedTitle ? new RegExp(`^${escapeRegExp(feedTitle.trim())}\\b`, "iu").exec(rest) : null;
    const agency = outlet ?? /^(?:Getty Images|AFP|Reuters|AP|Bloomberg|Shutterstock|Unsplash|EPA)\b/u.exec(rest);
    if (agency) out = rest.slice(agency[0].length);
  }
  return tidy(out);
}

function tidy(s: string): string {
  // Whitespace is squeezed only where there is some to squeeze (most texts: none; saves a copy).
  const squeezed = /\s\s|[^\S ]/.test(s) ? s.replace(/\s+/g, " ") : s;
  return squeezed.replace(/^[\s:;,.|–—-]+/u, "").trim();
}

/**
 * Learn each feed's template from these items (usually the clustering window's) and return a
 * function that strips any item's summary, including items of the same feeds outside the sample.
 * `sample`: the item is the sample's item at that index (a batch stripping its own sample says so,
 * and its texts are not looked up by value).
 */
export function boilerplateCleaner(
  sample: readonly { feedId: string; summary: string }[],
  feedTitles?: ReadonlyMap<string, string | null>,
): (item: { feedId: string; summary: string }, sample?: number) => string {
  const byFeed = new Map<string, string[]>();
  // The sample's texts without their known shapes, in sample order: stripping a sample item again
  // (the usual case) skips the trailer expressions. Lives as long as the returned function (one
  // clustering run). By feed and text only when an item is given without its place in the sample.
  const shapedTexts: string[] = [];
  let shaped: Map<string, Map<string, string>> | undefined;
  for (const item of sample) {
    let list = byFeed.get(item.feedId);
    if (!list) byFeed.set(item.feedId, (list = []));
    const text = stripKnownShapes(item.summary, feedTitles?.get(item.feedId));
    shapedTexts.push(text);
    list.push(text);
  }
  const models = new Map<string, FeedBoilerplate>();
  for (const [feedId, texts] of byFeed) models.set(feedId, FeedBoilerplate.learn(texts));
  const none = FeedBoilerplate.learn([]);
  const byText = (): Map<string, Map<string, string>> => {
    // Built at the first item asked for by value (hashing every text of a large sample cost time);
    // the sample is read again then, so callers leave it unchanged meanwhile (all do: they strip at once).
    const map = new Map<string, Map<string, string>>();
    sample.forEach((item, i) => {
      let known = map.get(item.feedId);
      if (!known) map.set(item.feedId, (known = new Map()));
      known.set(item.summary, shapedTexts[i] as string);
    });
    return map;
  };
  return (item, index) => {
    if (!item.summary) return "";
    const model = models.get(item.feedId) ?? none;
    if (index !== undefined) return model.stripTemplate(shapedTexts[index] as string);
    const known = (shaped ??= byText()).get(item.feedId)?.get(item.summary);
    return known === undefined ? model.strip(item.summary, feedTitles?.get(item.feedId)) : model.stripTemplate(known);
  };
}
