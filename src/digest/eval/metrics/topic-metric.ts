/**
 * Topic tags against the scenario's free-text `topics`. Our built-in topic ids map onto the words an
 * editor used (below); a scenario word no topic of ours stands for (a country, "world", "film") is
 * out of scope and not counted. An item's tags are the topics of its final story that select it for
 * a topic's digest (`selectingTopics`: its strongest three with confidence ≥ MATCH_TOPIC_CONFIDENCE),
 * since that is what a reader meets.
 * Precision: of (item, tag) pairs, those whose item carries a word the tag stands for.
 * Recall: of (item, in-scope word) pairs, those for which some tag of the item stands for the word.
 */
import { selectingTopics } from "../../select-stories.js";
import { isCurrent, type MetricReport, type ScenarioMetric } from "../scenario-run.js";
import { precisionRecall } from "./ai-filter-metric.js";

/** Our topic id → the scenario words (lower case) it stands for. */
export const TOPIC_WORDS: Readonly<Record<string, readonly string[]>> = {
  openai: ["openai"],
  anthropic: ["anthropic"],
  google: ["google", "google deepmind", "deepmind"],
  meta: ["meta"],
  microsoft: ["microsoft"],
  "open-weights": ["open-weight models", "open source"],
  llms: ["assistants", "chatbots", "model launch"],
  "image-generation": ["image generation"],
  "video-generation": ["video generation"],
  audio: ["audio", "music"],
  agents: ["agents"],
  research: ["research", "open science", "science"],
  chips: ["chips", "infrastructure", "nvidia"],
  robotics: ["robotics", "humanoids", "autonomous vehicles"],
  policy: ["policy & regulation", "policy", "us congress", "us states", "eu", "courts", "legal"],
  safety: ["safety", "security", "deepfakes"],
  labour: ["labour & creative work", "jobs", "copyright & training data"],
  business: ["funding & business", "investment", "deals", "earnings"],
};

export const topicMetric: ScenarioMetric = {
  name: "topics",
  measure(run): MetricReport {
    const inScope = new Set(Object.values(TOPIC_WORDS).flat());
    let tp = 0;
    let fp = 0;
    let hit = 0;
    let gold = 0;
    for (const item of run.items) {
      if (!isCurrent(item, run)) continue;
      const story = run.stories.get(run.storyOf.get(run.itemIds.get(item.id) ?? "") ?? "");
      const tags = story ? [...selectingTopics(story)] : [];
      const words = new Set(item.topics.map((w) => w.toLowerCase()));
      for (const tag of tags) {
        const stands = TOPIC_WORDS[tag];
        if (!stands) continue; // a community's own topic: not judged here
        if (stands.some((w) => words.has(w))) tp++;
        else fp++;
      }
      for (const w of words) {
        if (!inScope.has(w)) continue;
        gold++;
        if (tags.some((t) => TOPIC_WORDS[t]?.includes(w))) hit++;
      }
    }
    const pr = precisionRecall(tp, fp, 0);
    const recall = gold ? hit / gold : 1;
    return {
      name: "topics",
      figures: { precision: pr.precision, recall },
      lines: [`topics: precision ${pr.precision.toFixed(3)} (${tp}/${tp + fp} tags)  recall ${recall.toFixed(3)} (${hit}/${gold} editor's words in scope)`],
    };
  },
};
