import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../../src/core/ports.js";
import { loadBackground } from "../../../src/cli/eval.js";
import { runScenario } from "../../../src/digest/eval/run-scenario.js";
import { parseScenario } from "../../../src/digest/eval/scenario-file.js";
import { measureScenario } from "../../../src/digest/eval/scenario-metrics.js";
import { ensureBuiltinTopics } from "../../../src/digest/seed-topics.js";
import { openStore } from "../../../src/store/open-store.js";

const DEV = fileURLToPath(new URL("../../../../shared/scenarios/ai-events-dev.jsonl", import.meta.url));
const FEEDS = fileURLToPath(new URL("../../../../shared/feeds", import.meta.url));

let store: Store;
beforeEach(async () => {
  store = await openStore("sqlite::memory:");
  await ensureBuiltinTopics(store, new Date(0));
});
afterEach(async () => {
  await store.close();
});

describe("story quality on the labelled AI-news dev scenario", () => {
  // A floor under the figures measured (F1 0.951, 9/12 events whole alone, 0.947, 7/12 with the feeds when written; 0.983, 12/12
  // and 0.980, 11/12 since lone items are placed again on evidence, `evidence-rejoin.ts`), so a
  // change that costs clustering quality fails here and not only in a manual eval run.
  it.runIf(existsSync(DEV))("keeps B-cubed F1 at 0.975 or more and every one of the 12 events whole", async () => {
    const run = await runScenario(store, parseScenario(readFileSync(DEV, "utf8")));
    const clustering = measureScenario(run).find((r) => r.name === "clustering")?.figures ?? {};
    console.log(`AI-news dev: B-cubed F1 ${clustering["bcubedF1"]?.toFixed(3)}, events whole ${clustering["eventsWhole"]}/12`);
    expect(clustering["bcubedF1"]).toBeGreaterThanOrEqual(0.975);
    expect(clustering["eventsWhole"]).toBe(12);
    // No AI story is hidden as "more coverage" of other news of its product line (Gemini, Android:
    // 0.968 when a shared product name was enough), and nothing delivered comes back as new.
    const reports = measureScenario(run);
    expect(reports.find((r) => r.name === "ai-filter")?.figures["recall"]).toBeGreaterThanOrEqual(0.98);
    expect(reports.find((r) => r.name === "follow-ups")?.figures["representedAsNew"]).toBe(0);
    // Issue 11's targets: follow-up precision and recall 0.9 or more.
    const followUps = reports.find((r) => r.name === "follow-ups")?.figures ?? {};
    expect(followUps["followUpPrecision"]).toBeGreaterThanOrEqual(0.9);
    expect(followUps["followUpRecall"]).toBeGreaterThanOrEqual(0.9);
  }, 60_000);

  // With real feeds' items in the same window (other Anthropic, Google, Waymo news) as background.
  it.runIf(existsSync(DEV) && existsSync(FEEDS))("keeps B-cubed F1 at 0.975 or more and 11 of the 12 events whole among real feeds' items", async () => {
    const background = (await loadBackground(FEEDS, new Date())).feeds;
    const run = await runScenario(store, parseScenario(readFileSync(DEV, "utf8")), { background });
    const clustering = measureScenario(run).find((r) => r.name === "clustering")?.figures ?? {};
    console.log(`AI-news dev + feeds: B-cubed F1 ${clustering["bcubedF1"]?.toFixed(3)}, events whole ${clustering["eventsWhole"]}/12`);
    expect(clustering["bcubedF1"]).toBeGreaterThanOrEqual(0.975);
    expect(clustering["eventsWhole"]).toBeGreaterThanOrEqual(11);
    // No event of the scenario becomes an "Update:" of a background story (Waymo's probe of a Waymo
    // link from Hacker News, once joined by the feed's "Score: … Comments: …" template), and the
    // scenario's own developments stay linked (9 of 9; e03-f-2, whose headline names nothing, by its
    // words: `nameless-development.ts`).
    const followUps = measureScenario(run).find((r) => r.name === "follow-ups")?.figures ?? {};
    expect(followUps["followUpPrecision"]).toBeGreaterThanOrEqual(0.9);
    expect(followUps["followUpRecall"]).toBeGreaterThanOrEqual(0.9);
  }, 120_000);
  if (!existsSync(DEV)) console.log(`skipping the dev scenario check: ${DEV} is absent`);
});
