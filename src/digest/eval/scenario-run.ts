/** What a scenario run produced, as every scenario metric sees it (see `scenario-metrics.ts`). */
import type { Story } from "../../core/types.js";
import type { ScenarioItem } from "./scenario-file.js";

/** One simulated daily digest for a channel that follows no topic (every story with a topic). */
export interface ScenarioDigest {
  /** When it was built (the end of a scenario day, UTC). */
  at: number;
  /** Selected stories, best first, with their member item ids at that time. */
  stories: { story: Story; itemIds: string[]; followUp?: { kind: "update" | "follows"; earlierStoryId: string } }[];
  /** Stories left out as more coverage of a story already delivered. */
  moreCoverage?: number;
  /** Their ids and member item ids at the time (the reader has their story already). */
  coverage?: { storyId: string; itemIds: string[] }[];
}

export interface ScenarioRun {
  items: readonly ScenarioItem[];
  /** Scenario item id → stored item id. */
  itemIds: ReadonlyMap<string, string>;
  /** Stored item id → final story id (after every merge). */
  storyOf: ReadonlyMap<string, string>;
  /** Final stories by id. */
  stories: ReadonlyMap<string, Story>;
  /** Background items loaded alongside (not labelled), by stored item id → feed title. */
  background: ReadonlyMap<string, string>;
  digests: readonly ScenarioDigest[];
  /** The scenario's days: [start, end) in epoch ms, UTC midnight to midnight. */
  window: { start: number; end: number };
  /** When each scenario item was first seen (epoch ms), by scenario id. */
  firstSeen: ReadonlyMap<string, number>;
  /** Final story links (story id → earlier story id and kind), for the follow-up metric. */
  links?: ReadonlyMap<string, { earlierStoryId: string; kind: "followup" | "same" }>;
}

/** One block of figures: `figures` for --json and bench, `lines` for people. */
export interface MetricReport {
  name: string;
  figures: Record<string, number>;
  lines: string[];
  /** Details for --json (per-event rows, mistakes …). */
  details?: unknown;
}

/** A scenario metric: a pure function of the run. Add new ones to `SCENARIO_METRICS`. */
export interface ScenarioMetric {
  name: string;
  measure(run: ScenarioRun): MetricReport;
}

/** An item "of the scenario's days": dated inside the window (not undated, not re-surfacing old news). */
export function isCurrent(item: ScenarioItem, run: Pick<ScenarioRun, "window">): boolean {
  return item.published !== null && item.published >= run.window.start - 86_400_000 && item.published < run.window.end;
}
