import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../../src/core/ports.js";
import { runScenario } from "../../../src/digest/eval/run-scenario.js";
import { parseScenario } from "../../../src/digest/eval/scenario-file.js";
import { measureScenario } from "../../../src/digest/eval/scenario-metrics.js";
import { ensureBuiltinTopics } from "../../../src/digest/seed-topics.js";
import { openStore } from "../../../src/store/open-store.js";

// The project's own labelled days (scenarios/README.md): stand-ins for the held-out files. Floors a
// little under the figures measured when they were added, so a change that costs quality on days the
// engine was not tuned on fails here, not only in a manual eval run.
const FILES = [
  // Measured at 0.895; 0.909 since summaries' background clauses are no evidence (`backgroundEvents`),
  // 0.921 since fragments merge into the story they are clearly nearest (`nearest-story.ts`).
  { name: "February 2024", path: "ai-events-2024-02.jsonl", f1: 0.915 },
  // Measured at 0.857; the rare words of the articles' addresses (`address-words.ts`) brought it to 0.872,
  // background clauses and undated items kept out of evidence to 0.896, the next-day penalty
  // (`NEXT_DAY_PENALTY`: the Commission's questions on AI fakes out of Gemini's election story) to 0.903,
  // fragments into their nearest story to 0.913.
  { name: "March 2024", path: "ai-events-2024-03.jsonl", f1: 0.905 },
  // Added at F1 0.855; the acronym of a spelled-out name ("DARPA") brought it to 0.880, a story's
  // core names (`coreNames`) to 0.905, fragments into their nearest story to 0.916.
  { name: "April 2024", path: "ai-events-2024-04.jsonl", f1: 0.91 },
];

let store: Store;
beforeEach(async () => {
  store = await openStore("sqlite::memory:");
  await ensureBuiltinTopics(store, new Date(0));
});
afterEach(async () => {
  await store.close();
});

describe("story quality on the project's own labelled days", () => {
  for (const file of FILES) {
    it(`${file.name}: B-cubed F1 at ${file.f1} or more, no stale item as news, no non-AI item shown`, async () => {
      const text = readFileSync(fileURLToPath(new URL(`../../../scenarios/${file.path}`, import.meta.url)), "utf8");
      const reports = new Map(measureScenario(await runScenario(store, parseScenario(text))).map((r) => [r.name, r.figures]));
      const clustering = reports.get("clustering") ?? {};
      console.log(`${file.name}: B-cubed F1 ${clustering["bcubedF1"]?.toFixed(3)}, events whole ${clustering["eventsWhole"]}/${clustering["eventsWith4Outlets"]}`);
      expect(clustering["bcubedF1"]).toBeGreaterThanOrEqual(file.f1);
      expect(reports.get("staleness")?.["presentedAsNews"]).toBe(0);
      expect(reports.get("ai-filter")?.["precision"]).toBe(1);
    }, 60_000);
  }

  // A column on Sora the morning after ("Sixty seconds of fake footage …", a headline naming nothing)
  // came back as a new story although Sora had been delivered (`headlineNameMatch`).
  it("February 2024: the Sora launch's late column is not presented as new", async () => {
    const text = readFileSync(fileURLToPath(new URL("../../../scenarios/ai-events-2024-02.jsonl", import.meta.url)), "utf8");
    const report = measureScenario(await runScenario(store, parseScenario(text))).find((r) => r.name === "follow-ups");
    const represented = (report?.details as { represented?: string[] } | undefined)?.represented ?? [];
    expect(report).toBeDefined();
    expect(represented.filter((e) => e.startsWith("e01 "))).toEqual([]);
  }, 60_000);

  // "A pause worth a thousand words", the morning after OpenAI's CTO could not say what Sora was
  // trained on, names nothing: it is linked to the interview's story by its words
  // (`nameless-development.ts`), through the real store and linker, and to nothing else.
  it("March 2024: a development whose headline names nothing is an update of the story it develops", async () => {
    const text = readFileSync(fileURLToPath(new URL("../../../scenarios/ai-events-2024-03.jsonl", import.meta.url)), "utf8");
    const report = measureScenario(await runScenario(store, parseScenario(text))).find((r) => r.name === "follow-ups");
    const mistakes = (report?.details as { mistakes?: string[] } | undefined)?.mistakes ?? [];
    expect(report?.figures["followUpPrecision"]).toBe(1);
    expect(mistakes.filter((m) => m.startsWith("e04-f-1 "))).toEqual([]);
  }, 60_000);
});
