/**
 * Two stories about the same specific name merge at a lower similarity (`SAME_SUBJECT_MERGE` in
 * `story-clusterer.ts`) only if they share more than that name: at least two words, as an item joins
 * a story only then (`sharesWords` in `cluster-evidence.ts`: one shared word, however rare, is a
 * company or a name, not yet the same event). A one-item story is an item, so its merge is a join by
 * another path: a headline-only link ("Waymo in Portland" from an aggregator) whose only other word
 * is a place reached the discounted threshold against the Waymo probe's story on the company alone,
 * and the more feeds an instance has, the more such links are in its window. Not for every merge:
 * on the UCI headlines, whose stories are topics, one-word merges at the full threshold are mostly
 * right (requiring two words there: F1 0.823 -> 0.811; here 0.823 -> 0.822).
 */
import type { Cluster } from "./cluster-state.js";

/**
 * Share of the merge threshold two stories of headlines alone must reach when they share two words
 * or more. A headline has five to ten content words: two in common (the company and what happened,
 * "Apple … recall", "Plosser … taper") already say the same event, where one shared word is a
 * company in the news twice; the cosine of two short centroids stays low all the same, as their
 * other words are each outlet's own. Stories of long texts keep the full threshold (their words
 * overlap by chance). UCI headlines: B-cubed F1 0.822 -> 0.836 (P 0.893 -> 0.868, R 0.762 -> 0.807),
 * better on each half of it (business 0.741 -> 0.769, entertainment 0.891 -> 0.903); the scenario
 * files, whose items have summaries, are unchanged (0.8: 0.831; 0.6: 0.822, too loose).
 */
export const SHARED_WORDS_MERGE = 0.7;

/** Words two stories must share for the same-subject discount. */
const MIN_SHARED_WORDS = 2;

/**
 * The two stories share at least `MIN_SHARED_WORDS` words that `tells` accepts. The clusterer leaves
 * out the words of the digest's beat (`isBeatWord`: "AI", "LLM"): an AI-news instance has them in
 * every other headline, so "AI" plus any one word was "two words in common", and headline-only
 * stories of one day chained on it at the discounted threshold (the dev scenario's headlines
 * clustered alone: GPT-4o, Falcon 2, Gemma 2, IBM's Granite, Tencent's Hunyuan and the UK's Inspect
 * in one story of 41). Measured, each scenario file's headlines clustered without their summaries
 * (`cluster eval --scenario`): dev 0.774 -> 0.825, February 0.876 -> 0.901, March 0.856 -> 0.884,
 * April 0.875 -> 0.874; UCI 0.840 and every scenario replay (whose items have summaries) unchanged.
 * Leaving out every frequent word instead (blended share of documents above 2-5%: "model", "Google")
 * cost April's headlines 0.013 and UCI up to 0.001; leaving beat words out of an item's join
 * (`sharesWords`) as well was mixed (February +0.012, April -0.009).
 */
export function storiesShareWords(a: Cluster, b: Cluster, tells: (term: number) => boolean): boolean {
  const [small, large] = a.centroid.size <= b.centroid.size ? [a, b] : [b, a];
  let n = 0;
  for (let i = 0; i < small.centroid.size; i++) {
    const t = small.centroid.termAt(i);
    if (large.centroid.has(t) && tells(t) && ++n >= MIN_SHARED_WORDS) return true;
  }
  return false;
}
