/**
 * Peak memory of hostile feeds (issue 14): each case of ingest-memory-case.ts is read by readFeed in
 * a fresh process; the figure is the growth of peak RSS above the baseline taken after building the
 * input. Target: ≤ 64 MB for any feed under the default FEED_MAX_BYTES (5 MB), and no crash.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { CASES } from "./ingest-memory-case.js";
import { verdict } from "./verdict.js";

export async function run(): Promise<void> {
  const script = fileURLToPath(new URL("./ingest-memory-case.ts", import.meta.url));
  let worst = 0;
  for (const name of Object.keys(CASES)) {
    const out = execFileSync(process.execPath, ["--expose-gc", "--import", "tsx", script, name], { encoding: "utf8", timeout: 120_000 });
    const r = JSON.parse(out.trim().split("\n").at(-1)!) as { name: string; bytes: number; peakAboveBaselineMb: number; outcome: string };
    console.log(`${r.name}: ${(r.bytes / 1024 / 1024).toFixed(1)} MB in, peak +${r.peakAboveBaselineMb.toFixed(1)} MB, ${r.outcome}`);
    worst = Math.max(worst, r.peakAboveBaselineMb);
  }
  await Promise.resolve();
  verdict("hostile feed peak memory above baseline (worst case)", worst, 64, { better: "lower", unit: "MB", digits: 1 });
}
