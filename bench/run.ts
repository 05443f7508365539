/**
 * `npm run bench [filter]`: runs every bench/*.bench.ts (or those whose name contains the filter),
 * one after another so they do not compete for the two cores, and prints their figures, then a
 * summary of every target's verdict. Exits 1 when a target was missed or a bench threw, so a miss
 * is visible to whoever runs it (CI included).
 */
import { readdirSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { errored, recordedVerdicts, setCurrentBench, type Verdict } from "./verdict.js";

const dir = fileURLToPath(new URL(".", import.meta.url));
const filter = process.argv[2] ?? "";
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts") && f.includes(filter))
  .sort();

const cores = availableParallelism();
const fmtLoad = (l: number[]) => l.map((x) => x.toFixed(2)).join(", ");
const loadStart = loadavg();
// 1-minute load sampled between benches: a busy machine mid-run skews wall-time figures too.
let peakLoad = loadStart[0] ?? 0;
console.log(`machine: ${cores} cores; load average (1, 5, 15 min) at start: ${fmtLoad(loadStart)}`);

for (const f of files) {
  const name = f.replace(/\.bench\.ts$/, "");
  console.log(`\n=== ${name} ===`);
  setCurrentBench(name);
  const started = performance.now();
  try {
    const mod = (await import(new URL(f, import.meta.url).href)) as { run: () => Promise<void> };
    await mod.run();
  } catch (err) {
    errored(name, err instanceof Error ? err.message : String(err));
    console.error(`bench ${f} failed:`, err);
  }
  console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
  peakLoad = Math.max(peakLoad, loadavg()[0] ?? 0);
}
if (files.length === 0) console.log(`no benchmark matches '${filter}'`);

const verdicts = recordedVerdicts();
const loadEnd = loadavg();
printSummary(verdicts);
console.log(`\nload average (1, 5, 15 min): start ${fmtLoad(loadStart)}; end ${fmtLoad(loadEnd)}; peak 1-min between benches ${peakLoad.toFixed(2)}; cores ${cores}`);
// 1-minute figures only: the 5- and 15-minute ones at the start mostly describe work before this run.
const worst = Math.max(loadStart[0] ?? 0, loadEnd[0] ?? 0, peakLoad);
if (worst > cores) {
  console.log(`WARNING: 1-minute load average ${worst.toFixed(2)} exceeded the ${cores} cores: other work competed for the CPU, so wall-time figures (and their verdicts) are unreliable; rerun on a quiet machine.`);
}
const missed = verdicts.filter((v) => v.status === "MISS" || v.status === "ERROR");
const count = (s: Verdict["status"]) => verdicts.filter((v) => v.status === s).length;
console.log(`verdicts: ${count("PASS")} pass, ${count("MISS")} miss, ${count("SKIP")} skipped, ${count("ERROR")} bench error(s)`);
process.exit(missed.length > 0 ? 1 : 0);

function printSummary(list: readonly Verdict[]): void {
  console.log("\n=== summary ===");
  if (list.length === 0) {
    console.log("no targets were checked");
    return;
  }
  const rows = list.map((v) => [
    v.status,
    v.bench,
    v.label,
    v.status === "SKIP" || v.status === "ERROR" ? (v.note ?? "") : `${v.shown.value}${v.unit ? ` ${v.unit}` : ""}`,
    v.status === "SKIP" || v.status === "ERROR" ? "" : `${v.shown.target}${v.unit ? ` ${v.unit}` : ""}`,
    v.shown.ratio,
  ]);
  const header = ["", "bench", "check", "measured", "target", "ratio"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ").trimEnd();
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}
