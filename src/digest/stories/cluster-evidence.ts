/**
 * The clusterer's use of news evidence (names and event words, see `story-evidence.ts`) against its
 * live stories: which names are specific, what a story is about, strong-evidence joins, subject
 * conflicts and same-subject merges. Reads the clusterer's state through a narrow view.
 */
import type { Best, Cluster, DocEntry } from "./cluster-state.js";
import { laterDevelopment } from "./later-development.js";
import { isPhrase, namesNoStory } from "./common-word.js";
import { dfPrior } from "./df-prior.js";
import { EVIDENCE_FLOOR, SPECIFIC_MAX_ITEMS, SPECIFIC_MAX_STORIES, splitNames } from "./story-evidence.js";
import type { Postings } from "./postings.js";
import type { PreparedIds } from "./term-stats.js";
import type { TokenTerms } from "./token-terms.js";
import { sourceShare } from "./source-diversity.js";
import { holderSimilarity } from "./holder-similarity.js";
import { TextMemo } from "./text-memo.js";
import type { Int32Slab } from "./typed-slab.js";

export interface ClusterView {
  readonly clusters: readonly Cluster[];
  /** Term id → stories whose centroid has it (may hold merged or expired stories: use `find`). */
  readonly postings: Pick<Postings, "size" | "offset" | "entries">;
  find(ci: number): number;
  inWindow(ci: number, time: number): boolean;
  cosine(doc: DocEntry, ci: number): number;
  /** What a story's age at `time` takes off its similarity, the less the more members it has (see `StoryClusterer.staleness`). */
  staleness(ci: number, time: number): number;
  /** Items of the run's statistics containing the term. */
  docFrequency(term: number): number;
  /** The small-story penalty of a one-item story (`ClusterOptions.smallStoryPenalty`). */
  readonly smallStoryPenalty: number;
  readonly docs: readonly DocEntry[];
  termId(term: string): number;
  term(id: number): string;
}

const names = new TextMemo((text) => splitNames(text, dfPrior()));

/** `splitNames` through the cross-run text memo, as `TextRead.names` codes them (term id << 1 | proper). */
export function memoNameIds(text: string, termId: (term: string) => number): number[] {
  const split = names.get(text);
  return split.names.map((t, i) => (termId(t) << 1) | (split.proper[i] ? 1 : 0));
}

/** A document's names (whole text and title, coded as `TextRead.names`) as term ids, its event classes and distinctive figures. */
export function docEvidence(
  text: PreparedIds & { titleNames: Int32Array; summaryNames: Int32Array; addressTerms: number; backgroundEvents: number },
  terms: Pick<TokenTerms, "eventsOf" | "isFigure">,
  ints: Int32Slab,
): Pick<DocEntry, "names" | "titleNames" | "titleProper" | "events" | "figures"> {
  // Each list is counted into a kept scratch array, then copied into the slab: the lists built per
  // item (and deduplicated into more lists) were a tenth of what a 100k-item run allocated.
  const titleNames = ints.take(text.titleNames.length);
  let all = 0;
  let proper = 0;
  for (let i = 0; i < text.titleNames.length; i++) {
    const code = text.titleNames[i] as number;
    titleNames[i] = code >> 1;
    if (code & 1) scratch[proper++] = code >> 1;
  }
  const titleProper = slabCopy(ints, scratch, proper);
  // Distinct terms have distinct ids: the ids are deduplicated instead of the strings.
  for (const code of text.titleNames) all = addOnce(scratch, all, code >> 1);
  for (const code of text.summaryNames) all = addOnce(scratch, all, code >> 1);
  const names = slabCopy(ints, scratch, all);
  let figures = 0;
  let events = 0;
  let titleEvents = 0;
  // The address's words (at the end of the summary's ids) are terms of the vector, no evidence (see `address-words.ts`).
  for (const ids of [text.titleIds, text.summaryIds.subarray(0, text.summaryIds.length - text.addressTerms)]) {
    for (const id of ids) {
      events |= terms.eventsOf(id);
      if (terms.isFigure(id)) figures = addOnce(scratch, figures, id);
    }
    if (ids === text.titleIds) titleEvents = events;
  }
  // What the summary only recalls is no event of the item (`backgroundEvents`); the headline's all are.
  events = titleEvents | (events & ~text.backgroundEvents);
  return { names, titleNames, titleProper, events, figures: slabCopy(ints, scratch, figures) };
}

/** The title's term ids, figures left out: what the headline is about (`DocEntry.headline`), in the slab. */
export function headlineIds(titleIds: Int32Array, terms: Pick<TokenTerms, "isFigure">, ints: Int32Slab): Int32Array {
  let n = 0;
  for (const id of titleIds) if (!terms.isFigure(id)) scratch[n++] = id;
  return slabCopy(ints, scratch, n);
}

/** Scratch of `docEvidence` and `headlineIds`: one list at a time, its entries counted by the caller (never shortened). */
const scratch: number[] = [];

/** `id` appended to the first `n` entries of `list` unless among them: the new count. */
function addOnce(list: number[], n: number, id: number): number {
  for (let i = 0; i < n; i++) if (list[i] === id) return n;
  list[n] = id;
  return n + 1;
}

/** The first `n` entries of `list`, copied into the slab. */
function slabCopy(ints: Int32Slab, list: readonly number[], n: number): Int32Array {
  const out = ints.take(n);
  for (let i = 0; i < n; i++) out[i] = list[i] as number;
  return out;
}

/** Few stories and items of the window contain the term, and it is no common word (`common-word.ts`): it can tell which story an item belongs to. */
export function isSpecific(v: ClusterView, term: number): boolean {
  return v.postings.size(term) <= SPECIFIC_MAX_STORIES && v.docFrequency(term) <= SPECIFIC_MAX_ITEMS && !namesNoStory(v.term(term));
}

/** Count a member's names in its story. */
export function countNames(c: Cluster, d: DocEntry): void {
  for (const t of d.titleNames) c.titleNames.add(t, 1);
  for (const t of d.names) c.names.add(t, 1);
}

/** Add a merged story's name counts to the winner's. */
export function mergeNames(w: Cluster, l: Cluster): void {
  for (let i = 0; i < l.titleNames.size; i++) w.titleNames.add(l.titleNames.termAt(i), l.titleNames.countAt(i));
  for (let i = 0; i < l.names.size; i++) w.names.add(l.names.termAt(i), l.names.countAt(i));
}

/**
 * Specific names in at least a third of a story's headlines, or in at least half of its texts:
 * what the story is about. (Headlines word a name differently, "AI answers" for "AI Overviews",
 * while the summaries keep naming it.)
 */
export function dominantNames(v: ClusterView, ci: number, headlinesOnly = false): number[] {
  const c = v.clusters[ci] as Cluster;
  const frequent = frequentNames(c);
  return (headlinesOnly ? frequent.headlines : frequent.all).filter((t) => isSpecific(v, t));
}

/** Names frequent enough to be dominant, by story, recounted only when the story's size changed (kept on the story: see `Cluster.frequent`). */

function frequentNames(c: Cluster): NonNullable<Cluster["frequent"]> {
  const size = c.members.length;
  let f = c.frequent;
  if (f?.size === size) return f;
  const headlines: number[] = [];
  // By index, in counting order (a `for … of` over a Map made an entry array per name: a fifth of a run's allocations).
  for (let i = 0; i < c.titleNames.size; i++) if (c.titleNames.countAt(i) * 3 >= size) headlines.push(c.titleNames.termAt(i));
  const all = [...headlines];
  for (let i = 0; i < c.names.size; i++) {
    const t = c.names.termAt(i);
    if (c.names.countAt(i) * 2 >= size && !all.includes(t)) all.push(t);
  }
  c.frequent = f = { size, headlines, all };
  return f;
}

/**
 * Both stories' headlines are about one specific name. (Headlines only: a product line every
 * summary mentions, "Claude", is in half the texts of each of a company's stories that week.)
 */
export function sameSubject(v: ClusterView, a: number, b: number): boolean {
  // `dominantNames` of both without their lists (a name is specific or not whatever the story): a Set
  // and two lists per merge check were collector work.
  const other = frequentNames(v.clusters[b] as Cluster).headlines;
  for (const t of frequentNames(v.clusters[a] as Cluster).headlines) if (other.includes(t) && isSpecific(v, t)) return true;
  return false;
}

/**
 * The item's headline names a specific thing the story never mentions, and the story's headlines
 * are about a specific thing the item never mentions: different subjects.
 */
export function subjectsConflict(v: ClusterView, doc: DocEntry, ci: number): boolean {
  const c = v.clusters[ci] as Cluster;
  let dominant = dominantNames(v, ci);
  if (dominant.length === 0) return false;
  if (doc.titleNames.some((t) => dominant.includes(t))) {
    // A rare word in common, or the story's core, is one subject; a lesser proper name of the story
    // (its company) is not (see `coreNames`).
    const core = coreNames(v, c);
    if (core.length === 0 || doc.titleNames.some((t) => dominant.includes(t) && (core.includes(t) || !doc.titleProper.includes(t)))) return false;
    dominant = core;
  }
  // A thing is named by a proper name: a rare word in the headline ("windfall") says nothing of its subject.
  if (!doc.titleProper.some((t) => isSpecific(v, t) && !mentions(v, (x) => c.centroid.has(x), t))) return false;
  return dominant.some((t) => !mentions(v, (x) => doc.terms.includes(x), t)); // no Set of the item's terms per call
}

/** Share of a story's headlines that name its core (see `coreNames`). */
const CORE_SHARE = 2 / 3;

/**
 * The story's core: specific proper names in two thirds of its headlines at least. Sharing a
 * lesser name of the story (the company, named in one headline of two) does not make an item's
 * subject the story's: "Microsoft's VASA-1 can make a single photo talk and sing" joined "Microsoft
 * pulls WizardLM-2 after skipping a required safety test" on "Microsoft", and the April scenario's
 * VASA-1 event was five stories; so an item whose headline shares only such a name still conflicts
 * when it names a specific thing the story never mentions and the story's core is a thing the item
 * never mentions (the "Introducing Claude Opus 4.7" beside "Introducing Claude Design").
 * Proper names only: a rare lower-case headline word ("landmark", "humanoid") is a way of telling,
 * not a subject; and a rare word in common still makes one subject ("Artists say Zephyr 3 copied
 * their portfolios" and "Illustrators accuse Northwind of scraping their portfolios"). Measured:
 * April 0.888 → 0.905 (5/12 events whole, re-presented 3 → 2, follow-up precision 0.500 → 0.667),
 * variants 0.8831 → 0.8974; every other set and UCI unchanged (variants: March 0.8688 → 0.8697, the
 * others equal); all headlines instead of two thirds gives the same stories on every set.
 */
function coreNames(v: ClusterView, c: Cluster): number[] {
  const f = frequentNames(c);
  if (f.core) return f.core.filter((t) => isSpecific(v, t));
  const core: number[] = [];
  for (const [t, n] of membersWith(v, c, "titleProper")) if (n >= CORE_SHARE * c.members.length) core.push(t);
  f.core = core;
  return core.filter((t) => isSpecific(v, t));
}

/** Term → members whose list `field` (their headline's terms, proper names …) holds it. */
export function membersWith(v: ClusterView, c: Cluster, field: "headline" | "titleProper"): Map<number, number> {
  const out = new Map<number, number>();
  for (const m of c.members) {
    const list = v.docs[m]?.[field];
    if (!list) continue;
    for (let i = 0; i < list.length; i++) {
      const t = list[i] as number;
      if (list.indexOf(t) === i) out.set(t, (out.get(t) ?? 0) + 1);
    }
  }
  return out;
}

/**
 * A text (`has` its terms) mentions the name: it has the term, or both words of a name phrase (the
 * phrase may be written otherwise there: "the AI act", "US-China AI dialogue" beside "China's AI").
 */
function mentions(v: ClusterView, has: (term: number) => boolean, t: number): boolean {
  if (has(t)) return true;
  const term = v.term(t);
  if (!isPhrase(term)) return false;
  const space = term.indexOf(" ");
  return has(v.termId(term.slice(0, space))) && has(v.termId(term.slice(space + 1)));
}

/** Words an item must share with a story to join it on similarity (see `sharesWords`). */
const MIN_SHARED_WORDS = 2;

/**
 * The item shares at least two words with the story: one shared word, however rare, is a company
 * or a name ("Waymo in Portland" against the Waymo probe story), not yet the same event.
 */
export function sharesWords(doc: DocEntry, c: Cluster): boolean {
  let n = 0;
  for (const t of doc.terms) if (c.centroid.has(t) && ++n >= MIN_SHARED_WORDS) return true;
  return false;
}

/** Both quote distinctive figures and share none of them: different facts. */
function figuresDiffer(v: ClusterView, doc: DocEntry, c: Cluster): boolean {
  if (doc.figures.length === 0 || doc.figures.some((f) => c.centroid.has(f))) return false;
  return c.members.some((m) => (v.docs[m]?.figures.length ?? 0) > 0);
}

/**
 * Another story is more like the item than the one evidence found: evidence bridges different
 * wordings of one event, and a story nearer the item by similarity (though below the join threshold)
 * says the shared name is a coincidence. With one outlet of the dev scenario left out, "Anthropic
 * brings Claude to Europe: web, iPhone app …" joined an Apple–OpenAI iPhone piece on "iPhone" (0.102)
 * while Anthropic's teen-policy story stood at 0.179, and the Krieger hire's last piece followed it.
 * Measured: dev scenario alone precision 0.981 → 0.989; any margin from 0 to 0.03 gives the same stories.
 *
 * `smallStory` is the small-story penalty of the evidence's story (`bestCluster` takes it off every
 * candidate's similarity, so `best` has paid it): the two are compared on one scale. Without it, a
 * story of one item won over a story of one item nearer the item by its penalty: with Hacker News or
 * one hour of jitter left out of the dev scenario, "Ilya Sutskever … is leaving" joined "No, you're
 * not using GPT-4o's new voice yet, says Altman" on "Altman" at 0.102 while the story of Sutskever's
 * exit stood at 0.170 (0.070 after its penalty), and the voice follow-up became an update of the exit.
 */
export function rivalled(evidence: Best, best: Best, smallStory: number): boolean {
  return evidence.cluster >= 0 && best.cluster >= 0 && best.cluster !== evidence.cluster && best.similarity > evidence.similarity - smallStory;
}

/**
 * The best story sharing a specific name and a kind of event with the item, at cosine ≥ EVIDENCE_FLOOR.
 * Not for an undated item: evidence bridges outlets' wordings of one event told in the same hours, and
 * an undated item's time is only when it was first seen (a feed's backlog, all at its first poll, when
 * the window is nearly empty and a company looks specific). Undated explainers of Sora and of Figure's
 * robot and the Garante's Sora inquiry became one story on "OpenAI" and a launch word, which the Sora
 * release news then joined (March scenario). Measured: March F1 0.884 → 0.896 (variants 0.8804 →
 * 0.8900; one variant's follow-ups gain a wrong link: precision 1.000 → 0.974); dev alone and with the
 * feeds, February, April, UCI and their variants unchanged.
 * `exclude`: a story left out of the search (the item's own, when it is placed again: `evidence-rejoin.ts`).
 */
export function evidenceMatch(v: ClusterView, doc: DocEntry, exclude = -1): Best {
  let best: Best = { cluster: -1, similarity: 0 };
  if (doc.events === 0 || doc.undated) return best;
  for (const name of doc.names) {
    const size = v.postings.size(name);
    if (size === 0 || !isSpecific(v, name)) continue;
    for (let e = 0, at = v.postings.offset(name); e < size; e++) {
      const ci = v.find(v.postings.entries[at + e] as number);
      const c = v.clusters[ci] as Cluster;
      if (ci === exclude || !v.inWindow(ci, doc.time) || (c.events & doc.events) === 0 || figuresDiffer(v, doc, c)) continue;
      // Evidence bridges different outlets' wordings of one event; the item's own outlet already in
      // the story has no wording to bridge: its next item is usually other news (`source-diversity.ts`).
      if (sourceShare(c, doc.source) > 0) continue;
      // A story of one or two items that broke a day before is less likely the item's event, as on
      // similarity (`bestCluster`): with the dev scenario's times jittered, "Google DeepMind chief shows
      // off 'universal' AI agent" joined a day-old AlphaFold 3 piece on "DeepMind" plus a launch word.
      // … or against its members that hold the name, as one-item stories (`holder-similarity.ts`).
      const sim = Math.max(v.cosine(doc, ci) - v.staleness(ci, doc.time), holderSimilarity(doc, c.members, v.docs, name, v.smallStoryPenalty));
      if (sim >= EVIDENCE_FLOOR && sim > best.similarity && !subjectsConflict(v, doc, ci) && textSays(v, c, name)) best = { cluster: ci, similarity: sim };
    }
  }
  return best;
}

/**
 * A member's own text has the term, not only its address (`address-words.ts`): an address's words
 * draw the vector nearer, they are no evidence. With "layoffs" from a slug, the Stability AI job
 * cuts took in Tesla's price cuts, whose summary mentioned "the layoff of more than 10%" (April
 * scenario, a non-AI item shown as AI news).
 */
function textSays(v: ClusterView, c: Cluster, t: number): boolean {
  for (const m of c.members) {
    const d = v.docs[m];
    if (!d) continue;
    const own = d.terms.length - d.address;
    for (let i = 0; i < own; i++) if (d.terms[i] === t) return true;
  }
  return false;
}

/**
 * The name is in at least 1/`share` of the story's headlines: the story is about it. (Any headline
 * word counts once a text shows it is a name: "Falcon 2: an 11B open model …" starts with it.)
 */
export function headlineName(v: ClusterView, c: Cluster, t: number, share = 3): boolean {
  const size = c.members.length;
  let n = 0;
  for (const m of c.members) if (v.docs[m]?.headline.includes(t) && ++n * share >= size) return true;
  return false;
}

/** Members whose text has the term (as `docFrequency` counts it). */
export function textsWith(v: ClusterView, c: Cluster, t: number): number {
  let n = 0;
  for (const m of c.members) if (v.docs[m]?.terms.includes(t)) n++;
  return n;
}

/** Least members of a story whose headline name places a headline naming nothing (`headlineNameMatch`): several outlets established it. */
const NAMED_EVENT_OUTLETS = 3;
/** Least share of the window's other texts with the name that the story holds, as for fragments (`complementary-fragments.ts`). */
const NAMED_EVENT_CONFINED = 0.8;

/**
 * A headline that names nothing ("Sixty seconds of fake footage and the end of 'seeing is
 * believing'", a column on OpenAI's Sora the morning after) can only be placed by its summary. When
 * the summary names what an established story's headlines are about (the name in at least half of
 * them, three or more members, the story holds 80% of the window's other texts naming it) and the
 * item is as close to that story as an item without a summary must be (`joinThreshold`, after the
 * story's age), it is more coverage of that event: alone it came back as a new story the next day
 * although its event had been delivered (0.181 against 0.2 for an item with a summary). No event
 * word is asked for, as evidence (`evidenceMatch`) does: a column announces nothing. A headline
 * that names something is left to similarity and evidence: "Midjourney's new --cref command …"
 * against the Midjourney–Stability ban story is the company's other news.
 */
export function headlineNameMatch(v: ClusterView, doc: DocEntry, floor: number): Best {
  let best: Best = { cluster: -1, similarity: 0 };
  if (doc.titleNames.length > 0) return best;
  for (const name of doc.names) {
    const size = v.postings.size(name);
    if (size === 0 || namesNoStory(v.term(name))) continue;
    const others = v.docFrequency(name) - 1; // the item itself is counted
    for (let e = 0, at = v.postings.offset(name); e < size; e++) {
      const ci = v.find(v.postings.entries[at + e] as number);
      const c = v.clusters[ci] as Cluster;
      if (ci === best.cluster || c.members.length < NAMED_EVENT_OUTLETS || !v.inWindow(ci, doc.time) || sourceShare(c, doc.source) > 0) continue;
      if (!headlineName(v, c, name, 2) || textsWith(v, c, name) < NAMED_EVENT_CONFINED * others) continue;
      const sim = v.cosine(doc, ci) - v.staleness(ci, doc.time);
      if (sim >= floor && sim > best.similarity && !subjectsConflict(v, doc, ci) && !laterDevelopment(doc, c)) best = { cluster: ci, similarity: sim };
    }
  }
  return best;
}

/** The item's text (title or summary) mentions one of the story's core names (`coreNames`). */
export function mentionsCore(v: ClusterView, doc: DocEntry, ci: number): boolean {
  const core = coreNames(v, v.clusters[ci] as Cluster);
  return core.some((t) => mentions(v, (x) => doc.terms.includes(x), t));
}
