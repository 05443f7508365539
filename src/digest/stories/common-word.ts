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

/** The share of items the prior expects a word in above which it names a line of things, not one ("Pro", "Flash"). */
export const COMMON_NAME_SHARE = 3e-4;

const cache = new Map<string, boolean>();

/** The prior expects the (stemmed) term in more than `COMMON_NAME_SHARE` of news items. */
export function isCommonWord(term: string): boolean {
  let common = cache.get(term);
  if (common === undefined) {
    common = dfPrior().share(term) > COMMON_NAME_SHARE;
    if (cache.size > 100_000) cache.clear();
    cache.set(term, common);
  }
  return common;
}
