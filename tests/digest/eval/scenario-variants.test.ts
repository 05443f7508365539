import { describe, expect, it } from "vitest";
import type { EventRow } from "../../../src/digest/eval/metrics/clustering-metric.js";
import type { ScenarioItem } from "../../../src/digest/eval/scenario-file.js";
import type { MetricReport } from "../../../src/digest/eval/scenario-run.js";
import {
  defaultVariants,
  jitterTimes,
  leaveOneOutletOut,
  summariseVariants,
  summaryLine,
  variantFigures,
  variantLine,
  VariantFiguresError,
  type VariantFigures,
} from "../../../src/digest/eval/scenario-variants.js";

function item(k: number, source: string, published: string | null, story = "e1"): ScenarioItem {
  return {
    id: `i${k}`,
    story,
    source,
    url: `https://${source.toLowerCase()}.example/${k}`,
    published: published === null ? null : Date.parse(published),
    title: `headline ${k}`,
    summary: "",
    ai: true,
    topics: [],
    followupOf: null,
    line: k,
  };
}

const ITEMS: ScenarioItem[] = [
  item(0, "A", "2024-05-13T09:00:00Z"),
  item(1, "B", "2024-05-13T10:00:00Z"),
  item(2, "A", null),
  item(3, "C", "2024-05-13T11:30:00Z"),
  item(4, "B", "2022-05-11T19:00:00Z", "old"),
  item(5, "D", null),
];

describe("leaveOneOutletOut", () => {
  it("gives one variant per outlet without that outlet's items, the rest untouched", () => {
    const variants = leaveOneOutletOut(ITEMS);
    // D's removal leaves dated items; every outlet gives a variant.
    expect(variants.map((v) => v.label)).toEqual(["drop A", "drop B", "drop C", "drop D"]);
    const dropB = variants[1]!;
    expect(dropB.items.map((i) => i.id)).toEqual(["i0", "i2", "i3", "i5"]);
    expect(dropB.items.every((i) => i.source !== "B")).toBe(true);
    expect(dropB.items[0]).toEqual(ITEMS[0]);
  });

  it("skips an outlet whose removal leaves no dated item to replay", () => {
    const only = [item(0, "A", "2024-05-13T09:00:00Z"), item(1, "U", null)];
    expect(leaveOneOutletOut(only).map((v) => v.label)).toEqual(["drop U"]);
  });
});

describe("jitterTimes", () => {
  const many = Array.from({ length: 200 }, (_, k) => item(k, `S${k % 7}`, k % 10 === 0 ? null : new Date(Date.parse("2024-05-13T00:00:00Z") + k * 600_000).toISOString()));

  it("moves every dated item within ±maxMinutes, leaves undated items null and the rest as it was", () => {
    const v = jitterTimes(many, 3, 45);
    expect(v.label).toBe("jitter ±45m s3");
    expect(v.items).toHaveLength(many.length);
    let moved = 0;
    let maxOffset = 0;
    for (const [k, j] of v.items.entries()) {
      const o = many[k]!;
      expect({ ...j, published: null }).toEqual({ ...o, published: null });
      if (o.published === null) {
        expect(j.published).toBeNull();
        continue;
      }
      const offset = Math.abs((j.published as number) - o.published);
      expect(offset).toBeLessThanOrEqual(45 * 60_000);
      expect(Number.isInteger(j.published)).toBe(true);
      maxOffset = Math.max(maxOffset, offset);
      if (offset > 0) moved++;
    }
    expect(moved).toBeGreaterThan(170);
    // Uniform over ±45 min: 180 draws reach well past half the span.
    expect(maxOffset).toBeGreaterThan(40 * 60_000);
    // The input is not modified.
    expect(many[1]!.published).toBe(Date.parse("2024-05-13T00:10:00Z"));
  });

  it("is the same for a seed and different for another", () => {
    const times = (seed: number) => jitterTimes(many, seed, 45).items.map((i) => i.published);
    expect(times(1)).toEqual(times(1));
    expect(times(2)).not.toEqual(times(1));
    const offsets = (seed: number) => jitterTimes(many, seed, 45).items.map((i, k) => (i.published === null ? 0 : i.published - many[k]!.published!));
    // Not one offset shared by every item either: each draw is its own.
    expect(new Set(offsets(4)).size).toBeGreaterThan(150);
  });

  it("moves offsets both ways", () => {
    const offsets = jitterTimes(many, 5, 45).items.flatMap((i, k) => (i.published === null ? [] : [i.published - many[k]!.published!]));
    expect(offsets.some((o) => o < 0)).toBe(true);
    expect(offsets.some((o) => o > 0)).toBe(true);
  });
});

describe("defaultVariants", () => {
  it("is every outlet left out, then jitter ±45 min with seeds 1 to 5", () => {
    expect(defaultVariants(ITEMS).map((v) => v.label)).toEqual([
      "drop A",
      "drop B",
      "drop C",
      "drop D",
      "jitter ±45m s1",
      "jitter ±45m s2",
      "jitter ±45m s3",
      "jitter ±45m s4",
      "jitter ±45m s5",
    ]);
  });
});

function row(event: string, o: Partial<EventRow> = {}): EventRow {
  return { event, items: 4, outlets: 4, outletsInMain: 4, stories: 1, outside: [], intruders: [], background: 0, ...o };
}

function reports(c: Record<string, number>, f: Record<string, number>, a: Record<string, number>, rows: EventRow[]): MetricReport[] {
  return [
    { name: "clustering", figures: c, lines: [], details: rows },
    { name: "ai-filter", figures: a, lines: [] },
    { name: "follow-ups", figures: f, lines: [] },
  ];
}

describe("variantFigures", () => {
  it("reads the metrics' figures and lists split, intruded and background-holding events", () => {
    const r = variantFigures(
      "drop X",
      reports(
        { bcubedF1: 0.9, bcubedPrecision: 0.95, eventsWhole: 9, eventsWith4Outlets: 11, hardNegativesPulledIn: 3 },
        { followUpPrecision: 1, followUpRecall: 0.75, representedAsNew: 1 },
        { precision: 0.99, recall: 0.98 },
        [
          row("e01"),
          row("e02", { stories: 2, outside: ["e02-3", "e02-4"] }),
          row("e03", { intruders: ["x01-1", "x02-1"] }),
          row("e04", { stories: 2, outside: ["e04-1"], intruders: ["e09-2"] }),
          row("e05", { background: 2 }),
        ],
      ),
    );
    expect(r).toEqual({
      label: "drop X",
      bcubedF1: 0.9,
      bcubedPrecision: 0.95,
      eventsWhole: 9,
      eventsWith4Outlets: 11,
      followUpPrecision: 1,
      followUpRecall: 0.75,
      representedAsNew: 1,
      aiPrecision: 0.99,
      aiRecall: 0.98,
      hardNegativesPulledIn: 3,
      eventsIntruded: 2,
      defects: ["e02:e02-3+e02-4", "e03:!x01-1+x02-1", "e04:e04-1!e09-2", "e05:~bg2"],
    });
    expect(variantLine(r)).toBe(
      "drop X                 F1 0.900 P 0.950 whole 9/11 fu 1.00/0.75 rep 1 ai 0.990/0.980 | e02:e02-3+e02-4 e03:!x01-1+x02-1 e04:e04-1!e09-2 e05:~bg2",
    );
  });

  it("refuses reports missing a figure instead of reading it as 0", () => {
    const missing = reports({ bcubedF1: 1 }, {}, {}, []);
    expect(() => variantFigures("s1", missing)).toThrow(VariantFiguresError);
    expect(() => variantFigures("s1", missing)).toThrow(/variant 's1'.*bcubedPrecision/);
    const clustering = { bcubedF1: 1, bcubedPrecision: 1, eventsWhole: 1, eventsWith4Outlets: 1, hardNegativesPulledIn: 0 };
    expect(() => variantFigures("s1", reports(clustering, {}, {}, []).slice(0, 1))).toThrow(/'follow-ups' report/);
  });
});

function figures(label: string, f1: number, o: Partial<VariantFigures> = {}): VariantFigures {
  return {
    label,
    bcubedF1: f1,
    bcubedPrecision: 1,
    eventsWhole: 12,
    eventsWith4Outlets: 12,
    followUpPrecision: 1,
    followUpRecall: 1,
    representedAsNew: 0,
    aiPrecision: 1,
    aiRecall: 1,
    hardNegativesPulledIn: 0,
    eventsIntruded: 0,
    defects: [],
    ...o,
  };
}

describe("summariseVariants", () => {
  it("averages F1, whole events and follow-ups, sums intrusions and names the lowest F1", () => {
    const s = summariseVariants([
      figures("drop A", 0.9, { eventsWhole: 10, eventsWith4Outlets: 11, followUpPrecision: 0.5, followUpRecall: 0.8, eventsIntruded: 1, hardNegativesPulledIn: 2 }),
      figures("drop B", 0.8, { eventsWhole: 11, followUpRecall: 0.6 }),
      figures("jitter s1", 0.8, { eventsWhole: 12, eventsIntruded: 2, hardNegativesPulledIn: 3 }),
      figures("jitter s2", 1.0, { eventsWhole: 7, eventsWith4Outlets: 9, followUpPrecision: 0.9 }),
    ]);
    expect(s.variants).toBe(4);
    expect(s.meanBcubedF1).toBeCloseTo(0.875, 12);
    expect(s.meanEventsWhole).toBe(10);
    expect(s.meanEventsWith4Outlets).toBe(11);
    expect(s.meanFollowUpPrecision).toBeCloseTo(0.85, 12);
    expect(s.meanFollowUpRecall).toBeCloseTo(0.85, 12);
    expect(s.eventsIntruded).toBe(3);
    expect(s.hardNegativesPulledIn).toBe(5);
    // Two variants share the lowest F1: the first is named.
    expect(s.worst).toEqual({ label: "drop B", bcubedF1: 0.8 });
    expect(summaryLine(s)).toBe(
      "variants: n=4, mean F1 0.8750, mean events whole 10.00/11.00, follow-ups P/R 0.850/0.850, intrusions 3 event(s) (5 item(s)), worst drop B (F1 0.800)",
    );
  });

  it("says none for no variants", () => {
    const s = summariseVariants([]);
    expect(s).toMatchObject({ variants: 0, meanBcubedF1: 0, worst: null });
    expect(summaryLine(s)).toMatch(/n=0, .* worst none$/);
  });
});
