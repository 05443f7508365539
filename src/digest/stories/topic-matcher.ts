/**
 * Topic tagging by keyword/phrase rules. Keywords are tokenised with the same tokeniser as the text
 * and matched as token sequences, so matching is case-insensitive, respects word boundaries ("AI" is
 * not in "said", "Meta" is not "metadata") and never builds a regular expression from user input.
 * One pass over the text finds every topic and the AI context at once (first token → candidate phrases).
 * Topics whose role is "requires" (see `aiContextRole`) match only items that also show AI context.
 */
import type { StoryTopic, Topic } from "../../core/types.js";
import { AI_CONTEXT_TERMS, aiContextRole, type AiContextRole } from "./topic-catalog.js";
import { tokenize } from "./text-tokens.js";

type PhraseKind = "keyword" | "exclude" | "context";

interface Phrase {
  /** Index into `topics`; -1 for an AI-context term. */
  topic: number;
  tokens: string[];
  kind: PhraseKind;
}

export interface TopicMatcherOptions {
  /** Terms that show an item is about AI (default: the catalogue's `AI_CONTEXT_TERMS`). */
  aiContextTerms?: readonly string[];
  /** Each topic's part in the AI-context rule (default: `aiContextRole`). */
  roleOf?: (topic: Topic) => AiContextRole;
}

interface Scan {
  hits: Map<number, Set<string>>;
  excluded: Set<number>;
  aiContext: boolean;
}

export interface TopicMatch extends StoryTopic {
  /** Distinct keywords found in the title / in the summary. */
  titleHits: number;
  summaryHits: number;
}

export class TopicMatcher {
  private readonly byFirst = new Map<string, Phrase[]>();
  private readonly roles: AiContextRole[];

  constructor(
    readonly topics: readonly Topic[],
    opts: TopicMatcherOptions = {},
  ) {
    const roleOf = opts.roleOf ?? aiContextRole;
    this.roles = topics.map((t) => roleOf(t));
    topics.forEach((topic, i) => {
      for (const kw of topic.keywords) this.addPhrase(i, kw, "keyword");
      for (const kw of topic.exclude) this.addPhrase(i, kw, "exclude");
    });
    for (const term of opts.aiContextTerms ?? AI_CONTEXT_TERMS) this.addPhrase(-1, term, "context");
  }

  /** Topics of one item, strongest first. Title hits count double: a headline names its subject. */
  match(title: string, summary = ""): TopicMatch[] {
    const inTitle = this.scan(tokenize(title));
    const inSummary = this.scan(tokenize(summary));
    const found: { i: number; t: number; s: number }[] = [];
    let aiContext = inTitle.aiContext || inSummary.aiContext;
    this.topics.forEach((_, i) => {
      if (inTitle.excluded.has(i) || inSummary.excluded.has(i)) return;
      const t = inTitle.hits.get(i)?.size ?? 0;
      const s = countNew(inSummary.hits.get(i), inTitle.hits.get(i));
      if (t + s === 0) return;
      // A match of an AI-by-definition topic (not vetoed: "Claude Monet") is itself AI context.
      if (this.roles[i] === "provides") aiContext = true;
      found.push({ i, t, s });
    });
    const out: TopicMatch[] = [];
    for (const { i, t, s } of found) {
      const topic = this.topics[i];
      if (!topic || (this.roles[i] === "requires" && !aiContext)) continue;
      // 1 title keyword → 0.75, 1 summary keyword → 0.5, more evidence approaches 1.
      const confidence = 1 - Math.pow(0.5, 2 * t + s);
      out.push({ topicId: topic.id, confidence, titleHits: t, summaryHits: s });
    }
    return out.sort((a, b) => b.confidence - a.confidence || a.topicId.localeCompare(b.topicId));
  }

  private addPhrase(topic: number, text: string, kind: PhraseKind): void {
    const tokens = tokenize(text);
    const first = tokens[0];
    if (first === undefined) return;
    let list = this.byFirst.get(first);
    if (!list) this.byFirst.set(first, (list = []));
    list.push({ topic, tokens, kind });
  }

  private scan(tokens: string[]): Scan {
    const hits = new Map<number, Set<string>>();
    const excluded = new Set<number>();
    let aiContext = false;
    for (let i = 0; i < tokens.length; i++) {
      for (const phrase of this.candidates(tokens[i] ?? "")) {
        if (!matchesAt(tokens, i, phrase.tokens)) continue;
        if (phrase.kind === "context") aiContext = true;
        else if (phrase.kind === "exclude") excluded.add(phrase.topic);
        else {
          let set = hits.get(phrase.topic);
          if (!set) hits.set(phrase.topic, (set = new Set()));
          set.add(phrase.tokens.join(" "));
        }
      }
    }
    return { hits, excluded, aiContext };
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

function countNew(set: Set<string> | undefined, seen: Set<string> | undefined): number {
  if (!set) return 0;
  let n = 0;
  for (const k of set) if (!seen?.has(k)) n++;
  return n;
}

/**
 * A story's topics: the union of its items' topics. Confidence is the best item's, scaled by how much
 * of the coverage agrees (a lone passing mention in one of ten reports counts for less).
 */
export function combineTopics(perItem: readonly (readonly StoryTopic[])[]): StoryTopic[] {
  const best = new Map<string, number>();
  const count = new Map<string, number>();
  for (const topics of perItem) {
    for (const t of topics) {
      best.set(t.topicId, Math.max(best.get(t.topicId) ?? 0, t.confidence));
      count.set(t.topicId, (count.get(t.topicId) ?? 0) + 1);
    }
  }
  const n = Math.max(1, perItem.length);
  return [...best]
    .map(([topicId, conf]) => ({
      topicId,
      confidence: round(conf * (0.6 + 0.4 * ((count.get(topicId) ?? 0) / n))),
    }))
    .sort((a, b) => b.confidence - a.confidence || a.topicId.localeCompare(b.topicId));
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
