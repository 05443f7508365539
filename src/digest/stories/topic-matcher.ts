/**
 * Topic tagging by keyword/phrase rules. Keywords are tokenised with the same tokeniser as the text
 * and matched as token sequences, so matching is case-insensitive, respects word boundaries ("AI" is
 * not in "said", "Meta" is not "metadata") and never builds a regular expression from user input.
 * One pass over the text finds every topic at once (first token → candidate phrases).
 */
import type { StoryTopic, Topic } from "../../core/types.js";
import { tokenize } from "./text-tokens.js";

interface Phrase {
  topic: number;
  tokens: string[];
  exclude: boolean;
}

export interface TopicMatch extends StoryTopic {
  /** Distinct keywords found in the title / in the summary. */
  titleHits: number;
  summaryHits: number;
}

export class TopicMatcher {
  private readonly byFirst = new Map<string, Phrase[]>();

  constructor(readonly topics: readonly Topic[]) {
    topics.forEach((topic, i) => {
      for (const kw of topic.keywords) this.addPhrase(i, kw, false);
      for (const kw of topic.exclude) this.addPhrase(i, kw, true);
    });
  }

  /** Topics of one item, strongest first. Title hits count double: a headline names its subject. */
  match(title: string, summary = ""): TopicMatch[] {
    const inTitle = this.scan(tokenize(title));
    const inSummary = this.scan(tokenize(summary));
    const out: TopicMatch[] = [];
    this.topics.forEach((topic, i) => {
      if (inTitle.excluded.has(i) || inSummary.excluded.has(i)) return;
      const t = inTitle.hits.get(i)?.size ?? 0;
      const s = countNew(inSummary.hits.get(i), inTitle.hits.get(i));
      if (t + s === 0) return;
      // 1 title keyword → 0.75, 1 summary keyword → 0.5, more evidence approaches 1.
      const confidence = 1 - Math.pow(0.5, 2 * t + s);
      out.push({ topicId: topic.id, confidence, titleHits: t, summaryHits: s });
    });
    return out.sort((a, b) => b.confidence - a.confidence || a.topicId.localeCompare(b.topicId));
  }

  private addPhrase(topic: number, text: string, exclude: boolean): void {
    const tokens = tokenize(text);
    const first = tokens[0];
    if (first === undefined) return;
    let list = this.byFirst.get(first);
    if (!list) this.byFirst.set(first, (list = []));
    list.push({ topic, tokens, exclude });
  }

  private scan(tokens: string[]): { hits: Map<number, Set<string>>; excluded: Set<number> } {
    const hits = new Map<number, Set<string>>();
    const excluded = new Set<number>();
    for (let i = 0; i < tokens.length; i++) {
      for (const phrase of this.candidates(tokens[i] ?? "")) {
        if (!matchesAt(tokens, i, phrase.tokens)) continue;
        if (phrase.exclude) excluded.add(phrase.topic);
        else {
          let set = hits.get(phrase.topic);
          if (!set) hits.set(phrase.topic, (set = new Set()));
          set.add(phrase.tokens.join(" "));
        }
      }
    }
    return { hits, excluded };
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
