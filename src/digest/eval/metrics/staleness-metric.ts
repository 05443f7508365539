/**
 * Undated and old items presented as today's news (must be 0): an item with no date, or dated long
 * before the scenario's days, whose story a daily digest presents while no member of that story is
 * a dated item of the scenario's days. Riding along with fresh coverage of the same event is fine:
 * the story is news because of the others.
 */
import { isCurrent, type MetricReport, type ScenarioMetric } from "../scenario-run.js";

export const stalenessMetric: ScenarioMetric = {
  name: "staleness",
  measure(run): MetricReport {
    const current = new Set(run.items.filter((i) => isCurrent(i, run)).map((i) => run.itemIds.get(i.id)));
    const stale = new Map(run.items.filter((i) => !isCurrent(i, run)).map((i) => [run.itemIds.get(i.id) ?? "", i.id]));
    const presented: string[] = [];
    for (const d of run.digests) {
      for (const s of d.stories) {
        if (s.itemIds.some((id) => current.has(id) || run.background.has(id))) continue;
        for (const id of s.itemIds) {
          const scenarioId = stale.get(id);
          if (scenarioId) presented.push(scenarioId);
        }
      }
    }
    return {
      name: "staleness",
      figures: { staleItems: stale.size, presentedAsNews: presented.length },
      lines: [
        `undated/old items presented as today's news: ${presented.length} (of ${stale.size} undated or old)${presented.length ? `: ${presented.join(", ")}` : ""}`,
      ],
      details: { presented },
    };
  },
};
