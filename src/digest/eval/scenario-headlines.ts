/**
 * A scenario file's items as a labelled headline set, for `newsdesk cluster eval --scenario`: the
 * titles only, as the UCI file has them, each with its outlet, address and time, labelled with its
 * event. Many feeds give titles alone (aggregators, Hacker News once its template is removed), and
 * AI-news headlines share the beat's words ("AI", "model", "open") far more than a general news
 * set does: the replay (`eval scenarios`), where items have summaries, cannot show how the engine
 * groups them. Undated items are left out: a headline set has a time for each item.
 */
import type { LabelledDoc } from "../stories/labelled-csv.js";
import type { ScenarioItem } from "./scenario-file.js";

export function scenarioHeadlines(items: readonly ScenarioItem[]): LabelledDoc[] {
  const out: LabelledDoc[] = [];
  for (const item of items) {
    if (item.published === null) continue;
    out.push({ story: item.story, doc: { id: item.id, title: item.title, time: item.published, source: item.source, url: item.url } });
  }
  return out;
}
