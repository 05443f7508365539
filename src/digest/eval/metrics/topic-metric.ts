/**
 * Topic tags per item, through real clustering: an item's tags are the topics of its final story that
 * select it for a topic's digest (`selectingTopics`: its strongest three with confidence ≥
 * MATCH_TOPIC_CONFIDENCE), since that is what a reader meets. The editor's free-text words become
 * catalogue ids through the one shared mapping (`TOPIC_WORDS` in `quality/topic-labels.ts`, which says
 * why each word maps where it does); words no topic of ours stands for are out of scope.
 *
 * Counted over (item, topic) pairs, so two words for one topic ("policy & regulation", "US Congress")
 * are one expected tag, as in the per-story figure.
 * Precision: of (item, tag) pairs, those whose item's words stand for the tag (every item: a tag on a
 * non-AI item that landed in an AI story is a wrong tag a reader sees).
 * Recall: of (AI item, expected topic) pairs, those the item's story carries. Only AI items (`ai: true`)
 * are expected to carry a topic: the catalogue is of AI topics, and a non-AI story ("Google patches a
 * Chrome zero-day", "Walmart cuts jobs") gets none by design (see `topic-catalog.ts`); that it stays
 * out of the digest is the AI filter's figure.
 *
 * This figure is stricter than the per-labelled-story one (`digest-quality.ts`): a clustering mistake
 * costs tags here, and every item inherits its story's tags while its editor tagged it alone (one
 * report of a launch is tagged "funding & business", its siblings are not), so a story's right tag is
 * a miss on some of its items and a false positive on others.
 */
import { selectingTopics } from "../../select-stories.js";
import { labelTopics, SCORED_TOPICS } from "../../quality/topic-labels.js";
import { isCurrent, type MetricReport, type ScenarioMetric } from "../scenario-run.js";
import { precisionRecall } from "./ai-filter-metric.js";

export { TOPIC_WORDS } from "../../quality/topic-labels.js";

export const topicMetric: ScenarioMetric = {
  name: "topics",
  measure(run): MetricReport {
    let tp = 0;
    let fp = 0;
    let hit = 0;
    let gold = 0;
    for (const item of run.items) {
      if (!isCurrent(item, run)) continue;
      const story = run.stories.get(run.storyOf.get(run.itemIds.get(item.id) ?? "") ?? "");
      // A community's own topic is not judged here.
      const tags = story ? [...selectingTopics(story)].filter((t) => SCORED_TOPICS.has(t)) : [];
      const expected = labelTopics(item.topics);
      for (const tag of tags) {
        if (expected.has(tag)) tp++;
        else fp++;
      }
      if (!item.ai) continue;
      gold += expected.size;
      for (const t of expected) if (tags.includes(t)) hit++;
    }
    const pr = precisionRecall(tp, fp, 0);
    const recall = gold ? hit / gold : 1;
    return {
      name: "topics",
      figures: { precision: pr.precision, recall },
      lines: [
        `topics per item (real clustering; each item carries its story's tags): precision ${pr.precision.toFixed(3)} (${tp}/${tp + fp} tags)  recall ${recall.toFixed(3)} (${hit}/${gold} topics the editors gave AI items)`,
      ],
    };
  },
};
