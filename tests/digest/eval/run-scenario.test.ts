import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../../src/core/ports.js";
import { appearanceTimes, runScenario, scenarioWindow } from "../../../src/digest/eval/run-scenario.js";
import type { ScenarioItem } from "../../../src/digest/eval/scenario-file.js";
import { measureScenario } from "../../../src/digest/eval/scenario-metrics.js";
import { ensureBuiltinTopics } from "../../../src/digest/seed-topics.js";
import { openStore } from "../../../src/store/open-store.js";

let n = 0;
function item(story: string, source: string, published: string | null, title: string, o: Partial<ScenarioItem> = {}): ScenarioItem {
  const k = n++;
  return {
    id: `${story}-${k}`,
    story,
    source,
    url: `https://${source.toLowerCase()}.example/${k}`,
    published: published === null ? null : Date.parse(published),
    title,
    summary: "",
    ai: true,
    topics: ["OpenAI"],
    followupOf: null,
    line: k,
    ...o,
  };
}

let store: Store;
beforeEach(async () => {
  store = await openStore("sqlite::memory:");
  await ensureBuiltinTopics(store, new Date(0));
});
afterEach(async () => {
  await store.close();
});

describe("runScenario", () => {
  it("takes the scenario's days from its dated items, ignoring old news", () => {
    const items = [
      item("a", "A", "2024-05-13T10:00:00Z", "x"),
      item("old", "A", "2022-05-13T10:00:00Z", "y"),
      item("b", "B", "2024-05-14T23:00:00Z", "z"),
      item("u", "B", null, "w"),
    ];
    const w = scenarioWindow(items);
    expect(new Date(w.start).toISOString()).toBe("2024-05-13T00:00:00.000Z");
    expect(new Date(w.end).toISOString()).toBe("2024-05-15T00:00:00.000Z");
    const at = appearanceTimes(items, w);
    // Old news re-surfaces at its place in the file; undated items are in the first poll.
    expect(at.get(items[1]!.id)).toBe(Date.parse("2024-05-13T10:00:00Z"));
    expect(at.get(items[3]!.id)).toBe(w.start);
  });

  it("replays items through the real store and engine, and every metric reports", async () => {
    const items = [
      item("e1", "TechWire", "2024-05-13T09:00:00Z", "OpenAI unveils GPT-4o model with voice and vision"),
      item("e1", "Circuit", "2024-05-13T10:00:00Z", "GPT-4o: OpenAI's new model talks, sees and is free"),
      item("e1", "Ledger", "2024-05-13T11:30:00Z", "OpenAI launches GPT-4o, a faster model for ChatGPT"),
      item("e1", "Daily", "2024-05-13T11:40:00Z", "OpenAI's GPT-4o model is free for every ChatGPT user"),
      item("x1", "Ledger", "2024-05-13T12:00:00Z", "Cannes film festival opens with a comedy", { ai: false, topics: ["film"] }),
      item("old", "Circuit", "2022-05-11T19:00:00Z", "Google lets users test its LaMDA 2 chatbot"),
    ];
    const run = await runScenario(store, items);
    expect(run.digests).toHaveLength(1);
    const story = (id: string): string | undefined => run.storyOf.get(run.itemIds.get(id) ?? "");
    expect(story(items[0]!.id)).toBeDefined();
    expect(story(items[1]!.id)).toBe(story(items[0]!.id));
    expect(story(items[3]!.id)).toBe(story(items[0]!.id));
    expect(story(items[4]!.id)).not.toBe(story(items[0]!.id));
    const reports = new Map(measureScenario(run).map((r) => [r.name, r.figures]));
    expect(reports.get("clustering")?.["eventsWhole"]).toBe(1);
    expect(reports.get("clustering")?.["bcubedPrecision"]).toBe(1);
    expect(reports.get("ai-filter")?.["precision"]).toBe(1);
    expect(reports.get("ai-filter")?.["recall"]).toBe(1);
    expect(reports.get("staleness")).toEqual({ staleItems: 1, presentedAsNews: 0 });
    expect(reports.get("topics")?.["precision"]).toBeGreaterThan(0);
  });
});
