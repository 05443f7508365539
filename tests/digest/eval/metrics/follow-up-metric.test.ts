import { describe, expect, it } from "vitest";
import { followUpMetric } from "../../../../src/digest/eval/metrics/follow-up-metric.js";
import type { ScenarioItem } from "../../../../src/digest/eval/scenario-file.js";
import type { ScenarioRun } from "../../../../src/digest/eval/scenario-run.js";

const item = (id: string, story: string, followupOf: string | null = null): ScenarioItem => ({
  id,
  story,
  source: `outlet-${id}`,
  url: `https://outlet.example/${id}`,
  published: Date.UTC(2024, 4, 14),
  title: id,
  summary: "",
  ai: true,
  topics: [],
  followupOf,
  line: 0,
});

/** A run whose stored item ids are the scenario ids; `bg` is a background item (no label). */
function run(items: ScenarioItem[], storyOf: Record<string, string>, links: Record<string, { earlierStoryId: string; kind: "followup" | "same" }>): ScenarioRun {
  return {
    items,
    itemIds: new Map(items.map((i) => [i.id, i.id])),
    storyOf: new Map(Object.entries(storyOf)),
    stories: new Map(),
    background: new Map([["bg", "Some feed"]]),
    digests: [],
    window: { start: 0, end: 1 },
    firstSeen: new Map(),
    links: new Map(Object.entries(links)),
  };
}

describe("follow-up metric", () => {
  const items = [item("e1", "e"), item("e2", "e"), item("f1", "e-f", "e"), item("x1", "x")];
  const storyOf = { e1: "S", e2: "S", f1: "F", x1: "X", bg: "B" };

  it("counts a follow-up linked to its event right, and one linked to nothing as missed", () => {
    const linked = followUpMetric.measure(run(items, storyOf, { F: { earlierStoryId: "S", kind: "followup" } })).figures;
    expect(linked).toMatchObject({ followUpPrecision: 1, followUpRecall: 1 });
    const missed = followUpMetric.measure(run(items, storyOf, {})).figures;
    expect(missed).toMatchObject({ followUpPrecision: 1, followUpRecall: 0 });
  });

  it("counts a scenario story linked as a follow-up of a background story as wrong", () => {
    // Readers would see the event as an "Update:" of unrelated news; no label is needed to know that.
    const r = run(items, storyOf, { F: { earlierStoryId: "S", kind: "followup" }, X: { earlierStoryId: "B", kind: "followup" } });
    const report = followUpMetric.measure(r);
    expect(report.figures).toMatchObject({ followUpPrecision: 0.5, followUpRecall: 1 });
    expect(report.lines.join("\n")).toContain("x1 (labelled none, linked (a story outside the scenario))");
  });
});
