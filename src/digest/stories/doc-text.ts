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
import { tokenize } from "./text-tokens.js";
import { backgroundEvents, clusterTerms } from "./story-evidence.js";
import { dfPrior } from "./df-prior.js";
import { summaryWithAcronyms } from "./spelled-acronyms.js";
import { addressWords } from "./address-words.js";
import { isCommonWord } from "./common-word.js";
import type { TextRead, TokenTerms } from "./token-terms.js";
import type { Int32Slab, Uint32Slab } from "./typed-slab.js";

/** Below this many title tokens a title is too generic to be an exact-duplicate key. */
const MIN_TITLE_TOKENS_FOR_KEY = 5;

/**
 * `summaryIds` (what the vector and the term statistics read) ends with the address's words
 * (`address-words.ts`): the last `addressTerms` of them, which evidence of names and events leaves out.
 */
export interface DocText extends PreparedIds {
  addressTerms: number;
  /** Event classes the summary tells only in a clause of what came before (`backgroundEvents`): no evidence. */
  backgroundEvents: number;
  /** Name term ids of the title and of the summary, coded as `TextRead.names`. */
  titleNames: Int32Array;
  summaryNames: Int32Array;
  /** The title reduced to its tokens (`normalizeTitle`); undefined when too short to be a key. */
  titleKey: string | undefined;
  /** MinHash of the title's and summary's tokens (null: too short to judge). */
  sig: Uint32Array | null;
}

/**
 * A `DocText` as kept from a document's observation to its add: the four lists of ids in one array
 * (title ids, summary ids, title names, summary names) and their lengths. A batch observes every
 * document before adding the first, and four arrays per document, each an object the collector
 * copied twice, were a large share of what it copied; `unpackText` gives the lists back as views.
 */
export interface PackedText {
  ints: Int32Array;
  title: number;
  summary: number;
  /** Address words after the summary's ids (see `DocText.addressTerms`). */
  address: number;
  /** See `DocText.backgroundEvents`. */
  backgroundEvents: number;
  titleNames: number;
  titleKey: string | undefined;
  sig: Uint32Array | null;
}

/** The lists of a packed text (views of its array, short-lived: the add reads them once). */
export function unpackText(t: PackedText): DocText {
  const [a, b] = [t.title, t.title + t.summary + t.address];
  const c = b + t.titleNames;
  const { ints } = t;
  return { titleIds: ints.subarray(0, a), summaryIds: ints.subarray(a, b), addressTerms: t.address, backgroundEvents: t.backgroundEvents, titleNames: ints.subarray(b, c), summaryNames: ints.subarray(c), titleKey: t.titleKey, sig: t.sig };
}

/** Scratch of `readDocText`: one text's bigram hashes at a time. */
const bigrams = new BigramHashes();

/** Event classes of recent summaries' background clauses (`backgroundEvents`), across runs. */
const backgroundMemo = new TextMemo(backgroundEvents);

/** Terms of recent texts (`clusterTerms`), across runs (read-only: callers never modify the arrays). */
const termMemo = new TextMemo((text) => clusterTerms(text, dfPrior()));

/**
 * Read a document's text. `memo`: through the cross-run memos (the live engine re-reads its window);
 * otherwise through the run's token cache (a one-off batch reads each text once).
 */
export function readDocText(doc: ClusterDoc, run: { tokens: TokenTerms; stats: TermStats; memo: boolean; ints: Int32Slab; sigs: Uint32Slab }): PackedText {
  const { tokens, stats, memo, ints } = run;
  // A name the title or summary spells out also stands as its acronym ("DARPA"): see `spelled-acronyms.ts`.
  const summaryText = summaryWithAcronyms(doc.title, doc.summary);
  let title: TextRead;
  let summary: TextRead | undefined;
  // The title's and the summary's tokens, one sequence (a bigram spans the two).
  bigrams.reset();
  if (memo) {
    const termId = (t: string): number => stats.termId(t);
    const ids = stats.ids({ titleTerms: termMemo.get(doc.title), summaryTerms: summaryText ? termMemo.get(summaryText) : [] });
    const coded = (names: number[]): Int32Array => Int32Array.from(names); // packed below: short-lived
    const titleTokens = tokenize(doc.title);
    for (const t of titleTokens) bigrams.addString(t);
    title = { ids: ids.titleIds, names: coded(memoNameIds(doc.title, termId)), count: titleTokens.length, key: titleTokens.join(" ") };
    if (summaryText) {
      const summaryTokens = tokenize(summaryText);
      for (const t of summaryTokens) bigrams.addString(t);
      summary = { ids: ids.summaryIds, names: coded(memoNameIds(summaryText, termId)), count: summaryTokens.length, key: undefined };
    }
  } else {
    title = tokens.read(doc.title, bigrams, true);
    if (summaryText) summary = tokens.read(summaryText, bigrams);
  }
  const address = addressIds(doc.url, title.ids, summary?.ids, run);
  const lists = [title.ids, summary?.ids, address, title.names, summary?.names];
  const packed = ints.take(lists.reduce((n, l) => n + (l?.length ?? 0), 0));
  let at = 0;
  for (const l of lists) {
    if (!l) continue;
    packed.set(l, at);
    at += l.length;
  }
  return {
    ints: packed,
    title: title.ids.length,
    summary: summary?.ids.length ?? 0,
    address: address.length,
    backgroundEvents: summaryText ? (memo ? backgroundMemo.get(summaryText) : backgroundEvents(summaryText)) : 0,
    titleNames: title.names.length,
    titleKey: title.count >= MIN_TITLE_TOKENS_FOR_KEY ? title.key : undefined,
    sig: bigrams.signature((n) => run.sigs.take(n)),
  };
}

/**
 * The term ids of the address's words (`addressWords`) that the title and the summary do not have,
 * rare ones only: a common word of a slug ("future", "what", "means") says nothing of the story; its
 * names and product words do ("sandboxes", "gpt", "4o", "superalignment").
 */
function addressIds(url: string | undefined, titleIds: Int32Array, summaryIds: Int32Array | undefined, run: { tokens: TokenTerms; stats: TermStats; memo: boolean }): Int32Array {
  const words = addressWords(url);
  if (words.length === 0) return NONE;
  const text = words.join(" ");
  const ids = run.memo ? run.stats.ids({ titleTerms: [], summaryTerms: termMemo.get(text) }).summaryIds : run.tokens.read(text).ids;
  const out: number[] = [];
  for (const id of ids) {
    if (titleIds.includes(id) || summaryIds?.includes(id) || out.includes(id) || isCommonWord(run.stats.term(id))) continue;
    out.push(id);
  }
  return out.length === 0 ? NONE : Int32Array.from(out);
}

const NONE = new Int32Array(0);
