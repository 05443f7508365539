/**
 * Developing stories (issue 11), two figures:
 *
 * - Follow-up precision/recall against `followup_of`, per item: an item is predicted a follow-up of
 *   event E when its final story is linked as a follow-up to an earlier story whose items are mostly
 *   labelled E (or E's own follow-ups: a development of a development still develops E).
 * - Delivered stories re-presented as new over the simulated days (must be 0): a story a daily
 *   digest shows as new (not as an update) whose event an earlier digest already showed. Its event is
 *   the label most of its labelled items carry; background items have none.
 */
import type { ScenarioItem } from "../scenario-file.js";
import type { MetricReport, ScenarioMetric, ScenarioRun } from "../scenario-run.js";

/** What a link to a story without labelled items (a background feed's) predicts. */
const OUTSIDE = "(a story outside the scenario)";

/** "e05-f" → "e05": the event a follow-up develops. */
const baseEvent = (story: string): string => story.replace(/-f$/, "");

function majority(labels: readonly string[]): string | null {
  const counts = new Map<string, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  let best: string | null = null;
  let n = 0;
  for (const [l, c] of counts) if (c > n) [best, n] = [l, c];
  return best;
}

export function measureFollowUps(run: ScenarioRun): MetricReport {
  const labelOf = new Map<string, ScenarioItem>();
  for (const item of run.items) {
    const id = run.itemIds.get(item.id);
    if (id) labelOf.set(id, item);
  }
  const membersOf = new Map<string, string[]>();
  for (const [itemId, storyId] of run.storyOf) {
    const item = labelOf.get(itemId);
    if (!item) continue;
    let list = membersOf.get(storyId);
    if (!list) membersOf.set(storyId, (list = []));
    list.push(item.story);
  }
  const eventOf = (storyId: string): string | null => majority(membersOf.get(storyId) ?? []);

  let tp = 0;
  let fp = 0;
  let fn = 0;
  const mistakes: string[] = [];
  for (const item of run.items) {
    const storyId = run.storyOf.get(run.itemIds.get(item.id) ?? "");
    // More coverage of a follow-up is part of that follow-up: resolve "same" links first.
    let link = storyId ? run.links?.get(storyId) : undefined;
    for (let hop = 0; link?.kind === "same" && hop < 8; hop++) link = run.links?.get(link.earlierStoryId);
    // A follow-up of a story no labelled item is in (a background feed's) is a follow-up all the same:
    // a wrong one for any item of the scenario, which the reader would see as an update of other news.
    const predicted = link?.kind === "followup" ? (eventOf(link.earlierStoryId) ?? OUTSIDE) : null;
    const predictedBase = predicted ? baseEvent(predicted) : null;
    const truth = item.followupOf ?? null;
    if (truth !== null && predictedBase === truth) tp++;
    else {
      if (predictedBase !== null) fp++;
      if (truth !== null) fn++;
      // A follow-up clustering merged into its event's story cannot be linked: say so, it is not the linker's miss.
      const merged = truth !== null && storyId !== undefined && eventOf(storyId) === truth;
      if (predictedBase !== null || truth !== null) {
        mistakes.push(`${item.id} (labelled ${truth ?? "none"}, linked ${predictedBase ?? "none"}${merged ? "; clustering merged it into its event's story" : ""})`);
      }
    }
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);

  const shown = new Set<string>();
  const represented: string[] = [];
  let updates = 0;
  let moreCoverage = 0;
  for (const d of run.digests) {
    moreCoverage += d.moreCoverage ?? 0;
    const today = new Set<string>();
    for (const s of d.stories) {
      const event = majority(s.itemIds.flatMap((id) => labelOf.get(id)?.story ?? []));
      if (s.followUp?.kind === "update") updates++;
      else if (event && shown.has(event)) represented.push(`${event} (${s.story.title.slice(0, 60)})`);
      if (event) today.add(event);
    }
    for (const e of today) shown.add(e);
  }
  const f = (x: number) => x.toFixed(3);
  return {
    name: "follow-ups",
    figures: { followUpPrecision: precision, followUpRecall: recall, followUpItems: tp + fn, representedAsNew: represented.length, updates, moreCoverage },
    lines: [
      `follow-ups: precision ${f(precision)}  recall ${f(recall)}  (${tp} of ${tp + fn} follow-up items linked to their event, ${fp} linked wrongly)`,
      ...mistakes.map((m) => `  ${m}`),
      `delivered stories re-presented as new: ${represented.length}${represented.length ? `: ${represented.join("; ")}` : ""} (${updates} shown as updates, ${moreCoverage} left out as more coverage)`,
    ],
    details: { mistakes, represented },
  };
}

export const followUpMetric: ScenarioMetric = { name: "follow-ups", measure: measureFollowUps };
