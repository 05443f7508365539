/**
 * The grounding verifier: a model's sentence reaches readers only if the sources it cites back it.
 * A sentence is kept when it cites at least one existing source and, in those cited sources only:
 *   - every number occurs (as a token, and as the same figure with its scale: "4 billion" ≠ "4 million"),
 *   - every name occurs (capitalised words past the first, acronyms, CamelCase, words with digits),
 *   - every quoted phrase occurs word for word,
 *   - a negation ("not", "never", "no") has one to rest on,
 *   - most of its content words (Porter stems, a few newsroom synonyms) occur.
 * Anything else is dropped, with a reason, never repaired: a wrong sentence costs readers more than a
 * missing one, and the extractive summary is always there to fall back on.
 */
import { stemmer } from "stemmer";
import type { CitedSentence } from "../../core/types.js";
import { contentTerms, STOP_WORDS, tokenize } from "../stories/text-tokens.js";

export interface GroundingSource {
  /** 1-based number shown to the model. */
  n: number;
  title: string;
  text: string;
  outlet: string;
}

export interface ProposedSentence {
  text: string;
  sources: number[];
  /** The sentence in LLM_LANGUAGE, when the sources are in another language. */
  translation?: string;
}

export type DropReason =
  | "no-citation"
  | "bad-citation"
  | "number"
  | "name"
  | "quote"
  | "negation"
  | "unsupported"
  | "too-short"
  | "too-long"
  | "link"
  | "duplicate";

export interface DroppedSentence {
  text: string;
  reason: DropReason;
  /** The word, number or phrase that failed, when there is one. */
  detail?: string;
}

export interface GroundingResult {
  kept: CitedSentence[];
  dropped: DroppedSentence[];
}

export interface VerifyOptions {
  /** Sentences kept at most (the rest are dropped as surplus; default 3). */
  maxSentences?: number;
  /** Share of a sentence's content words its cited sources must contain (default 0.65). */
  minSupport?: number;
  /** Longest sentence accepted, in characters (default 350). */
  maxChars?: number;
}

/** Paraphrases newsrooms use for the same act: supported if any member occurs. Canonical = first. */
const SYNONYMS: readonly string[][] = [
  ["launch", "releas", "unveil", "introduc", "debut", "announc", "roll", "rollout", "ship"],
  ["user", "custom", "subscrib", "client", "member"],
  ["compani", "firm", "startup", "busi", "group", "maker", "develop"],
  ["acquir", "bui", "purchas", "acquisit", "takeov"],
  ["invest", "investment", "fund", "pledg", "commit", "spend"],
  ["law", "rule", "regul", "legisl", "act", "bill"],
  ["said", "state", "announc", "told", "confirm", "wrote", "post"],
  ["model", "system", "llm"],
  ["larg", "big", "biggest", "largest", "major"],
  ["also", "addition", "addit", "further"],
  ["ceo", "chief", "execut", "head", "boss", "founder", "cofound"],
];
const CANONICAL = new Map<string, string>();
for (const group of SYNONYMS) for (const w of group) if (!CANONICAL.has(w)) CANONICAL.set(w, group[0] as string);

const NUMBER_WORDS: Readonly<Record<string, string>> = {
  one: "1", two: "2", three: "3", four: "4", five: "5", six: "6", seven: "7", eight: "8", nine: "9", ten: "10",
  eleven: "11", twelve: "12", first: "1", second: "2", third: "3", dozen: "12", half: "50", twice: "2", double: "2",
};
const NEGATIONS = new Set(["not", "no", "never", "nor", "without", "t", "none", "neither", "nothing", "cannot"]);
/** Capitalised function words that start a clause after a colon or a quote: not names. */
const FUNCTION_CAPS = new Set(["the", "a", "an", "this", "that", "these", "those", "it", "its", "i", "in", "on", "at", "for", "but", "and", "as", "he", "she", "they", "we", "his", "her", "their", "our"]);

interface SourceIndex {
  tokens: Set<string>;
  figures: Set<string>;
  stems: Set<string>;
  /** Tokens joined by single spaces, padded: for quoted phrases. */
  joined: string;
  negated: boolean;
}

function indexSource(s: GroundingSource): SourceIndex {
  const all = `${s.title}. ${s.text}`;
  const tokens = tokenize(`${all} ${s.outlet}`);
  return {
    tokens: new Set(tokens),
    figures: new Set(contentTerms(all).filter(isFigure)),
    stems: new Set(tokens.map(stemOf)),
    joined: ` ${tokenize(all).join(" ")} `,
    negated: tokens.some((t) => NEGATIONS.has(t)),
  };
}

const isFigure = (term: string): boolean => /^\d/.test(term);
const hasDigit = (t: string): boolean => /\d/.test(t);

function stemOf(token: string): string {
  const s = stemmer(token);
  return CANONICAL.get(s) ?? s;
}

/** Terminal, bidi and zero-width controls never reach a chat; inline "[1]" markers become citations only. */
export function cleanSentence(text: string): string {
  return text
    .replace(/[\p{Cc}\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/gu, " ")
    .replace(/\s*(?:\[(?:\s*(?:source\s*)?\d+\s*[,;]?)+\]|【\d+】|\^\d+)/gi, "")
    .replace(/[*_`#]{2,}/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Quoted phrases: "…", “…”, ‘…’ and «…» of at least one word. */
function quotedPhrases(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/["“„«]([^"“”„«»]{2,}?)["”»]|‘([^‘’]{2,}?)’/g)) {
    const phrase = (m[1] ?? m[2] ?? "").trim();
    if (tokenize(phrase).length > 0) out.push(phrase);
  }
  return out;
}

/** Words that must be names: capitalised words past the first, and any word shaped like a name or code. */
function nameWords(text: string): string[] {
  const words = text.split(/\s+/).map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "")).filter(Boolean);
  const out: string[] = [];
  words.forEach((w, i) => {
    const lower = w.toLowerCase();
    if (FUNCTION_CAPS.has(lower)) return;
    const innerCaps = /\p{Lu}/u.test(w.slice(1)) || hasDigit(w);
    const capital = /^\p{Lu}/u.test(w);
    if ((i > 0 && capital) || innerCaps) out.push(w);
  });
  return out;
}

function verifyOne(
  s: ProposedSentence,
  sources: ReadonlyMap<number, SourceIndex>,
  opts: Required<VerifyOptions>,
): { kept?: CitedSentence; dropped?: DroppedSentence } {
  const text = cleanSentence(s.text);
  const drop = (reason: DropReason, detail?: string) => ({ dropped: { text, reason, ...(detail ? { detail } : {}) } });
  const cites = [...new Set(s.sources)];
  if (cites.length === 0) return drop("no-citation");
  const bad = cites.find((n) => !sources.has(n));
  if (bad !== undefined) return drop("bad-citation", String(bad));
  if (text.length > opts.maxChars) return drop("too-long");
  if (/https?:|www\.|<\/?[a-z]/i.test(text)) return drop("link");
  const cited = cites.map((n) => sources.get(n) as SourceIndex);
  const tokens = tokenize(text);
  const inTokens = (t: string) => cited.some((c) => c.tokens.has(t));

  for (const t of tokens) if (hasDigit(t) && !inTokens(t)) return drop("number", t);
  for (const f of contentTerms(text).filter(isFigure)) {
    if (!cited.some((c) => c.figures.has(f))) return drop("number", f);
  }
  for (const t of tokens) {
    const digit = NUMBER_WORDS[t];
    if (digit && !inTokens(t) && !inTokens(digit)) return drop("number", t);
  }
  for (const w of nameWords(text)) {
    for (const t of tokenize(w)) {
      // "AI" is the one acronym outlets often spell out.
      if (!inTokens(t) && !(t === "ai" && inTokens("artificial"))) return drop("name", w);
    }
  }
  for (const q of quotedPhrases(text)) {
    const needle = ` ${tokenize(q).join(" ")} `;
    if (!cited.some((c) => c.joined.includes(needle))) return drop("quote", q);
  }
  if (tokens.some((t) => NEGATIONS.has(t)) && !cited.some((c) => c.negated)) return drop("negation");

  const content = tokens.filter((t) => t.length >= 3 && !STOP_WORDS.has(t) && !hasDigit(t) && !NUMBER_WORDS[t]);
  if (content.length < 2) return drop("too-short");
  const supported = content.filter((t) => cited.some((c) => c.stems.has(stemOf(t)))).length;
  if (supported / content.length < opts.minSupport) {
    const missing = content.filter((t) => !cited.some((c) => c.stems.has(stemOf(t))));
    return drop("unsupported", missing.slice(0, 5).join(" "));
  }
  const shown = s.translation !== undefined && faithfulTranslation(text, cleanSentence(s.translation)) ? cleanSentence(s.translation) : text;
  const ended = /[.!?…]["”’)]?$/.test(shown) ? shown : `${shown}.`;
  return { kept: { text: ended, sources: cites.sort((a, b) => a - b) } };
}

/**
 * A translation is checked against its verified original, not the sources (whose words it does not
 * share): it must carry exactly the original's numbers and its mixed-case names (OpenAI, DeepMind),
 * and no link. A translation that fails leaves the verified original in place.
 */
function faithfulTranslation(original: string, translation: string): boolean {
  if (translation.length < 2 || translation.length > 500 || /https?:|www\.|<\/?[a-z]/i.test(translation)) return false;
  const digits = (t: string) => new Set(tokenize(t).filter(hasDigit));
  const a = digits(original);
  const b = digits(translation);
  if (a.size !== b.size || ![...a].every((x) => b.has(x))) return false;
  // Product and company names written in mixed case (OpenAI, DeepMind, iPhone) are never translated;
  // acronyms may be (AI → KI), so they are not required.
  const inTranslation = new Set(tokenize(translation));
  const codeNames = original.split(/\s+/).filter((w) => /\p{Ll}\p{Lu}|\p{Lu}\p{Ll}+\p{Lu}/u.test(w));
  return codeNames.flatMap((w) => tokenize(w)).every((t) => inTranslation.has(t));
}

export function verifyGrounding(
  proposed: readonly ProposedSentence[],
  sources: readonly GroundingSource[],
  options: VerifyOptions = {},
): GroundingResult {
  const opts: Required<VerifyOptions> = { maxSentences: 3, minSupport: 0.65, maxChars: 350, ...options };
  const index = new Map(sources.map((s) => [s.n, indexSource(s)]));
  const kept: CitedSentence[] = [];
  const dropped: DroppedSentence[] = [];
  const seen = new Set<string>();
  for (const p of proposed) {
    const r = verifyOne(p, index, opts);
    if (r.dropped) dropped.push(r.dropped);
    else if (r.kept) {
      const key = tokenize(r.kept.text).join(" ");
      if (seen.has(key)) dropped.push({ text: r.kept.text, reason: "duplicate" });
      else if (kept.length < opts.maxSentences) {
        seen.add(key);
        kept.push(r.kept);
      }
    }
  }
  return { kept, dropped };
}
