/**
 * Benchmark verdicts: each bench states its targets through `verdict()`, which prints one aligned
 * PASS/MISS line and records it so `bench/run.ts` can print a summary and fail the run on a miss.
 */

export type Better = "lower" | "higher";
export type Status = "PASS" | "MISS" | "SKIP" | "ERROR";

export interface VerdictOptions {
  better: Better;
  unit?: string;
  /** Decimals for value and target; by default integers print whole and fractions by magnitude. */
  digits?: number;
}

export interface Verdict {
  bench: string;
  status: Status;
  label: string;
  value: number;
  target: number;
  better: Better;
  unit: string;
  /** value / target; null when the target is 0 (a count that must stay at 0). */
  ratio: number | null;
  /** Formatted value, target and ratio, so the summary prints exactly what the line printed. */
  shown: { value: string; target: string; ratio: string };
  note?: string;
}

// Kept on globalThis so the runner and the benches share one list even if a loader instantiates
// this module twice (tsx resolving "./verdict.js" and "./verdict.ts" to different URLs).
const KEY = Symbol.for("newsdesk.bench.verdicts");
interface Registry {
  bench: string;
  list: Verdict[];
}
function registry(): Registry {
  const g = globalThis as { [KEY]?: Registry };
  g[KEY] ??= { bench: "", list: [] };
  return g[KEY];
}

/** The runner names the bench about to run, so its verdicts are grouped under it. */
export function setCurrentBench(name: string): void {
  registry().bench = name;
}

export function recordedVerdicts(): readonly Verdict[] {
  return registry().list;
}

export function formatNumber(x: number, digits?: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (digits !== undefined) return x.toFixed(digits);
  if (Number.isInteger(x)) return String(x);
  const a = Math.abs(x);
  return x.toFixed(a < 10 ? 3 : a < 1000 ? 1 : 0);
}

const LABEL_WIDTH = 46;

/**
 * Check `value` against `target` (inclusive), print the verdict line and record it.
 * A NaN value (nothing measured) is a MISS. Returns whether the target was met.
 */
export function verdict(label: string, value: number, target: number, opts: VerdictOptions): boolean {
  const pass = opts.better === "lower" ? value <= target : value >= target;
  const ratio = target === 0 ? null : value / target;
  const unit = opts.unit ?? "";
  const shown = {
    value: formatNumber(value, opts.digits),
    target: `${target === 0 && opts.better === "lower" ? "=" : opts.better === "lower" ? "≤" : "≥"} ${Number.isInteger(target) ? target : formatNumber(target, opts.digits)}`,
    ratio: ratio === null ? "–" : ratio.toFixed(2),
  };
  const v: Verdict = { bench: registry().bench, status: pass ? "PASS" : "MISS", label, value, target, better: opts.better, unit, ratio, shown };
  registry().list.push(v);
  const tail = ratio === null ? "" : `; ratio ${shown.ratio}`;
  console.log(`${v.status}  ${`${label}:`.padEnd(LABEL_WIDTH)} ${shown.value}${unit ? ` ${unit}` : ""} (target ${shown.target}${unit ? ` ${unit}` : ""}${tail})`);
  return pass;
}

/** A target that could not be checked (e.g. ../shared absent): shown in the summary, never a failure. */
export function skipped(label: string, reason: string): void {
  const v: Verdict = {
    bench: registry().bench, status: "SKIP", label, value: NaN, target: NaN, better: "lower", unit: "",
    ratio: null, shown: { value: "–", target: "–", ratio: "–" }, note: reason,
  };
  registry().list.push(v);
  console.log(`SKIP  ${`${label}:`.padEnd(LABEL_WIDTH)} ${reason}`);
}

/** A bench that threw: its remaining targets were never checked, which counts as a failure. */
export function errored(bench: string, message: string): void {
  registry().list.push({
    bench, status: "ERROR", label: "bench threw", value: NaN, target: NaN, better: "lower", unit: "",
    ratio: null, shown: { value: "–", target: "–", ratio: "–" }, note: message,
  });
}
