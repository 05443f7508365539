/**
 * Topic tagging by keyword/phrase rules. Keywords are tokenised with the same tokeniser as the text
 * and matched as token sequences, so matching is case-insensitive, respects word boundaries ("AI" is
 * not in "said", "Meta" is not "metadata") and never builds a regular expression from user input.
 * One pass over the text finds every topic and the AI context at once (first token → candidate phrases).
 * Topics whose role is "requires" (see `aiContextRole`) match only items that also show AI context.
 */
import type { StoryTopic, Topic } from "../../core/types.js";
import {
  AI_CONTEXT_TERMS,
  aiContextRole,
  contextRules,
  WEAK_AI_TERMS,
  type AiContextRole,
  type ContextRules,
} from "./topic-catalog.js";
import { tokenize } from "./text-tokens.js";

/** Below this confidence a topic tag is kept on the story but does not select it (see select-stories.ts). */
export const MATCH_TOPIC_CONFIDENCE = 0.5;

type PhraseKind = "keyword" | "needs" | "topic-context" | "exclude" | "mask" | "context" | "weak";

interface Phrase {
  /** Index into `topics`; -1 for an AI-context term. */
  topic: number;
  tokens: string[];
  kind: PhraseKind;
}

export interface TopicMatcherOptions {
  /** Terms that show an item is about AI (default: the catalogue's `AI_CONTEXT_TERMS`). */
  aiContextTerms?: readonly string[];
  /** Words that hint at AI only in company (default: the catalogue's `WEAK_AI_TERMS`). */
  weakAiTerms?: readonly string[];
  /** Each topic's keywords that need context, and its context words (default: `contextRules`). */
  contextRulesOf?: (topic: Topic) => ContextRules;
  /** Each topic's part in the AI-context rule (default: `aiContextRole`). */
  roleOf?: (topic: Topic) => AiContextRole;
}

interface Scan {
  hits: Map<number, Set<string>>;
  /** Hits of keywords that count only in their topic's context (see `contextRules`). */
  needy: Map<number, Set<string>>;
  /** Topics whose context words appear. */
  inContext: Set<number>;
  /** Organisations named only as a yardstick ("a rival to OpenAI"). */
  asides: Map<number, Set<string>>;
  excluded: Set<number>;
  aiContext: boolean;
  /** Distinct weak AI hints found. */
  weak: Set<string>;
}

export interface TopicMatch extends StoryTopic {
  /** Distinct keywords found in the title / in the summary. */
  titleHits: number;
  summaryHits: number;
}

export interface ItemAnalysis {
  topics: TopicMatch[];
  /**
   * Topics that matched but need AI context this item lacks ("Google flipped the switch"). When the
   * item's story is AI news on other items' evidence, they count (see `assembleStory`).
   */
  gated: TopicMatch[];
  /**
   * How strongly the item itself is about AI: 1 when the headline shows AI context, 0.6 when only the
   * summary does (a story about something else may mention AI in passing), 0 otherwise.
   */
  ai: number;
}

const RESEARCH_TOPIC = "research";

/** Words after which an organisation is a comparison ("rival to", "than", "beats", "answers"). */
const COMPARISON = new Set([
  "rival", "rivals", "than", "beats", "beat", "answers", "against", "versus", "vs", "chases", "chasing", "like",
  "challenge", "challenges", "outperforms", "takes", "lean", "rely", "relies", "depend", "race", "races", "racing",
  // overtaking or nearing a yardstick ("nears GPT-4", "Nvidia passes Alphabet", "surpasses Gemini")
  "nears", "surpass", "surpasses", "overtakes", "overtook", "passes", "outperform", "outperforming", "beating",
]);

/**
 * Words right after an organisation that make it a yardstick or a backer, not the subject: "the Sora
 * rival", "an OpenAI competitor", "Microsoft-backed OpenAI", "Amazon-owned Zoox".
 */
const QUALIFIER = new Set([
  "rival", "rivals", "competitor", "competitors", "challenger", "alternative", "alternatives", "killer",
  "backed", "owned", "funded",
]);

/** Whether the keyword at `at` follows a comparison word (directly, or after "to", "on", "with" …). */
function followsComparison(tokens: readonly string[], at: number): boolean {
  const prev = tokens[at - 1];
  if (prev === undefined) return false;
  if (COMPARISON.has(prev)) return true;
  return ["to", "with", "the", "up", "on"].includes(prev) && COMPARISON.has(tokens[at - 2] ?? "");
}

/** Whether the keyword spanning [at, end) is followed by a qualifier ("Sora rival", "Microsoft-backed"). */
function qualified(tokens: readonly string[], end: number): boolean {
  return QUALIFIER.has(tokens[end] ?? "") || (tokens[end] === "s" && QUALIFIER.has(tokens[end + 1] ?? ""));
}

/**
 * Hosts that publish papers (arXiv and its mirrors, OpenReview, Hugging Face's papers pages, ACL, bioRxiv,
 * Papers with Code): an item linking there is a paper, and a paper is research whatever its title says.
 */
export function isPaperUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  const host = u.hostname.toLowerCase().replace(/^www\./, "");
  if (/(?:^|\.)(?:arxiv\.org|openreview\.net|aclanthology\.org|biorxiv\.org|medrxiv\.org|paperswithcode\.com)$/.test(host)) return true;
  return /(?:^|\.)huggingface\.co$/.test(host) && u.pathname.startsWith("/papers/");
}

/** Per distinct name (an organisation, product or model) found only in the summary, the doubt left (see `analyse`). */
const NAME_SUMMARY_BASE = 0.6;

/** Weak hints needed together to count as AI context (one "model" is a car, a phone or a business). */
const WEAK_HINTS_NEEDED = 2;

export class TopicMatcher {
  private readonly byFirst = new Map<string, Phrase[]>();
  private readonly roles: AiContextRole[];
  private readonly aiIsContext: boolean[];
  private readonly organisation: boolean[];
  /** Per topic, its keywords that are names (see `ContextRules.names`), as matched (tokens joined). */
  private readonly names: Set<string>[];

  constructor(
    readonly topics: readonly Topic[],
    opts: TopicMatcherOptions = {},
  ) {
    const roleOf = opts.roleOf ?? aiContextRole;
    this.roles = topics.map((t) => roleOf(t));
    const rulesOf = opts.contextRulesOf ?? contextRules;
    const rules = topics.map((t) => rulesOf(t));
    this.aiIsContext = rules.map((r) => r.aiIsContext);
    this.organisation = rules.map((r) => r.organisation);
    this.names = rules.map((r) => new Set(r.names.map((n) => tokenize(n).join(" "))));
    topics.forEach((topic, i) => {
      const needs = new Set(rules[i]?.needsContext.map((k) => k.toLowerCase()));
      for (const kw of topic.keywords) this.addPhrase(i, kw, needs.has(kw.toLowerCase()) ? "needs" : "keyword");
      for (const kw of rules[i]?.context ?? []) this.addPhrase(i, kw, "topic-context");
      for (const kw of topic.exclude) this.addPhrase(i, kw, "exclude");
      for (const kw of rules[i]?.masks ?? []) this.addPhrase(i, kw, "mask");
    });
    for (const term of opts.aiContextTerms ?? AI_CONTEXT_TERMS) this.addPhrase(-1, term, "context");
    for (const term of opts.weakAiTerms ?? WEAK_AI_TERMS) this.addPhrase(-1, term, "weak");
  }

  /** Topics of one item, strongest first. Title hits count double: a headline names its subject. */
  match(title: string, summary = ""): TopicMatch[] {
    return this.analyse(title, summary).topics;
  }

  /**
   * Topics plus the item's own AI evidence (see `ItemAnalysis.ai`), in one pass. With the item's `url`,
   * a paper on an arXiv-like host is Research whatever its wording (see `isPaperUrl`).
   */
  analyse(title: string, summary = "", url?: string): ItemAnalysis {
    const inTitle = this.scan(tokenize(title));
    const inSummary = this.scan(tokenize(summary));
    const found: { i: number; t: number; s: number; named: number }[] = [];
    // Two distinct weak hints ("models" + "trained on", "parameters") together are AI context.
    const weakHints = new Set([...inTitle.weak, ...inSummary.weak]).size;
    let aiContext = inTitle.aiContext || inSummary.aiContext || weakHints >= WEAK_HINTS_NEEDED;
    let summaryTopic = false;
    this.topics.forEach((_, i) => {
      if (inTitle.excluded.has(i) || inSummary.excluded.has(i)) return;
      // A keyword that needs context ("policy", "leaked", "Hugging Face") counts only beside a firm
      // keyword of the same topic or one of its context words (or AI context, for topics that say so).
      // Two different ambiguous keywords of one topic back each other ("raises … billion").
      const strong = inTitle.hits.has(i) || inSummary.hits.has(i);
      const needyKinds = union(inTitle.needy.get(i), inSummary.needy.get(i)).size;
      const contextual =
        strong ||
        needyKinds >= 2 ||
        inTitle.inContext.has(i) ||
        inSummary.inContext.has(i) ||
        (this.aiIsContext[i] === true && aiContext);
      const titleHits = union(inTitle.hits.get(i), contextual ? inTitle.needy.get(i) : undefined);
      const summaryHits = union(inSummary.hits.get(i), contextual ? inSummary.needy.get(i) : undefined);
      // A yardstick mention in the headline weighs as one summary mention, however many of the
      // organisation's names it uses ("beats Meta's Llama 3").
      const asides = [...(inTitle.asides.get(i) ?? [])].filter((k) => !titleHits.has(k));
      if (asides.length && !asides.some((k) => summaryHits.has(k))) summaryHits.add(asides[0] as string);
      const t = titleHits.size;
      const s = countNew(summaryHits, titleHits);
      if (t + s === 0) return;
      const named = [...summaryHits].filter((k) => !titleHits.has(k) && (this.organisation[i] === true || this.names[i]?.has(k))).length;
      // A match of an AI-by-definition topic (not vetoed: "Claude Monet") is itself AI context.
      if (this.roles[i] === "provides") {
        aiContext = true;
        if (t === 0) summaryTopic = true;
      }
      found.push({ i, t, s, named });
    });
    const out: TopicMatch[] = [];
    const gated: TopicMatch[] = [];
    for (const { i, t, s, named } of found) {
      const topic = this.topics[i];
      if (!topic) continue;
      const held = this.roles[i] === "requires" && !aiContext;
      // What an item is about is in its headline: 1 title keyword → 0.75, more evidence approaches 1.
      // A lone summary keyword of a theme → 0.5 (the selection bar). A summary names organisations and
      // products in passing ("a day before Google's conference", "the same architecture as Sora"): a
      // lone name there → 0.4, below the bar; two different ones → 0.64.
      const confidence = round(1 - Math.pow(0.5, 2 * t) * Math.pow(NAME_SUMMARY_BASE, named) * Math.pow(0.5, s - named));
      (held ? gated : out).push({ topicId: topic.id, confidence, titleHits: t, summaryHits: s });
    }
    const research = this.topics.findIndex((t) => t.id === RESEARCH_TOPIC && t.communityId === null);
    const paper = url !== undefined && research >= 0 && isPaperUrl(url);
    if (paper && !out.some((m) => m.topicId === RESEARCH_TOPIC)) {
      out.push({ topicId: RESEARCH_TOPIC, confidence: 0.75, titleHits: 0, summaryHits: 0 });
    }
    out.sort((a, b) => b.confidence - a.confidence || a.topicId.localeCompare(b.topicId));
    const titleTopic = found.some((f) => this.roles[f.i] === "provides" && f.t > 0);
    const ai = inTitle.aiContext || titleTopic ? 1 : aiContext || summaryTopic ? 0.6 : 0;
    return { topics: out, gated, ai };
  }

  private addPhrase(topic: number, text: string, kind: PhraseKind): void {
    const tokens = tokenize(text);
    const first = tokens[0];
    if (first === undefined) return;
    let list = this.byFirst.get(first);
    if (!list) this.byFirst.set(first, (list = []));
    // Masks first: one starting where its keyword starts must be seen before the keyword.
    if (kind === "mask") list.unshift({ topic, tokens, kind });
    else list.push({ topic, tokens, kind });
  }

  private scan(tokens: string[]): Scan {
    const hits = new Map<number, Set<string>>();
    const excluded = new Set<number>();
    let aiContext = false;
    const weak = new Set<string>();
    const needy = new Map<number, Set<string>>();
    const inContext = new Set<number>();
    const asides = new Map<number, Set<string>>();
    /** "topic:position" right after an aside of that organisation (and its possessive "'s"). */
    const asideNext = new Set<string>();
    /** Per topic, the end of the last mask found: its keywords inside it do not count. */
    const maskedUntil = new Map<number, number>();
    for (let i = 0; i < tokens.length; i++) {
      for (const phrase of this.candidates(tokens[i] ?? "")) {
        if (!matchesAt(tokens, i, phrase.tokens)) continue;
        if (phrase.kind === "mask") {
          maskedUntil.set(phrase.topic, Math.max(maskedUntil.get(phrase.topic) ?? 0, i + phrase.tokens.length));
          continue;
        }
        if (phrase.topic >= 0 && phrase.kind !== "exclude" && (maskedUntil.get(phrase.topic) ?? 0) > i) continue;
        if (phrase.kind === "context") aiContext = true;
        else if (phrase.kind === "weak") weak.add(phrase.tokens.join(" "));
        else if (phrase.kind === "exclude") excluded.add(phrase.topic);
        else if (phrase.kind === "topic-context") inContext.add(phrase.topic);
        else {
          // An organisation right after a comparison word ("answers Sora with", "won't lean on OpenAI",
          // "beats Meta's Llama") is the yardstick, not the subject: it counts as an aside.
          // So is one qualified as a rival or a backer ("the Sora rival", "Microsoft-backed OpenAI"),
          // and a name of the same organisation right after an aside ("beats Meta's Llama 3").
          const org = this.organisation[phrase.topic] === true;
          const end = i + phrase.tokens.length;
          const aside =
            org && (followsComparison(tokens, i) || qualified(tokens, end) || asideNext.has(`${phrase.topic}:${i}`));
          if (aside) asideNext.add(`${phrase.topic}:${tokens[end] === "s" ? end + 1 : end}`);
          const map = aside ? asides : phrase.kind === "needs" ? needy : hits;
          let set = map.get(phrase.topic);
          if (!set) map.set(phrase.topic, (set = new Set()));
          set.add(phrase.tokens.join(" "));
        }
      }
    }
    return { hits, needy, inContext, asides, excluded, aiContext, weak };
  }

  private candidates(token: string): Phrase[] {
    const exact = this.byFirst.get(token) ?? [];
    const base = singular(token);
    if (base === token) return exact;
    // A one-word keyword also matches its plural ("chatbot" in "chatbots").
    const plural = (this.byFirst.get(base) ?? []).filter((p) => p.tokens.length === 1);
    return exact.length ? [...exact, ...plural] : plural;
  }
}

function matchesAt(tokens: string[], at: number, phrase: string[]): boolean {
  if (phrase.length === 1) return true;
  for (let j = 1; j < phrase.length; j++) {
    const tok = tokens[at + j];
    const want = phrase[j];
    if (tok !== want && !(j === phrase.length - 1 && tok !== undefined && singular(tok) === want)) return false;
  }
  return true;
}

function singular(token: string): string {
  if (token.length > 3 && token.endsWith("s") && !token.endsWith("ss")) return token.slice(0, -1);
  return token;
}

function union(a: Set<string> | undefined, b: Set<string> | undefined): Set<string> {
  if (!b) return a ?? new Set();
  return new Set([...(a ?? []), ...b]);
}

function countNew(set: Set<string> | undefined, seen: Set<string> | undefined): number {
  if (!set) return 0;
  let n = 0;
  for (const k of set) if (!seen?.has(k)) n++;
  return n;
}

/**
 * A story's topics: the union of its items' topics. Confidence is the best item's, scaled by how much
 * of the coverage agrees: × (0.3 + 0.7 × share of items the topic would select on their own, i.e. with
 * confidence ≥ MATCH_TOPIC_CONFIDENCE). A topic one of nine reports names in its headline (0.75 → 0.28)
 * is an aside, not what the story is about; one every report carries keeps its full confidence. Passing
 * mentions (a name in a summary, a yardstick in a headline: below the bar) do not count as agreeing, so
 * "the Sora rival" in five reports of a Veo launch does not file the story under OpenAI.
 */
export function combineTopics(perItem: readonly (readonly StoryTopic[])[]): StoryTopic[] {
  const best = new Map<string, number>();
  const count = new Map<string, number>();
  for (const topics of perItem) {
    for (const t of topics) {
      best.set(t.topicId, Math.max(best.get(t.topicId) ?? 0, t.confidence));
      if (t.confidence >= MATCH_TOPIC_CONFIDENCE) count.set(t.topicId, (count.get(t.topicId) ?? 0) + 1);
    }
  }
  const n = Math.max(1, perItem.length);
  return [...best]
    .map(([topicId, conf]) => ({
      topicId,
      confidence: round(conf * (0.3 + 0.7 * ((count.get(topicId) ?? 0) / n))),
    }))
    .sort((a, b) => b.confidence - a.confidence || a.topicId.localeCompare(b.topicId));
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
