/**
 * One clustering run's cache of what each distinct lower-case token means: its content term id, and
 * what name extraction asks of it (see `wordFacts`). Content terms, names and tokens are cut from the
 * same text by different tokenisers, but all look at a token only through its lower-case string, so
 * one cache serves them: a token costs one Map lookup instead of a stop-word lookup, a stem, a prior
 * lookup and a term id lookup each time it occurs, and an ASCII text is cut once for all three
 * (`read`). Exactly the terms, names and tokens of `contentTerms`, `splitNames` and `tokenize`
 * (ids for the first two); scoped to one run, as term ids are.
 */
import { AsciiBytes } from "./ascii-bytes.js";
import type { DfPrior } from "./df-prior.js";
import { FNV_BASIS, wordPrefix, type BigramHashes } from "./near-duplicates.js";
import { phraseTerm } from "./common-word.js";
import { asciiWordsInto, EVENT_OF, namesAmong, scanNames, wordFacts, type WordFacts } from "./story-evidence.js";
import type { TermStats } from "./term-stats.js";
import { isDistinctiveFigure, scanContent, scanFigures, tokenize } from "./text-tokens.js";
import type { Int32Slab } from "./typed-slab.js";
import { WordTable } from "./word-table.js";

interface TokenFacts extends WordFacts {
  /** Term id of `term`, -1 until first asked for (an id is an identity only: the order they are handed out in decides nothing). */
  id: number;
  /** The lower-case token (the run's one copy of the string). */
  lower: string;
  /** Its number in `words` (ASCII tokens only), -1 until it has one. */
  index: number;
}

/** What the clusterer reads of one text (see `TokenTerms.read`). */
export interface TextRead {
  /** Term ids of `contentTerms`. */
  ids: Int32Array;
  /** Term ids of `splitNames`, each shifted left one bit, the low bit set for a proper name. */
  names: Int32Array;
  /** How many tokens `tokenize` gives. */
  count: number;
  /** `tokenize(text).join(" ")` when asked for, else undefined. */
  key: string | undefined;
}


export class TokenTerms {
  private readonly facts = new Map<string, TokenFacts>();
  /** ASCII tokens by their place in a text, no string cut per word (see `word-table.ts`), and their facts by number. */
  private readonly words = new WordTable();
  private readonly byIndex: TokenFacts[] = [];
  /** Per term id: event class mask and distinctive-figure flag, -1 until computed. */
  private readonly eventMask: number[] = [];
  private readonly figure: number[] = [];
  /**
   * Scratch of `read`, each with a count of its entries for the text at hand: the arrays are never
   * shortened (`length = 0` gave their storage back, and every text grew new ones).
   */
  private readonly scratch: number[] = [];
  private ids = 0;
  private readonly wordFacts: TokenFacts[] = [];
  /** Scratch of `read`: an ASCII text's `wordsOf` (`asciiWordsInto`: its start only). */
  private readonly spans: number[] = [];
  private readonly nameIds: number[] = [];
  private readonly nameProper: boolean[] = [];
  private readonly nameIsPhrase: boolean[] = [];
  /** Name phrase term ids by their words' term ids (first · 2^32 + second): no string per occurrence. */
  private readonly phraseIds = new Map<number, number>();
  private names = 0;
  /** Scratch of `read`: an ASCII text's figures (start, end, term), and its tokens when a key is asked for. */
  private readonly figures: (number | string)[] = [];
  private readonly keyWords: string[] = [];
  /** Per word number: the FNV-1a state after the word and a space (see `BigramHashes`). */
  private prefixes = new Int32Array(1024);
  /** Scratch of `read`: an ASCII text's characters as bytes (see `ascii-bytes.ts`). */
  private readonly ascii = new AsciiBytes();

  constructor(
    private readonly stats: TermStats,
    private readonly prior: DfPrior,
    private readonly slab: Int32Slab,
  ) {}

  /**
   * A text read once for everything the clusterer takes from it: `contentTerms` as ids, `splitNames`
   * as ids, and `tokenize` (its tokens added to `bigrams`, joined when `key`). An ASCII text (most
   * news) is cut once: its words (`wordsOf`) are exactly the tokens of `tokenize` and, outside figures
   * (which cover whole words), of `contentTerms`. No string per token: a word's bigram hash comes from
   * its stored characters (`WordTable.hashFrom`) and its own state is kept per word.
   */
  read(text: string, bigrams?: BigramHashes, key = false): TextRead {
    const ids = this.scratch;
    this.ids = 0;
    this.names = 0;
    let count: number;
    let joined: string | undefined;
    const bytes = this.ascii.of(text);
    if (bytes === undefined) {
      scanContent(
        text,
        (tok) => {
          const f = this.factsOf(tok);
          if (!f.filler) ids[this.ids++] = this.idOf(f);
        },
        (term) => (ids[this.ids++] = this.stats.termId(term)),
      );
      const tokens = tokenize(text);
      count = tokens.length;
      if (bigrams) for (const t of tokens) bigrams.addString(t);
      if (key) joined = tokens.join(" ");
      scanNames(text, (lower) => this.factsOf(lower), this.onName, this.onPhrase);
    } else {
      const words = this.spans;
      const length = asciiWordsInto(bytes, text.length, words);
      const figures = this.figures;
      let figureCount = 0;
      scanFigures(text, (start, end, term) => {
        figures[figureCount++] = start;
        figures[figureCount++] = end;
        figures[figureCount++] = term;
      });
      const facts = this.wordFacts;
      const keyWords = this.keyWords;
      let next = 0;
      let figureEnd = -1;
      for (let k = 0; k < length; k += 3) {
        const start = words[k] as number;
        for (; next < figureCount && (figures[next] as number) <= start; next += 3) {
          figureEnd = figures[next + 1] as number;
          const term = figures[next + 2] as string;
          // A lone digit ("5 things") carries nothing, as 1-letter words do not.
          if (term.length > 1) ids[this.ids++] = this.stats.termId(term);
        }
        const end = words[k + 1] as number;
        let index = this.words.getBytes(bytes, start, end);
        let f: TokenFacts;
        if (index >= 0) f = this.byIndex[index] as TokenFacts;
        else {
          f = this.factsOf(text.slice(start, end).toLowerCase());
          f.index = index = this.byIndex.length;
          this.byIndex.push(f);
          this.words.set(index);
          if (index >= this.prefixes.length) {
            const grown = new Int32Array(2 * this.prefixes.length);
            grown.set(this.prefixes);
            this.prefixes = grown;
          }
          this.prefixes[index] = wordPrefix(this.words.hashFrom(FNV_BASIS, index));
        }
        if (bigrams) bigrams.add(this.words.hashFrom(bigrams.prefix, index), this.prefixes[index] as number);
        if (key) keyWords[k / 3] = f.lower;
        facts[k / 3] = f;
        if (start >= figureEnd && !f.filler) ids[this.ids++] = this.idOf(f);
      }
      count = length / 3;
      if (key) joined = keyWords.slice(0, count).join(" ");
      namesAmong(words, (k) => facts[k / 3] as TokenFacts, this.onName, length, this.onPhrase);
    }
    // A name phrase is a term of the text too, once (see `clusterTerms`).
    for (let i = 0; i < this.names; i++) if (this.nameIsPhrase[i] === true) ids[this.ids++] = this.nameIds[i] as number;
    const out = this.slab.take(this.ids);
    for (let i = 0; i < out.length; i++) out[i] = ids[i] as number;
    const names = this.slab.take(this.names);
    for (let i = 0; i < names.length; i++) names[i] = ((this.nameIds[i] as number) << 1) | (this.nameProper[i] ? 1 : 0);
    return { ids: out, names, count, key: joined };
  }

  private readonly onName = (f: TokenFacts, proper: boolean): void => this.addName(this.idOf(f), proper, false);

  private readonly onPhrase = (a: TokenFacts, b: TokenFacts): void => {
    const key = this.idOf(a) * 4_294_967_296 + this.idOf(b);
    let id = this.phraseIds.get(key);
    if (id === undefined) this.phraseIds.set(key, (id = this.stats.termId(phraseTerm(a.term, b.term))));
    this.addName(id, true, true);
  };

  private addName(id: number, proper: boolean, phrase: boolean): void {
    let at = 0;
    while (at < this.names && this.nameIds[at] !== id) at++;
    if (at === this.names) {
      this.nameIds[at] = id;
      this.nameProper[at] = proper;
      this.nameIsPhrase[at] = phrase;
      this.names++;
    } else this.nameProper[at] = this.nameProper[at] === true || proper;
  }

  private idOf(f: TokenFacts): number {
    if (f.id < 0) f.id = this.stats.termId(f.term);
    return f.id;
  }

  private factsOf(lower: string): TokenFacts {
    let f = this.facts.get(lower);
    if (f === undefined) {
      // Built field by field: a spread made objects whose every field read was several times slower.
      const w = wordFacts(lower, this.prior);
      this.facts.set(lower, (f = { filler: w.filler, unit: w.unit, term: w.term, event: w.event, share: w.share, noStory: w.noStory, id: -1, lower, index: -1 }));
    }
    return f;
  }

  /** `eventClasses([term])` of a term id. */
  eventsOf(id: number): number {
    let m = this.eventMask[id];
    if (m === undefined || m < 0) {
      for (let i = this.eventMask.length; i < id; i++) this.eventMask.push(-1);
      this.eventMask[id] = m = EVENT_OF.get(this.stats.term(id)) ?? 0;
    }
    return m;
  }

  /** `isDistinctiveFigure` of a term id. */
  isFigure(id: number): boolean {
    let f = this.figure[id];
    if (f === undefined || f < 0) {
      for (let i = this.figure.length; i < id; i++) this.figure.push(-1);
      this.figure[id] = f = isDistinctiveFigure(this.stats.term(id)) ? 1 : 0;
    }
    return f === 1;
  }
}
