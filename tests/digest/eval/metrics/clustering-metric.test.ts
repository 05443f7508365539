import { describe, expect, it } from "vitest";
import type { ScenarioItem } from "../../../../src/digest/eval/scenario-file.js";
import type { ScenarioRun } from "../../../../src/digest/eval/scenario-run.js";
import { clusteringMetric, eventRows } from "../../../../src/digest/eval/metrics/clustering-metric.js";

const item = (id: string, story: string, source: string): ScenarioItem => ({
  id,
  story,
  source,
  url: `https://${source}.example/${id}`,
  published: Date.UTC(2024, 4, 13),
  title: id,
  summary: "",
  ai: true,
  topics: [],
  followupOf: null,
  line: 0,
});

/** A run from scenario id → story id, each stored item id equal to its scenario id. */
function run(items: ScenarioItem[], storyOf: Record<string, string>): ScenarioRun {
  return {
    items,
    itemIds: new Map(items.map((i) => [i.id, i.id])),
    storyOf: new Map(Object.entries(storyOf)),
    stories: new Map(),
    background: new Map(),
    digests: [],
    window: { start: 0, end: 1 },
    firstSeen: new Map(),
  };
}

describe("clustering metric", () => {
  const items = [item("a1", "a", "one"), item("a2", "a", "two"), item("a3", "a", "three"), item("a4", "a", "four"), item("b1", "b", "one")];

  it("counts an event whole only when it is one story with nothing else inside", () => {
    const whole = run(items, { a1: "s1", a2: "s1", a3: "s1", a4: "s1", b1: "s2" });
    expect(clusteringMetric.measure(whole).figures["eventsWhole"]).toBe(1);
    const intruded = run(items, { a1: "s1", a2: "s1", a3: "s1", a4: "s1", b1: "s1" });
    expect(clusteringMetric.measure(intruded).figures["eventsWhole"]).toBe(0);
    expect(eventRows(intruded)[0]?.intruders).toEqual(["b1"]);
  });

  it("names the items a split event left outside its main story", () => {
    const split = run(items, { a1: "s1", a2: "s1", a3: "s3", a4: "s1", b1: "s2" });
    const [row] = eventRows(split);
    expect(row).toMatchObject({ event: "a", stories: 2, outlets: 4, outletsInMain: 3, outside: ["a3"] });
    expect(clusteringMetric.measure(split).lines.join("\n")).toContain("split into 2 stories; elsewhere: a3");
  });
});
