/**
 * Clustering against the `story` labels: B-cubed precision/recall/F1 and ARI over the scenario's
 * items, and per event with 3+ items: the outlets in its main story (the story holding most of its
 * items) out of the outlets covering it, and the items of other events (hard negatives) or of the
 * background pulled into that main story. The target: every event with 4+ outlets is one story
 * with nothing else inside.
 */
import { scoreClustering } from "../../stories/cluster-metrics.js";
import type { MetricReport, ScenarioMetric, ScenarioRun } from "../scenario-run.js";

export interface EventRow {
  event: string;
  items: number;
  outlets: number;
  outletsInMain: number;
  /** Stories its items ended in. */
  stories: number;
  /** Scenario ids of its items outside the main story (what to look at when it split). */
  outside: string[];
  /** Scenario ids of other events' items inside the main story. */
  intruders: string[];
  /** Background items inside the main story. */
  background: number;
}

export function eventRows(run: ScenarioRun): EventRow[] {
  const storyOfScenario = (id: string): string => run.storyOf.get(run.itemIds.get(id) ?? "") ?? `none:${id}`;
  const byEvent = new Map<string, typeof run.items>();
  for (const item of run.items) byEvent.set(item.story, [...(byEvent.get(item.story) ?? []), item]);
  const membersOf = new Map<string, string[]>();
  for (const item of run.items) {
    const s = storyOfScenario(item.id);
    membersOf.set(s, [...(membersOf.get(s) ?? []), item.id]);
  }
  const backgroundIn = new Map<string, number>();
  for (const id of run.background.keys()) {
    const s = run.storyOf.get(id);
    if (s) backgroundIn.set(s, (backgroundIn.get(s) ?? 0) + 1);
  }
  const rows: EventRow[] = [];
  for (const [event, items] of byEvent) {
    if (items.length < 3) continue;
    const count = new Map<string, number>();
    for (const item of items) count.set(storyOfScenario(item.id), (count.get(storyOfScenario(item.id)) ?? 0) + 1);
    // Between stories holding as many of its items, the one with the event's first item in the file:
    // story ids are random, and a tie broken by them made the per-event lines differ run to run.
    const first = new Map<string, number>();
    for (const item of items) first.set(storyOfScenario(item.id), Math.min(first.get(storyOfScenario(item.id)) ?? item.line, item.line));
    const main = [...count.entries()].sort((a, b) => b[1] - a[1] || (first.get(a[0]) ?? 0) - (first.get(b[0]) ?? 0))[0]?.[0] ?? "";
    const inMain = items.filter((i) => storyOfScenario(i.id) === main);
    const byId = new Map(run.items.map((i) => [i.id, i]));
    rows.push({
      event,
      items: items.length,
      outlets: new Set(items.map((i) => i.source)).size,
      outletsInMain: new Set(inMain.map((i) => i.source)).size,
      stories: count.size,
      outside: items.filter((i) => storyOfScenario(i.id) !== main).map((i) => i.id),
      intruders: (membersOf.get(main) ?? []).filter((id) => byId.get(id)?.story !== event),
      background: backgroundIn.get(main) ?? 0,
    });
  }
  return rows.sort((a, b) => a.event.localeCompare(b.event));
}

export const clusteringMetric: ScenarioMetric = {
  name: "clustering",
  measure(run): MetricReport {
    const predicted = run.items.map((i) => run.storyOf.get(run.itemIds.get(i.id) ?? "") ?? `none:${i.id}`);
    const s = scoreClustering(
      predicted,
      run.items.map((i) => i.story),
    );
    const rows = eventRows(run);
    const big = rows.filter((r) => r.outlets >= 4);
    const whole = big.filter((r) => r.stories === 1 && r.intruders.length === 0 && r.background === 0);
    const f = (x: number): string => x.toFixed(3);
    const lines = [
      `items ${s.items}, stories ${s.predictedClusters} (labelled ${s.trueClusters})`,
      `B-cubed precision ${f(s.bcubedPrecision)}  recall ${f(s.bcubedRecall)}  F1 ${f(s.bcubedF1)}  ARI ${f(s.ari)}`,
      `events with 4+ outlets that are exactly one story with nothing else inside: ${whole.length}/${big.length}`,
      ...rows.map((r) => {
        const extra = [
          r.stories > 1 ? `split into ${r.stories} stories; elsewhere: ${r.outside.join(", ")}` : "",
          r.intruders.length ? `pulled in ${r.intruders.join(", ")}` : "",
          r.background ? `pulled in ${r.background} background item(s)` : "",
        ].filter(Boolean);
        return `  ${r.event.padEnd(8)} outlets in main story ${r.outletsInMain}/${r.outlets}${extra.length ? `  (${extra.join("; ")})` : ""}`;
      }),
    ];
    return {
      name: "clustering",
      figures: {
        bcubedPrecision: s.bcubedPrecision,
        bcubedRecall: s.bcubedRecall,
        bcubedF1: s.bcubedF1,
        ari: s.ari,
        stories: s.predictedClusters,
        eventsWhole: whole.length,
        eventsWith4Outlets: big.length,
        hardNegativesPulledIn: rows.reduce((n, r) => n + r.intruders.length, 0),
      },
      lines,
      details: rows,
    };
  },
};
