/**
 * Evidence that fits news, on top of the centroid cosine (see `StoryClusterer`):
 *
 * - Names: a word the document-frequency prior does not know as common English (a product, model,
 *   person, agency: "Sutskever", "Waymo", "NHTSA", "Veo"), a word capitalised inside a sentence of
 *   a text that is not in Title Case ("Astra", "Falcon"), a letters-and-digits token ("4o",
 *   "G1"), or a phrase of such capitalised common words ("AI Act": see `namesAmong`). A name is specific while few stories of the window contain it: "Google" on Google I/O day
 *   is in dozens of stories and says nothing about which one an item belongs to; "Sutskever" is in
 *   one.
 * - Event words: what happened ("leak", "lawsuit", "probe", "launch", "resign" …), grouped into
 *   classes of words outlets use interchangeably for one kind of event.
 *
 * Why: outlets word one event very differently ("Six months of silence, then a goodbye"), so their
 * cosine can be low, but they name the same specific thing and say the same kind of thing happened.
 * Hard negatives share a company and often the kind of event ("Google launches …" twice a day at
 * I/O), but not a specific name. The two signals:
 * 1. Strong evidence joins an item to a story at a low cosine (the shared words must still weigh
 *    something in the item: `EVIDENCE_FLOOR`): a shared specific name plus a shared event class.
 *    Not when both quote distinctive figures and share none: two reports of one event repeat its
 *    figures, so different ones are different facts ("$35.1bn" and "$33.2bn" revenue).
 *    (A specific headline name alone, without the event word, was tried and pulled follow-ups and
 *    same-company news into main events: it is not used.)
 * 2. Subjects conflict (checked before any join but exact duplicates): an item whose headline names a specific thing the story never mentions,
 *    joining a story whose headlines name a specific thing the item never mentions, is about
 *    something else however many generic words they share (two companies' earnings, the NHTSA's
 *    Zoox probe next to its Waymo probe). On the UCI headlines it costs little (F1 0.815 → 0.813:
 *    stories whose headlines name different people of one story) since names there are rarely
 *    specific; on the scenario it raises precision 0.849 → 0.898.
 * 3. Two stories whose headlines are mostly about the same specific name merge at a lower centroid
 *    similarity (`SAME_SUBJECT_MERGE` of the merge threshold): an early split of one event repairs.
 */
import { isPhrase, namesNoStory, phraseTerm } from "./common-word.js";
import type { DfPrior } from "./df-prior.js";
import { contentTerms, stem, STOP_WORDS } from "./text-tokens.js";

/**
 * A term the prior expects in fewer than this share of items is not common English: a name or
 * jargon. (1 in 10,000 items: below "galaxy" or "verdict", above "Sutskever" and "robotaxi".)
 */
const NAME_MAX_SHARE = 1e-4;
/**
 * A name found in at most this many stories of the window is specific to one of them (the story an
 * item may join and one other): a company is in more of them on any day it makes news …
 */
export const SPECIFIC_MAX_STORIES = 2;
/**
 * … unless more items than this mention it: a name in dozens of items is a company or a beat, even
 * while few stories exist yet (the first items of a batch meet an almost empty index).
 */
export const SPECIFIC_MAX_ITEMS = 12;
/** Least cosine for a join on strong evidence: the shared words must weigh something in the item. */
export const EVIDENCE_FLOOR = 0.08;

/** Kinds of event, each with the words outlets use for it (stemmed like content terms at load). */
const EVENT_CLASSES: readonly (readonly string[])[] = [
  ["launch", "launches", "launched", "show", "shows", "showed", "reveal", "reveals", "revealed", "unveil", "unveils", "unveiled", "release", "releases", "released", "introduce", "introduces", "introducing", "debut", "debuts", "announce", "announces", "announced", "rollout", "rolls", "ships", "shipping", "demo", "demos", "showcase", "preview", "available"],
  ["leave", "leaves", "leaving", "quit", "quits", "exit", "exits", "depart", "departs", "departure", "resign", "resigns", "resignation", "goodbye", "farewell", "ousted", "ouster", "fired"],
  ["hire", "hires", "hired", "join", "joins", "joined", "appoint", "appoints", "appointed", "named", "taps", "poaches"],
  ["probe", "probes", "investigate", "investigates", "investigation", "inquiry", "scrutiny", "examine", "examines"],
  ["lawsuit", "lawsuits", "sue", "sues", "sued", "suing", "court", "judge", "ruling", "rules", "ruled", "verdict", "settle", "settles", "settlement", "trial"],
  ["ban", "bans", "banned", "block", "blocks", "blocked", "prohibit", "restrict", "restricts", "restrictions"],
  ["acquire", "acquires", "acquired", "acquisition", "buy", "buys", "bought", "takeover", "merger", "merge"],
  ["invest", "invests", "investment", "pledge", "pledges", "funding", "raises", "raised", "round", "valuation", "commitment", "bet"],
  ["leak", "leaks", "leaked", "breach", "hack", "hacked"],
  ["outage", "outages", "down", "disruption", "crash"],
  ["talks", "dialogue", "meeting", "meet", "summit", "negotiations"],
  ["earnings", "revenue", "profit", "quarter", "quarterly", "results", "forecast", "sales"],
  // "law" beside "rules" and "legislation": outlets call one act by each ("MEPs adopt landmark law",
  // "final approval to landmark artificial intelligence rules").
  ["roadmap", "plan", "proposal", "bill", "framework", "report", "legislation", "rules", "law", "laws"],
  // A decision by vote: "Europe's AI Act is approved", "lawmakers give final approval", "Parliament
  // vote on the AI Act". Not "pass": shares pass a rival, candidates pass a threshold ("Biden and
  // Trump … passed the delegate thresholds" joined Biden's budget "plan" with it). With the "law"
  // words: March F1 0.872 → 0.875 (variants 0.8697 → 0.8727; "The AI Act's sandboxes are the test"
  // joins the vote's story); dev, feeds, UCI, February, April and their variants unchanged.
  ["vote", "votes", "voted", "approve", "approves", "approved", "approval", "adopt", "adopts", "adopted"],
  // Deals between named parties (content licensing, partnerships): AI news of every week. Changed no
  // story on the dev sets; it needs a specific name in common like any class.
  ["deal", "deals", "partnership", "partnerships", "partner", "partners", "partnering", "agreement", "licensing", "license", "licenses", "licensed"],
];

/** Stemmed event word → its classes (bit mask). */
export const EVENT_OF: ReadonlyMap<string, number> = eventWords();

function eventWords(): Map<string, number> {
  const map = new Map<string, number>();
  EVENT_CLASSES.forEach((words, k) => {
    for (const w of words) map.set(stem(w), (map.get(stem(w)) ?? 0) | (1 << k));
  });
  return map;
}

/** Bit mask of the event classes among these content terms. */
export function eventClasses(terms: Iterable<string>): number {
  let mask = 0;
  for (const t of terms) mask |= EVENT_OF.get(t) ?? 0;
  return mask;
}

/** A clause of what came before the news: from "after", "since" or "following" to the clause's end. */
const BACKGROUND = /\b(?:after|since|following)\b[^.;:!?]*/gi;
/** `BACKGROUND`'s first words alone: a cheap test that most summaries fail. */
const RECALLS = /\b(?:after|since|following)\b/i;

/**
 * Event classes a summary tells only in a clause of what came before ("The announcement on X come less
 * than two weeks after he sued OpenAI"): the item's event is the rest of the sentence (xAI opening
 * Grok), not the lawsuit it recalls; as evidence, that "sued" joined OpenAI's court reply to Musk's
 * suit, and the New York Times' filing after it, into the Grok story (March scenario). Headlines keep
 * theirs ("TSMC shares slump after chip outlook cut" is about both). Measured: February F1 0.906 →
 * 0.909, March 0.875 → 0.884 (3 → 4 of 12 events whole); variants February 0.9065 → 0.9091, March
 * 0.8727 → 0.8804 (2.95 → 3.79 whole); dev alone and with the feeds, April and UCI (no summaries)
 * unchanged, and their variants too.
 */
export function backgroundEvents(summary: string): number {
  // Most summaries have no such clause, and most clauses no event word: the clauses alone are read
  // first, the rest of the summary only when they tell one (every item of a batch comes here).
  if (!RECALLS.test(summary)) return 0;
  let recalled = 0;
  for (const m of summary.matchAll(BACKGROUND)) recalled |= eventClasses(contentTerms(m[0]));
  if (recalled === 0) return 0;
  return recalled & ~eventClasses(contentTerms(summary.replace(BACKGROUND, " ")));
}

const UNIT = /^\d+(?:k|m|b|t|bn|mn|tn|p|x|gb|tb|mb|kb|nm|mm|cm|km|kg|hz|ghz|mhz|w|kw|mw|gw|s|ms|h|st|nd|rd|th)$/;
/**
 * Currencies: units of money, not names of a thing, though the prior (film subtitles) finds "yuan"
 * or "euros" as rare as a name. A price tells no event from another: DeepSeek's "one-yuan model"
 * joined Unitree's humanoid "at 99,000 yuan" on "yuan" and a launch word.
 */
const CURRENCIES: ReadonlySet<string> = new Set(
  "euro euros yuan renminbi rmb yen rupee rupees rupiah ruble rubles rouble roubles peso pesos dirham dirhams riyal riyals franc francs krona kronor krone kroner zloty forint lira shekel shekels baht ringgit naira dollar dollars bitcoin bitcoins".split(" "),
);

/**
 * Name-like content terms of a text (see the module comment), stemmed like content terms. `proper`:
 * proper names only: a word written in lower case inside a text that is not in Title Case is a
 * rare word ("windfall", "appropriators", "deepfakes"), not the name of a thing.
 */
export function nameTerms(text: string, prior: DfPrior, proper = false): string[] {
  const split = splitNames(text, prior);
  return proper ? split.names.filter((_, i) => split.proper[i]) : split.names;
}

/** `nameTerms` of a text both ways in one pass: all names, and which of them are proper names. */
export function splitNames(text: string, prior: DfPrior): { names: string[]; proper: boolean[] } {
  const out = new Map<string, boolean>();
  scanNames(
    text,
    (lower) => wordFacts(lower, prior),
    (f, proper) => out.set(f.term, out.get(f.term) === true || proper),
    (a, b) => out.set(phraseTerm(a.term, b.term), true),
  );
  return { names: [...out.keys()], proper: [...out.values()] };
}

/**
 * The clusterer's terms of a text: its content terms, then its name phrases once each (in its vector
 * at weight 0, to be found as names: see `TermStats`).
 */
export function clusterTerms(text: string, prior: DfPrior): string[] {
  const phrases = splitNames(text, prior).names.filter(isPhrase);
  return phrases.length === 0 ? contentTerms(text) : contentTerms(text).concat(phrases);
}

/** What `scanNames` asks of a word, whatever its place: a function of the lower-case word alone (so it can be cached). */
export interface WordFacts {
  /** A stop word or a single character. */
  filler: boolean;
  /** A quantity ("8b", "1080p") or a currency ("yuan"): a unit, never a name. */
  unit: boolean;
  /** The word stemmed like content terms. */
  term: string;
  /** The term is an event word (see `EVENT_CLASSES`). */
  event: boolean;
  /** The prior's share of items containing the term. */
  share: number;
  /** The term names no story alone (`namesNoStory`): a phrase may be made of it. */
  noStory: boolean;
}

export function wordFacts(lower: string, prior: DfPrior): WordFacts {
  const filler = lower.length < 2 || STOP_WORDS.has(lower);
  const code = lower.charCodeAt(0);
  const unit = code >= 48 && code <= 57 ? UNIT.test(lower) : CURRENCIES.has(lower);
  const term = filler ? lower : stem(lower);
  return { filler, unit, term, event: EVENT_OF.has(term), share: filler ? 0 : prior.share(term), noStory: !filler && namesNoStory(term) };
}

/**
 * The name occurrences of a text in order (see the module comment), each with its word's facts and
 * whether it stands as a proper name there (the same name may occur more than once).
 */
export function scanNames<F extends WordFacts>(text: string, facts: (lower: string) => F, name: (f: F, proper: boolean) => void, phrase?: (a: F, b: F) => void): void {
  const words = wordsOf(text);
  namesAmong(words, (k) => facts(text.slice(words[k], words[k + 1]).toLowerCase()), name, words.length, phrase);
}

/** `scanNames` over a text's `wordsOf`, with the facts of the word at `words[k]` (k a multiple of 3) from `factsAt`. */
export function namesAmong<F extends WordFacts>(
  words: readonly number[],
  factsAt: (k: number) => F,
  name: (f: F, proper: boolean) => void,
  /** How many of the numbers are the text's (`wordsInto` leaves a longer scratch). */
  length = words.length,
  /** Each name phrase, its two words in order (see below). */
  phrase?: (a: F, b: F) => void,
): void {
  const count = length / 3;
  let capitalised = 0;
  for (let k = 2; k < length; k += 3) if ((words[k] as number) & UPPER) capitalised++;
  // In Title Case every word is capitalised, so capitals tell nothing there.
  const titleCase = count >= 4 && capitalised >= 0.7 * count;
  // The previous word, when it was a name by its capital inside a sentence (a phrase may start there).
  let before: F | undefined;
  for (let k = 0; k < length; k += 3) {
    const flags = words[k + 2] as number;
    const f = factsAt(k);
    const last = before;
    before = undefined;
    if (f.filler) continue;
    const upper = (flags & UPPER) !== 0;
    const digits = (flags & DIGITS) !== 0;
    const letters = (flags & LETTERS) !== 0;
    if (digits && !letters) continue; // figures are judged elsewhere (`isDistinctiveFigure`)
    if (f.unit) continue; // a quantity ("8B" parameters, "1080p", "5T" tokens) or a currency, not a name
    if (f.event) continue; // what happened, not who or what it happened to
    const mixed = digits && letters;
    const capital = upper && !titleCase && (flags & START) === 0;
    if (!(mixed || capital || f.share < NAME_MAX_SHARE)) continue;
    name(f, titleCase || upper || mixed);
    // A name of common words is none of its words: "AI Act" ("AI" the beat, "act" common English) is
    // no name `isSpecific` can count, so the EU AI Act vote of the March scenario (9 outlets) made 8
    // stories, two of its items joining others on "ChatGPT" or "startup". Two words capitalised inside
    // a sentence of a text not in Title Case, nothing but a space between them, each a word that names
    // no story alone (`namesNoStory`), name one thing together: "AI Act", "Slack AI", "White House".
    // A sentence's first word and a possessive's "s" break a phrase ("Today European …", "Europe's AI
    // Act"); a phrase with a rarer word ("Joe Biden", "Google DeepMind", "Project Astra") is left to
    // that word, which names the story already.
    if (!capital || !phrase || !f.noStory) continue;
    before = f;
    if (last !== undefined && (flags & SPACED) !== 0) phrase(last, f);
  }
}

/**
 * Word flags in `wordsOf`: capitalised; has digits; has letters; first word of the text or of a
 * sentence; one space and nothing else since the word before.
 */
const [UPPER, DIGITS, LETTERS, START, SPACED] = [1, 2, 4, 8, 16];

/**
 * Runs of letters and digits with what `nameTerms` asks of them, in one pass over the text: three
 * numbers per word (start, end, flags), no object per word. A word starts a sentence when it is the
 * text's first or follows . ! ? or : and a space, or an opening quote before any word.
 */
export function wordsOf(text: string): number[] {
  const out: number[] = [];
  wordsInto(text, out);
  return out;
}

/**
 * `wordsOf` written over the start of `out`, a scratch reused from text to text: how many numbers
 * are the text's. The scratch is never shortened: `length = 0` gave its storage back, and every text
 * then grew a new one (a tenth of a run's allocations).
 */
export function wordsInto(text: string, out: number[]): number {
  let n = 0;
  let from = -1;
  let start = true;
  let digits = false;
  let letters = false;
  let lastEnd = -2;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 32;
    const isDigit = code >= 48 && code <= 57;
    const isLetter = !isDigit && (code < 128 ? (code | 32) >= 97 && (code | 32) <= 122 : isCased(text[i] as string));
    if (isDigit || isLetter) {
      if (from < 0) {
        from = i;
        digits = false;
        letters = false;
      }
      digits ||= isDigit;
      letters ||= isLetter;
      continue;
    }
    if (from >= 0) {
      // An ASCII capital without a string per word (lower-casing a one-letter string made one).
      const first = text.charCodeAt(from);
      const upper = first < 128 ? first >= 65 && first <= 90 : (text[from] as string) !== (text[from] as string).toLowerCase();
      out[n++] = from;
      out[n++] = i;
      const spaced = from === lastEnd + 1 && text.charCodeAt(lastEnd) === 32;
      out[n++] = (upper ? UPPER : 0) | (digits ? DIGITS : 0) | (letters ? LETTERS : 0) | (start ? START : 0) | (spaced ? SPACED : 0);
      lastEnd = i;
      from = -1;
      start = false;
    }
    if ((code === 46 || code === 33 || code === 63 || code === 58) && (text.charCodeAt(i + 1) === 32 || i + 1 === text.length)) start = true;
    else if ((code === 39 || code === 34 || code === 0x2018 || code === 0x201c) && n === 0) start = true;
  }
  return n;
}

/**
 * `wordsInto` of an ASCII text given as its bytes (`length` of them): the same numbers. Reading a
 * byte of an array costs about half what reading a character of a string does, and the clusterer
 * reads every text this way (see `TokenTerms.read`).
 */
export function asciiWordsInto(bytes: Uint8Array, length: number, out: number[]): number {
  let n = 0;
  let from = -1;
  let start = true;
  let digits = false;
  let letters = false;
  let lastEnd = -2;
  for (let i = 0; i <= length; i++) {
    const code = i < length ? (bytes[i] as number) : 32;
    const isDigit = code >= 48 && code <= 57;
    const isLetter = !isDigit && (code | 32) >= 97 && (code | 32) <= 122;
    if (isDigit || isLetter) {
      if (from < 0) {
        from = i;
        digits = false;
        letters = false;
      }
      digits ||= isDigit;
      letters ||= isLetter;
      continue;
    }
    if (from >= 0) {
      const first = bytes[from] as number;
      out[n++] = from;
      out[n++] = i;
      const spaced = from === lastEnd + 1 && bytes[lastEnd] === 32;
      out[n++] = (first >= 65 && first <= 90 ? UPPER : 0) | (digits ? DIGITS : 0) | (letters ? LETTERS : 0) | (start ? START : 0) | (spaced ? SPACED : 0);
      lastEnd = i;
      from = -1;
      start = false;
    }
    // The scratch holds older bytes past `length`: the end is told by the count, not by a byte.
    if ((code === 46 || code === 33 || code === 63 || code === 58) && (i + 1 === length || bytes[i + 1] === 32)) start = true;
    else if ((code === 39 || code === 34) && n === 0) start = true;
  }
  return n;
}

function isCased(ch: string): boolean {
  return ch.toLowerCase() !== ch.toUpperCase();
}
