/**
 * Digest-quality measures over a labelled scenario (see `labelled-scenario.ts`), run with the real
 * matcher, AI filter, story assembly (ranking, summaries) and nothing faked:
 *
 * - AI filter precision/recall, per item and per labelled story (a story's verdict from all its items).
 * - Topic precision/recall per labelled story: the topics that would select it (confidence ≥
 *   MATCH_TOPIC_CONFIDENCE) against its editors' tags mapped onto the catalogue (`topic-labels.ts`).
 * - Ranking agreement: every pair of a multi-outlet AI event and a single-outlet AI item of the same day,
 *   scored at that day's digest time; agreement = share of pairs with the bigger event ranked first.
 * - Summaries: every story's summary checked for feed boilerplate, credits, bylines and cut sentences.
 *
 * Stories are the labelled ones (clustering is measured separately), so these figures say how good the
 * digest is given correct stories.
 */
import type { Item, Story, StoryTopic } from "../../core/types.js";
import { MATCH_TOPIC_CONFIDENCE, selectingTopics } from "../select-stories.js";
import { isAiStory } from "../stories/ai-filter.js";
import { assembleStory, type FeedInfo, type StoryMember } from "../stories/assemble-story.js";
import { extractiveSummarizer, type Summarizer } from "../stories/summarizer.js";
import { summaryDefects } from "../stories/summary-checks.js";
import { type TopicMatcher } from "../stories/topic-matcher.js";
import type { LabelledItem } from "./labelled-scenario.js";
import { labelTopics, SCORED_TOPICS } from "./topic-labels.js";

export interface PrecisionRecall {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

export interface QualityReport {
  aiItems: PrecisionRecall;
  aiStories: PrecisionRecall;
  topics: PrecisionRecall;
  ranking: { pairs: number; agreed: number; agreement: number };
  summaries: { stories: number; withSummary: number; defects: { storyId: string; summary: string; defects: string[] }[] };
}

export function precisionRecall(tp: number, fp: number, fn: number): PrecisionRecall {
  return { tp, fp, fn, precision: tp + fp === 0 ? 1 : tp / (tp + fp), recall: tp + fn === 0 ? 1 : tp / (tp + fn) };
}

interface LabelledStory {
  label: string;
  rows: LabelledItem[];
  story: Story;
}

/** Build every labelled story with the real assembly at `now` (its day's digest time). */
async function buildStories(
  items: readonly LabelledItem[],
  matcher: TopicMatcher,
  summarizer: Summarizer,
  nowOf: (firstSeen: Date) => Date,
): Promise<LabelledStory[]> {
  const groups = new Map<string, LabelledItem[]>();
  for (const li of items) {
    const list = groups.get(li.row.story) ?? [];
    list.push(li);
    groups.set(li.row.story, list);
  }
  const feeds = new Map<string, FeedInfo>();
  for (const li of items) feeds.set(li.item.feedId, { title: li.row.source, sourceWeight: 1 });
  const out: LabelledStory[] = [];
  for (const [label, rows] of [...groups].sort((a, b) => a[0].localeCompare(b[0]))) {
    const members: StoryMember[] = rows.map((li) => {
      const a = matcher.analyse(li.item.title, li.item.summary, li.item.url);
      const plain = (ts: typeof a.topics): StoryTopic[] => ts.map((t) => ({ topicId: t.topicId, confidence: t.confidence }));
      return { item: li.item, centrality: 0.5, topics: plain(a.topics), gated: plain(a.gated), ai: a.ai };
    });
    const firstSeen = new Date(Math.min(...rows.map((r) => r.item.firstSeenAt.getTime())));
    const story = await assembleStory(`st_${label}`, members, feeds, { now: nowOf(firstSeen), summarizer });
    out.push({ label, rows, story });
  }
  return out;
}

/** The digest after the story's first day: 06:00 UTC the next morning. */
export function digestTimeAfter(firstSeen: Date): Date {
  const d = new Date(firstSeen);
  d.setUTCHours(30, 0, 0, 0);
  return d;
}

export async function evaluateDigestQuality(
  items: readonly LabelledItem[],
  matcher: TopicMatcher,
  summarizer: Summarizer = extractiveSummarizer,
): Promise<QualityReport> {
  const stories = await buildStories(items, matcher, summarizer, digestTimeAfter);

  let [tp, fp, fn] = [0, 0, 0];
  for (const li of items) {
    const ai = matcher.analyse(li.item.title, li.item.summary, li.item.url).ai >= 0.5;
    if (ai && li.row.ai) tp++;
    else if (ai) fp++;
    else if (li.row.ai) fn++;
  }
  const aiItems = precisionRecall(tp, fp, fn);

  [tp, fp, fn] = [0, 0, 0];
  let [ttp, tfp, tfn] = [0, 0, 0];
  for (const s of stories) {
    const goldAi = s.rows.filter((r) => r.row.ai).length * 2 > s.rows.length;
    const ai = isAiStory(s.story, MATCH_TOPIC_CONFIDENCE);
    if (ai && goldAi) tp++;
    else if (ai) fp++;
    else if (goldAi) fn++;
    if (!goldAi) continue;
    const gold = labelTopics(s.rows.flatMap((r) => r.row.topics));
    const predicted = new Set([...selectingTopics(s.story)].filter((t) => SCORED_TOPICS.has(t)));
    for (const t of predicted) if (gold.has(t)) ttp++; else tfp++;
    for (const t of gold) if (!predicted.has(t)) tfn++;
  }
  return {
    aiItems,
    aiStories: precisionRecall(tp, fp, fn),
    topics: precisionRecall(ttp, tfp, tfn),
    ranking: rankingAgreement(stories),
    summaries: auditSummaries(stories.map((s) => s.story)),
  };
}

function outlets(s: LabelledStory): number {
  return new Set(s.rows.map((r) => r.item.feedId)).size;
}

function dayOf(item: Item): string {
  return item.firstSeenAt.toISOString().slice(0, 10);
}

/**
 * Pairs of a multi-outlet AI event (≥ 3 outlets) and a single-outlet AI item first seen the same day,
 * both dated and fresh: the event should rank first.
 */
export function rankingAgreement(stories: readonly LabelledStory[]): QualityReport["ranking"] {
  const eligible = stories.filter(
    (s) => s.rows.every((r) => r.row.ai && !r.item.dateIsFallback) && s.rows.every((r) => r.item.publishedAt >= r.item.firstSeenAt),
  );
  const firstDay = (s: LabelledStory): string =>
    dayOf(s.rows.reduce((a, b) => (a.item.firstSeenAt <= b.item.firstSeenAt ? a : b)).item);
  const big = eligible.filter((s) => outlets(s) >= 3);
  const single = eligible.filter((s) => s.rows.length === 1);
  let pairs = 0;
  let agreed = 0;
  for (const b of big) {
    for (const one of single) {
      if (firstDay(b) !== firstDay(one)) continue;
      pairs++;
      if (b.story.score > one.story.score) agreed++;
    }
  }
  return { pairs, agreed, agreement: pairs ? agreed / pairs : 1 };
}

export function auditSummaries(stories: readonly Story[]): QualityReport["summaries"] {
  const defects: QualityReport["summaries"]["defects"] = [];
  let withSummary = 0;
  for (const s of stories) {
    if (!s.summary) continue;
    withSummary++;
    const found = summaryDefects(s.summary);
    if (found.length) defects.push({ storyId: s.id, summary: s.summary, defects: found });
  }
  return { stories: stories.length, withSummary, defects };
}

/** The figures as `newsdesk eval scenarios` prints them (a block like the scenario metrics'). */
export function qualityLines(r: QualityReport): { figures: Record<string, number>; lines: string[] } {
  const f = (x: number): string => x.toFixed(3);
  return {
    figures: {
      aiStoryPrecision: r.aiStories.precision,
      aiStoryRecall: r.aiStories.recall,
      topicPrecision: r.topics.precision,
      topicRecall: r.topics.recall,
      rankingAgreement: r.ranking.agreement,
      summaryDefects: r.summaries.defects.length,
    },
    lines: [
      "labelled stories (each event as its editors grouped it, assembled by the real engine):",
      `  AI filter per story: precision ${f(r.aiStories.precision)}  recall ${f(r.aiStories.recall)}  (${r.aiStories.fp} non-AI stories in, ${r.aiStories.fn} AI stories out)`,
      // The headline topic figure (issue #12's target): what the tagger files each event under, against
      // its editors' tags pooled over the event's items; the per-item figure above adds clustering
      // mistakes and per-item label variance (see `topic-metric.ts`).
      `  topics per labelled story (the tagger alone; issue target): precision ${f(r.topics.precision)}  recall ${f(r.topics.recall)}  (${r.topics.tp} right, ${r.topics.fp} wrong, ${r.topics.fn} missed)`,
      `  ranking agreement: ${f(r.ranking.agreement)}  (${r.ranking.agreed}/${r.ranking.pairs} pairs of a 3+ outlet event and a same-day single item, event first)`,
      `  summaries: ${r.summaries.withSummary}/${r.summaries.stories} stories have one; ${r.summaries.defects.length} with boilerplate, a credit, a byline or a cut sentence`,
      ...r.summaries.defects.map((d) => `    ${d.storyId} (${d.defects.join(", ")}): ${d.summary.slice(0, 120)}`),
    ],
  };
}
