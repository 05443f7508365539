/**
 * What the clusterer reads of a document's text, read once when the document is observed: its
 * content term ids (for IDF and its vector), its names, its exact-duplicate title key and its
 * near-duplicate signature. Kept until the document is added, then dropped: ids, codes, a key and a
 * signature, no token strings (a batch observes every document before adding the first).
 */
import type { ClusterDoc } from "./cluster-doc.js";
import { memoNameIds } from "./cluster-evidence.js";
import { BigramHashes } from "./near-duplicates.js";
import type { PreparedIds, TermStats } from "./term-stats.js";
import { TextMemo } from "./text-memo.js";
import { contentTerms, tokenize } from "./text-tokens.js";
import type { TextRead, TokenTerms } from "./token-terms.js";
import type { Int32Slab, Uint32Slab } from "./typed-slab.js";

/** Below this many title tokens a title is too generic to be an exact-duplicate key. */
const MIN_TITLE_TOKENS_FOR_KEY = 5;

export interface DocText extends PreparedIds {
  /** Name term ids of the title and of the summary, coded as `TextRead.names`. */
  titleNames: Int32Array;
  summaryNames: Int32Array;
  /** The title reduced to its tokens (`normalizeTitle`); undefined when too short to be a key. */
  titleKey: string | undefined;
  /** MinHash of the title's and summary's tokens (null: too short to judge). */
  sig: Uint32Array | null;
}

/** Scratch of `readDocText`: one text's bigram hashes at a time. */
const bigrams = new BigramHashes();

/** Content terms of recent texts, across runs (read-only: callers never modify the arrays). */
const termMemo = new TextMemo(contentTerms);

/**
 * Read a document's text. `memo`: through the cross-run memos (the live engine re-reads its window);
 * otherwise through the run's token cache (a one-off batch reads each text once).
 */
export function readDocText(doc: ClusterDoc, run: { tokens: TokenTerms; stats: TermStats; memo: boolean; ints: Int32Slab; sigs: Uint32Slab }): DocText {
  const { tokens, stats, memo, ints } = run;
  let title: TextRead;
  let summary: TextRead | undefined;
  // The title's and the summary's tokens, one sequence (a bigram spans the two).
  bigrams.reset();
  if (memo) {
    const termId = (t: string): number => stats.termId(t);
    const ids = stats.ids({ titleTerms: termMemo.get(doc.title), summaryTerms: doc.summary ? termMemo.get(doc.summary) : [] });
    const coded = (names: number[]): Int32Array => {
      const out = ints.take(names.length);
      out.set(names);
      return out;
    };
    const titleTokens = tokenize(doc.title);
    for (const t of titleTokens) bigrams.addString(t);
    title = { ids: ids.titleIds, names: coded(memoNameIds(doc.title, termId)), count: titleTokens.length, key: titleTokens.join(" ") };
    if (doc.summary) {
      const summaryTokens = tokenize(doc.summary);
      for (const t of summaryTokens) bigrams.addString(t);
      summary = { ids: ids.summaryIds, names: coded(memoNameIds(doc.summary, termId)), count: summaryTokens.length, key: undefined };
    }
  } else {
    title = tokens.read(doc.title, bigrams, true);
    if (doc.summary) summary = tokens.read(doc.summary, bigrams);
  }
  const none = ints.take(0);
  return {
    titleIds: title.ids,
    summaryIds: summary?.ids ?? none,
    titleNames: title.names,
    summaryNames: summary?.names ?? none,
    titleKey: title.count >= MIN_TITLE_TOKENS_FOR_KEY ? title.key : undefined,
    sig: bigrams.signature((n) => run.sigs.take(n)),
  };
}
