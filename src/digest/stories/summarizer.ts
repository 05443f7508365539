/**
 * Story summaries. Callers depend on the `Summarizer` interface only, so an LLM summariser can be
 * plugged in without touching them; the default is extractive and needs no network.
 *
 * The extractive summary is chosen across *all* the story's items, not only the headline's: every
 * outlet's excerpt is cleaned of feed noise (`stripFeedNoise`), split into sentences, and each complete
 * sentence is scored on what it adds to the headline (new words), how much of the coverage backs it
 * (words other outlets also report) and whether it leads its excerpt. The best sentence wins, with the
 * next one from the same excerpt when it fits. A sentence the feed cut off is never used; no summary at
 * all is better than a bad one.
 */
import { endsAsSentence, stripFeedNoise, summaryDefects } from "./summary-checks.js";
import { contentTerms, splitSentences } from "./text-tokens.js";

export interface SummaryInput {
  /** The story's headline. */
  title: string;
  /** Summaries of the story's items, the representative (headline) item first. */
  texts: string[];
}

export interface Summarizer {
  summarize(input: SummaryInput): Promise<string>;
}

/** Clean an excerpt of feed noise (aggregator lines, trailers, credits, bylines); kept for callers. */
export function cleanSummary(text: string): string {
  return stripFeedNoise(text);
}

export interface ExtractiveOptions {
  /** At most this many sentences (1–2 reads well in chat). */
  maxSentences: number;
  /** Hard cap in characters; a longer single sentence is shortened at a word with "…". */
  maxChars: number;
}

interface Candidate {
  text: number;
  index: number;
  sentence: string;
  score: number;
}

/** Words shorter than this make a fragment, not a sentence worth showing. */
const MIN_TERMS = 5;

export function extractiveSummary(input: SummaryInput, opts: Partial<ExtractiveOptions> = {}): string {
  const maxSentences = opts.maxSentences ?? 2;
  const maxChars = opts.maxChars ?? 300;
  const titleTerms = new Set(contentTerms(input.title));
  const excerpts = input.texts.map((t) => splitSentences(stripFeedNoise(t)));
  // How many excerpts mention each term: a sentence whose new words other outlets also report is
  // about the story, not one outlet's aside.
  const support = new Map<string, number>();
  for (const sentences of excerpts) {
    for (const term of new Set(sentences.flatMap((s) => contentTerms(s)))) support.set(term, (support.get(term) ?? 0) + 1);
  }
  const others = Math.max(1, excerpts.filter((e) => e.length > 0).length - 1);
  const candidates: Candidate[] = [];
  excerpts.forEach((sentences, text) => {
    sentences.forEach((sentence, index) => {
      if (!usable(sentence)) return;
      const terms = [...new Set(contentTerms(sentence))];
      if (terms.length < MIN_TERMS) return;
      const fresh = terms.filter((t) => !titleTerms.has(t));
      const novelty = fresh.length / terms.length;
      // A sentence that only restates the headline adds nothing.
      if (novelty < 0.35) return;
      const backing = fresh.reduce((n, t) => n + Math.min(1, ((support.get(t) ?? 1) - 1) / others), 0) / Math.max(1, fresh.length);
      const lead = index === 0 ? 0.15 : 0;
      const fit = sentence.length > maxChars ? -0.3 : sentence.length < 60 ? -0.1 : 0;
      candidates.push({ text, index, sentence, score: novelty * 0.5 + backing + lead + fit - text * 0.01 });
    });
  });
  candidates.sort((a, b) => b.score - a.score || a.text - b.text || a.index - b.index);
  const best = candidates[0];
  if (!best) return "";
  let out = best.sentence;
  for (let k = 1; k < maxSentences; k++) {
    const next = candidates.find((c) => c.text === best.text && c.index === best.index + k);
    if (!next || out.length + 1 + next.sentence.length > maxChars) break;
    out = `${out} ${next.sentence}`;
  }
  const shown = truncate(out, maxChars);
  return summaryDefects(shown).length ? "" : shown;
}

/** A complete sentence with none of the defects (a cut ending, a credit, boilerplate). */
function usable(sentence: string): boolean {
  return endsAsSentence(sentence) && summaryDefects(sentence).length === 0;
}

/** Shorten at a word boundary with "…" (an ellipsis says the cut was ours, not the feed's). */
export function truncate(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > maxChars * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, "")}…`;
}

export const extractiveSummarizer: Summarizer = {
  summarize: (input) => Promise.resolve(extractiveSummary(input)),
};
