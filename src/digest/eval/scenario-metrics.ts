/**
 * Every figure `newsdesk eval scenarios` prints, in order. A metric is a leaf (`metrics/*.ts`, a pure
 * function of the run); to add one (follow-ups, ranking agreement …), write the leaf and list it here.
 */
import { aiFilterMetric } from "./metrics/ai-filter-metric.js";
import { clusteringMetric } from "./metrics/clustering-metric.js";
import { stalenessMetric } from "./metrics/staleness-metric.js";
import { topicMetric } from "./metrics/topic-metric.js";
import type { MetricReport, ScenarioMetric, ScenarioRun } from "./scenario-run.js";

export const SCENARIO_METRICS: readonly ScenarioMetric[] = [clusteringMetric, aiFilterMetric, topicMetric, stalenessMetric];

export function measureScenario(run: ScenarioRun, metrics: readonly ScenarioMetric[] = SCENARIO_METRICS): MetricReport[] {
  return metrics.map((m) => m.measure(run));
}
