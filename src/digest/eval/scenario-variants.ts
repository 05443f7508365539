/**
 * Perturbed replays of one labelled scenario, a proxy for how the figures carry over to held-out
 * files (other events, other days): the same file with one outlet left out, or with publication
 * times moved by a few minutes. A decision that hangs on one outlet's wording or on which poll an
 * item falls into shows up as a variant whose figures drop, where the single dev run looks fine.
 *
 * Pure: this module builds the item lists and reads the figures of `measureScenario` reports (the
 * metric definitions stay those of the metrics); running each variant is the caller's (the CLI runs
 * each on its own fresh store).
 */
import type { EventRow } from "./metrics/clustering-metric.js";
import type { ScenarioItem } from "./scenario-file.js";
import type { MetricReport } from "./scenario-run.js";
import { seededRandom } from "../../core/seeded-random.js";

export interface ScenarioVariant {
  /** "drop TechWire", "jitter ±45m s1" … */
  label: string;
  items: ScenarioItem[];
}

const MINUTE = 60_000;

/**
 * One variant per outlet, that outlet's items removed. An outlet whose removal leaves no dated item
 * gives no variant: a scenario without dated items has no days to replay.
 */
export function leaveOneOutletOut(items: readonly ScenarioItem[]): ScenarioVariant[] {
  const out: ScenarioVariant[] = [];
  for (const source of new Set(items.map((i) => i.source))) {
    const kept = items.filter((i) => i.source !== source);
    if (kept.some((i) => i.published !== null)) out.push({ label: `drop ${source}`, items: kept });
  }
  return out;
}

/**
 * Every dated item's publication time moved by a uniform offset within ±maxMinutes drawn from
 * `seed` (whole milliseconds); undated items stay undated. File order (`line`) is kept, as a feed
 * would list them.
 */
export function jitterTimes(items: readonly ScenarioItem[], seed: number, maxMinutes: number): ScenarioVariant {
  const random = seededRandom(seed);
  const span = maxMinutes * MINUTE;
  return {
    label: `jitter ±${maxMinutes}m s${seed}`,
    items: items.map((i) => (i.published === null ? { ...i } : { ...i, published: i.published + Math.round((random() * 2 - 1) * span) })),
  };
}

/** The default set of `eval scenarios --variants`: every outlet left out once, then jitter ±45 min with seeds 1..5. */
export function defaultVariants(items: readonly ScenarioItem[]): ScenarioVariant[] {
  return [...leaveOneOutletOut(items), ...[1, 2, 3, 4, 5].map((seed) => jitterTimes(items, seed, 45))];
}

/** What one variant's run scored, read from its metric reports. */
export interface VariantFigures {
  label: string;
  bcubedF1: number;
  bcubedPrecision: number;
  eventsWhole: number;
  eventsWith4Outlets: number;
  followUpPrecision: number;
  followUpRecall: number;
  representedAsNew: number;
  aiPrecision: number;
  aiRecall: number;
  /** Items of other events inside an event's main story (the clustering metric's figure). */
  hardNegativesPulledIn: number;
  /** Events whose main story holds items of another event. */
  eventsIntruded: number;
  /**
   * Events split, intruded or holding background items, short: `e05:e05-2+e05-3` (items outside its
   * main story), `!x01-1` (other events' items inside it), `~bg2` (background items inside it).
   */
  defects: string[];
}

export interface VariantSummary {
  variants: number;
  meanBcubedF1: number;
  meanEventsWhole: number;
  meanEventsWith4Outlets: number;
  meanFollowUpPrecision: number;
  meanFollowUpRecall: number;
  /** Summed over the variants. */
  eventsIntruded: number;
  hardNegativesPulledIn: number;
  /** The variant with the lowest F1 (the first of equals), or null when there are none. */
  worst: { label: string; bcubedF1: number } | null;
}

export class VariantFiguresError extends Error {
  constructor(label: string, missing: string) {
    super(`variant '${label}': its reports have no ${missing}`);
    this.name = "VariantFiguresError";
  }
}

/** The figures of one run's `measureScenario` reports (a figure that is missing is an error, not a 0). */
export function variantFigures(label: string, reports: readonly MetricReport[]): VariantFigures {
  const report = (name: string): MetricReport => {
    const r = reports.find((x) => x.name === name);
    if (!r) throw new VariantFiguresError(label, `'${name}' report`);
    return r;
  };
  const figure = (name: string, key: string): number => {
    const v = report(name).figures[key];
    if (typeof v !== "number") throw new VariantFiguresError(label, `${name} figure '${key}'`);
    return v;
  };
  const rows = (report("clustering").details ?? []) as EventRow[];
  return {
    label,
    bcubedF1: figure("clustering", "bcubedF1"),
    bcubedPrecision: figure("clustering", "bcubedPrecision"),
    eventsWhole: figure("clustering", "eventsWhole"),
    eventsWith4Outlets: figure("clustering", "eventsWith4Outlets"),
    followUpPrecision: figure("follow-ups", "followUpPrecision"),
    followUpRecall: figure("follow-ups", "followUpRecall"),
    representedAsNew: figure("follow-ups", "representedAsNew"),
    aiPrecision: figure("ai-filter", "precision"),
    aiRecall: figure("ai-filter", "recall"),
    hardNegativesPulledIn: figure("clustering", "hardNegativesPulledIn"),
    eventsIntruded: rows.filter((r) => r.intruders.length > 0).length,
    defects: rows
      .filter((r) => r.stories > 1 || r.intruders.length > 0 || r.background > 0)
      .map((r) => `${r.event}:${r.outside.join("+")}${r.intruders.length ? `!${r.intruders.join("+")}` : ""}${r.background ? `~bg${r.background}` : ""}`),
  };
}

export function summariseVariants(rows: readonly VariantFigures[]): VariantSummary {
  const mean = (pick: (r: VariantFigures) => number): number => (rows.length ? rows.reduce((n, r) => n + pick(r), 0) / rows.length : 0);
  let worst: VariantFigures | null = null;
  for (const r of rows) if (!worst || r.bcubedF1 < worst.bcubedF1) worst = r;
  return {
    variants: rows.length,
    meanBcubedF1: mean((r) => r.bcubedF1),
    meanEventsWhole: mean((r) => r.eventsWhole),
    meanEventsWith4Outlets: mean((r) => r.eventsWith4Outlets),
    meanFollowUpPrecision: mean((r) => r.followUpPrecision),
    meanFollowUpRecall: mean((r) => r.followUpRecall),
    eventsIntruded: rows.reduce((n, r) => n + r.eventsIntruded, 0),
    hardNegativesPulledIn: rows.reduce((n, r) => n + r.hardNegativesPulledIn, 0),
    worst: worst ? { label: worst.label, bcubedF1: worst.bcubedF1 } : null,
  };
}

/** One line per variant, for people. */
export function variantLine(r: VariantFigures, labelWidth = 22): string {
  const f = (x: number, d = 3): string => x.toFixed(d);
  return (
    `${r.label.padEnd(labelWidth)} F1 ${f(r.bcubedF1)} P ${f(r.bcubedPrecision)} whole ${r.eventsWhole}/${r.eventsWith4Outlets}` +
    ` fu ${f(r.followUpPrecision, 2)}/${f(r.followUpRecall, 2)} rep ${r.representedAsNew} ai ${f(r.aiPrecision)}/${f(r.aiRecall)}` +
    (r.defects.length ? ` | ${r.defects.join(" ")}` : "")
  );
}

export function summaryLine(s: VariantSummary): string {
  return (
    `variants: n=${s.variants}, mean F1 ${s.meanBcubedF1.toFixed(4)}, mean events whole ${s.meanEventsWhole.toFixed(2)}/${s.meanEventsWith4Outlets.toFixed(2)},` +
    ` follow-ups P/R ${s.meanFollowUpPrecision.toFixed(3)}/${s.meanFollowUpRecall.toFixed(3)},` +
    ` intrusions ${s.eventsIntruded} event(s) (${s.hardNegativesPulledIn} item(s)),` +
    ` worst ${s.worst ? `${s.worst.label} (F1 ${s.worst.bcubedF1.toFixed(3)})` : "none"}`
  );
}
