/**
 * The AI filter as a reader meets it: an item counts as let through when a daily digest for a
 * channel that follows no topic (which gets every story with a topic) presents the story it is in.
 * Scored against `ai` on the items of the scenario's days (undated and re-surfacing old items are
 * measured by the staleness metric instead: presenting them is wrong whatever their subject).
 */
import { isCurrent, type MetricReport, type ScenarioMetric, type ScenarioRun } from "../scenario-run.js";

/**
 * Stored item ids presented in any digest: members of a presented story at the time, and items that
 * joined a presented story later (the reader has the story; it is not presented twice), directly or
 * through a story it was merged into; so do the items of a story a digest left out as more coverage
 * of one the reader has.
 */
export function presentedItems(run: ScenarioRun): Set<string> {
  const out = new Set<string>();
  const stories = new Set<string>();
  for (const d of run.digests) {
    for (const s of [...d.stories.map((x) => ({ storyId: x.story.id, itemIds: x.itemIds })), ...(d.coverage ?? [])]) {
      stories.add(s.storyId);
      for (const id of s.itemIds) {
        out.add(id);
        // The story its members ended up in (this one, or the one it was merged into).
        const final = run.storyOf.get(id);
        if (final) stories.add(final);
      }
    }
  }
  for (const [item, story] of run.storyOf) if (stories.has(story)) out.add(item);
  return out;
}

export function precisionRecall(tp: number, fp: number, fn: number): { precision: number; recall: number; f1: number } {
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

export const aiFilterMetric: ScenarioMetric = {
  name: "ai-filter",
  measure(run): MetricReport {
    const shown = presentedItems(run);
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const wronglyShown: string[] = [];
    const missed: string[] = [];
    for (const item of run.items) {
      if (!isCurrent(item, run)) continue;
      const passed = shown.has(run.itemIds.get(item.id) ?? "");
      if (passed && item.ai) tp++;
      else if (passed) {
        fp++;
        wronglyShown.push(item.id);
      } else if (item.ai) {
        fn++;
        missed.push(item.id);
      }
    }
    const pr = precisionRecall(tp, fp, fn);
    return {
      name: "ai-filter",
      figures: { precision: pr.precision, recall: pr.recall, f1: pr.f1 },
      lines: [
        `AI filter (reaches a channel following no topic): precision ${pr.precision.toFixed(3)}  recall ${pr.recall.toFixed(3)}  (${tp} right, ${fp} non-AI shown, ${fn} AI missed)`,
        ...(wronglyShown.length ? [`  non-AI shown: ${wronglyShown.join(", ")}`] : []),
        ...(missed.length ? [`  AI missed: ${missed.join(", ")}`] : []),
      ],
      details: { wronglyShown, missed },
    };
  },
};
