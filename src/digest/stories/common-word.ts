/**
 * A capitalised common word is not a specific name. "Search" ("Search Generative Experience"),
 * "French", "Skill Builder", "Cloud" are names by their capital, but a thousand-feed instance sees
 * them in dozens of stories a day, whatever few stories a small window holds: whether a name can tell
 * one story from another must not depend on how many feeds the instance has (issue 10's promise:
 * the same event is grouped the same way on a fresh instance as on one with a thousand feeds). The
 * shipped prior (`df-prior.ts`) knows how common such a word is on any instance. Measured: with the
 * background feeds, Google's AI Overviews launch joined Stratechery's "Google Earnings … Search
 * Advertising" and The Batch's newsletter ("Skill Builder") joined Microsoft's French investment, each
 * on one such word; a rare name ("Waymo", "Sutskever", "Veo") or a rarer word used as one ("Falcon",
 * "Geneva", 1.5e-4) still counts.
 */
import { dfPrior } from "./df-prior.js";
import type { DfPrior } from "./df-prior.js";
import { stem } from "./text-tokens.js";

/** The share of items the prior expects a word in above which it names a line of things, not one ("Pro", "Flash"). */
export const COMMON_NAME_SHARE = 3e-4;

/**
 * The beat of an AI-news digest: words nearly every item of it carries, whatever the prior says (film
 * subtitles, the prior's source, seldom say "AI"). On a fresh instance the first items of a window
 * found "AI" in few stories, so it counted as a specific name: Microsoft's French investment ("AI"
 * plus "summit") joined the US–China AI talks ("AI" plus "talks") when one outlet of the dev scenario
 * was left out. (Not for the follow-up linker: there "AI" is one of the two names linked stories
 * share, beside "Geneva", and leaving it out lost the US–China talks' readouts.)
 */
const BEAT_WORDS: ReadonlySet<string> = new Set(["ai", "genai", "agi", "llm", "llms", "artificial", "intelligence"].map(stem));

const cache = new Map<string, boolean>();

/** The prior expects the (stemmed) term in more than `COMMON_NAME_SHARE` of news items. */
export function isCommonWord(term: string): boolean {
  let common = cache.get(term);
  if (common === undefined) {
    common = (isPhrase(term) ? newsShare(term, dfPrior()) : dfPrior().share(term)) > COMMON_NAME_SHARE;
    if (cache.size > 100_000) cache.clear();
    cache.set(term, common);
  }
  return common;
}

/**
 * The share of news items the weighting assumes a beat word in when the prior says less (`TermStats`):
 * one in fifty, general news of these years, not subtitles. Without it, the prior made "AI" a rare
 * word that carried joins on its own: "Why AI companies want you to be afraid of them" joined Google's
 * AI Overviews launch at 0.154 with "AI" worth 0.19 of it. 0.01–0.05 give the same stories on every
 * dev set (scenario variants alone: events whole 7.74 → 7.89, intrusions 17 → 14; with the
 * background feeds 6.79 → 7.21; the plain dev runs and UCI unchanged).
 */
export const BEAT_SHARE = 0.02;

/** A word of the digest's beat (see `BEAT_WORDS`): no name of one story, however few stories hold it yet. */
export function isBeatWord(term: string): boolean {
  return BEAT_WORDS.has(term);
}

/** A capitalised common word or a beat word: it names no one story, however rare it looks in a young window. */
export function namesNoStory(term: string): boolean {
  return isCommonWord(term) || isBeatWord(term);
}

/**
 * The share of news items a term is expected in: the prior's, a beat word's at least `BEAT_SHARE`,
 * and a name phrase's (`phraseTerm`) the product of its words', as if they were independent: a
 * phrase of common words ("AI Act": 0.02 × 0.0076) is as rare as a name, though one of two very
 * common words is not ("Open AI": 0.0167 × 0.02, above `COMMON_NAME_SHARE`).
 */
function newsShare(term: string, prior: DfPrior): number {
  const space = term.indexOf(" ");
  if (space >= 0) return newsShare(term.slice(0, space), prior) * newsShare(term.slice(space + 1), prior);
  const share = prior.share(term);
  return isBeatWord(term) ? Math.max(BEAT_SHARE, share) : share;
}

/**
 * The term of a name phrase (see `namesAmong`): its words' terms joined by a space, which no word
 * or figure term contains (`isPhrase`).
 */
export function phraseTerm(a: string, b: string): string {
  return `${a} ${b}`;
}

/** The term is a name phrase (`phraseTerm`). */
export function isPhrase(term: string): boolean {
  return term.includes(" ");
}
