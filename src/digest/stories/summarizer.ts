/**
 * Story summaries. Callers depend on the `Summarizer` interface only, so an LLM summariser can be
 * plugged in later without touching them; the default is extractive and needs no network.
 */
import { splitSentences, tokenize } from "./text-tokens.js";

export interface SummaryInput {
  /** The story's headline. */
  title: string;
  /** Summaries of the story's items, the representative (headline) item first. */
  texts: string[];
}

export interface Summarizer {
  summarize(input: SummaryInput): Promise<string>;
}

/** Boilerplate feeds append to excerpts. Matched as plain substrings, never as patterns. */
const TRAILERS = ["The post ", "Continue reading", "Read more", "Read the full", "[…]", "[...]", "(more…)"];

/** Clean an excerpt: drop trailers ("The post … appeared first on …") and collapse whitespace. */
export function cleanSummary(text: string): string {
  let t = text.replace(/\s+/g, " ").trim();
  for (const trailer of TRAILERS) {
    const at = t.lastIndexOf(trailer);
    if (at > 0 && (trailer !== "The post " || t.includes("appeared first on", at))) t = t.slice(0, at).trim();
  }
  return t.replace(/\s*(?:…|\.\.\.)$/, "…");
}

export interface ExtractiveOptions {
  /** At most this many sentences (1–2 reads well in chat). */
  maxSentences: number;
  /** Hard cap in characters; cut at a word boundary with an ellipsis. */
  maxChars: number;
}

/**
 * The best one or two sentences of the first usable text: sentences repeating the headline's words
 * add nothing, so the first sentence that brings new information wins, followed by its neighbour.
 */
export function extractiveSummary(input: SummaryInput, opts: Partial<ExtractiveOptions> = {}): string {
  const maxSentences = opts.maxSentences ?? 2;
  const maxChars = opts.maxChars ?? 300;
  const titleTokens = new Set(tokenize(input.title));
  for (const raw of input.texts) {
    const text = cleanSummary(raw);
    const sentences = splitSentences(text).filter((s) => tokenize(s).length >= 4);
    if (sentences.length === 0) continue;
    // Skip a lead sentence that merely restates the headline.
    const start = sentences.length > 1 && overlap(sentences[0] ?? "", titleTokens) > 0.8 ? 1 : 0;
    let out = "";
    for (const s of sentences.slice(start, start + maxSentences)) {
      if (out && out.length + 1 + s.length > maxChars) break;
      out = out ? `${out} ${s}` : s;
    }
    return truncate(out, maxChars);
  }
  return "";
}

function overlap(sentence: string, titleTokens: Set<string>): number {
  const toks = tokenize(sentence);
  if (toks.length === 0) return 0;
  return toks.filter((t) => titleTokens.has(t)).length / toks.length;
}

export function truncate(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > maxChars * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, "")}…`;
}

export const extractiveSummarizer: Summarizer = {
  summarize: (input) => Promise.resolve(extractiveSummary(input)),
};
