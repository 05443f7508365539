/**
 * Story quality on the labelled scenario (`newsdesk eval scenarios`): alone and on top of the
 * background feeds, with the targets. Skips when ../shared is absent.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadBackground } from "../src/cli/eval.js";
import { runScenario } from "../src/digest/eval/run-scenario.js";
import { parseScenario } from "../src/digest/eval/scenario-file.js";
import { measureScenario } from "../src/digest/eval/scenario-metrics.js";
import { defaultVariants, summariseVariants, summaryLine, variantFigures } from "../src/digest/eval/scenario-variants.js";
import { ensureBuiltinTopics } from "../src/digest/seed-topics.js";
import { openStore } from "../src/store/open-store.js";
import { skipped, verdict } from "./verdict.js";

const DEV = fileURLToPath(new URL("../../shared/scenarios/ai-events-dev.jsonl", import.meta.url));
const FEEDS = fileURLToPath(new URL("../../shared/feeds/", import.meta.url));
/** The project's own labelled days (scenarios/README.md): stand-ins for the held-out files. */
const OWN = ["ai-events-2024-02.jsonl", "ai-events-2024-03.jsonl", "ai-events-2024-04.jsonl"].map((f) => fileURLToPath(new URL(`../scenarios/${f}`, import.meta.url)));

export async function run(): Promise<void> {
  await ownScenarios();
  if (!existsSync(DEV)) {
    skipped("scenario clustering", `${DEV} is absent`);
    return;
  }
  const items = parseScenario(readFileSync(DEV, "utf8"));
  for (const mode of ["alone", "with background"] as const) {
    const store = await openStore("sqlite::memory:");
    try {
      await ensureBuiltinTopics(store, new Date(0));
      const background = mode === "alone" ? [] : (await loadBackground(FEEDS, new Date())).feeds;
      const started = performance.now();
      const reports = new Map(measureScenario(await runScenario(store, items, { background })).map((r) => [r.name, r]));
      const ms = performance.now() - started;
      for (const line of reports.get("clustering")?.lines.slice(0, 3) ?? []) console.log(`${mode}: ${line}`);
      const c = reports.get("clustering")?.figures ?? {};
      verdict(`scenario B-cubed F1 (${mode})`, c["bcubedF1"] ?? 0, 0.92, { better: "higher", digits: 3 });
      verdict(`scenario big events whole (${mode})`, c["eventsWhole"] ?? 0, c["eventsWith4Outlets"] ?? 0, { better: "higher" });
      verdict(`scenario stale items as news (${mode})`, reports.get("staleness")?.figures["presentedAsNews"] ?? 0, 0, { better: "lower" });
      verdict(`scenario run time (${mode})`, ms / 1000, 10, { better: "lower", unit: "s", digits: 1 });
    } finally {
      await store.close();
    }
  }
  // The same targets on perturbed copies (`eval scenarios --variants`, alone): each outlet left out,
  // times jittered. A proxy for the held-out files: a figure only the unperturbed file reaches is fitted.
  const rows = [];
  for (const variant of defaultVariants(items)) {
    const store = await openStore("sqlite::memory:");
    try {
      await ensureBuiltinTopics(store, new Date(0));
      rows.push(variantFigures(variant.label, measureScenario(await runScenario(store, variant.items, {}))));
    } finally {
      await store.close();
    }
  }
  const summary = summariseVariants(rows);
  console.log(summaryLine(summary));
  verdict("scenario variants mean B-cubed F1 (alone)", summary.meanBcubedF1, 0.92, { better: "higher", digits: 3 });
  verdict("scenario variants follow-up precision (alone)", summary.meanFollowUpPrecision, 0.9, { better: "higher", digits: 3 });
  verdict("scenario variants follow-up recall (alone)", summary.meanFollowUpRecall, 0.9, { better: "higher", digits: 3 });
}

/** The targets on the project's own days, alone: the same bar as the dev file's. */
async function ownScenarios(): Promise<void> {
  for (const file of OWN) {
    const name = file.slice(file.lastIndexOf("/") + 1).replace(/^ai-events-|\.jsonl$/g, "");
    const store = await openStore("sqlite::memory:");
    try {
      await ensureBuiltinTopics(store, new Date(0));
      const reports = new Map(measureScenario(await runScenario(store, parseScenario(readFileSync(file, "utf8")))).map((r) => [r.name, r.figures]));
      const [c, f] = [reports.get("clustering") ?? {}, reports.get("follow-ups") ?? {}];
      verdict(`scenario ${name} B-cubed F1`, c["bcubedF1"] ?? 0, 0.92, { better: "higher", digits: 3 });
      verdict(`scenario ${name} big events whole`, c["eventsWhole"] ?? 0, c["eventsWith4Outlets"] ?? 0, { better: "higher" });
      verdict(`scenario ${name} follow-up precision`, f["followUpPrecision"] ?? 0, 0.9, { better: "higher", digits: 3 });
      verdict(`scenario ${name} follow-up recall`, f["followUpRecall"] ?? 0, 0.9, { better: "higher", digits: 3 });
      verdict(`scenario ${name} re-presented as new`, f["representedAsNew"] ?? 0, 0, { better: "lower" });
    } finally {
      await store.close();
    }
  }
}
