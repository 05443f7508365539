import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CliContext } from "../../src/cli/context.js";
import { evalArgsProblem, evalCommand } from "../../src/cli/eval.js";
import type { Config } from "../../src/config.js";
import { silentLogger } from "../../src/core/logger.js";
import type { Store } from "../../src/core/ports.js";

const DEV = new URL("../../../shared/scenarios/ai-events-dev.jsonl", import.meta.url).pathname;
const FEEDS = new URL("../../../shared/feeds/", import.meta.url).pathname;

function context(): { ctx: CliContext; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CliContext = {
    config: { clusterWindowHours: 72 } as unknown as Config,
    // The command opens its own in-memory database and never touches the configured one.
    store: null as unknown as Store,
    logger: silentLogger,
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    now: () => new Date("2026-12-04T12:00:00Z"),
    signal: new AbortController().signal,
  };
  return { ctx, out, err };
}

/** A scenario small enough to replay a dozen times: one event from four outlets, one non-AI item from a fifth. */
function tinyScenario(): string {
  const line = (id: string, story: string, source: string, published: string | null, title: string, ai = true): string =>
    JSON.stringify({ id, story, source, url: `https://${source.toLowerCase()}.example/${id}`, published, title, summary: "", ai, topics: ai ? ["OpenAI"] : [], followup_of: null });
  const file = join(mkdtempSync(join(tmpdir(), "newsdesk-eval-")), "tiny.jsonl");
  writeFileSync(
    file,
    [
      line("e1-1", "e1", "TechWire", "2024-05-13T09:00:00Z", "OpenAI unveils GPT-4o model with voice and vision"),
      line("e1-2", "e1", "Circuit", "2024-05-13T10:00:00Z", "GPT-4o: OpenAI's new model talks, sees and is free"),
      line("e1-3", "e1", "Ledger", "2024-05-13T11:30:00Z", "OpenAI launches GPT-4o, a faster model for ChatGPT"),
      line("e1-4", "e1", "Daily", "2024-05-13T11:40:00Z", "OpenAI's GPT-4o model is free for every ChatGPT user"),
      line("x1-1", "x1", "Arts", "2024-05-13T12:00:00Z", "Cannes film festival opens with a comedy", false),
      line("x2-1", "x2", "Arts", null, "Festival programme announced"),
    ].join("\n") + "\n",
  );
  return file;
}

describe("newsdesk eval scenarios", () => {
  it("refuses a missing file argument and names a bad line", async () => {
    const a = context();
    expect(await evalCommand(["scenarios"], a.ctx)).toBe(2);
    expect(a.err.join("\n")).toMatch(/usage/);
    const dir = mkdtempSync(join(tmpdir(), "newsdesk-eval-"));
    const file = join(dir, "bad.jsonl");
    writeFileSync(file, '{"id": "a"}\n');
    const b = context();
    expect(await evalCommand(["scenarios", file], b.ctx)).toBe(1);
    expect(b.err.join("\n")).toMatch(/line 1: story/);
  });

  it("refuses unknown options and stray arguments, with or without --variants", async () => {
    const file = tinyScenario();
    for (const [extra, message] of [
      [["--variants", "--froce"], /unknown option '--froce' for 'newsdesk eval scenarios'/],
      [["--variants", "3"], /unexpected argument '3'/],
      [["--variants=all"], /option '--variants' takes no value/],
      [["--backgrund", "x"], /unknown option '--backgrund'/],
      [["-v"], /unknown option '-v'/],
    ] as const) {
      const c = context();
      expect(await evalCommand(["scenarios", file, ...extra], c.ctx)).toBe(2);
      expect(c.err.join("\n")).toMatch(message);
      expect(c.out).toEqual([]);
    }
    // Values of options that take one are not arguments, negative numbers included.
    expect(evalArgsProblem(["scenarios", file, "--background", "dir", "--join-threshold", "-0.1", "--variants", "--json"])).toBeNull();
  });

  it("replays a scenario under variants: each outlet left out, then jittered times", async () => {
    const file = tinyScenario();
    const plain = context();
    expect(await evalCommand(["scenarios", file, "--json"], plain.ctx)).toBe(0);
    expect(JSON.parse(plain.out.join("\n"))).not.toHaveProperty("variants");

    const { ctx, out } = context();
    expect(await evalCommand(["scenarios", file, "--variants", "--json"], ctx)).toBe(0);
    type Run = { label: string; bcubedF1: number; eventsWith4Outlets: number };
    const result = JSON.parse(out.join("\n")) as { reports: { name: string }[]; variants: { runs: Run[]; summary: { variants: number; meanBcubedF1: number } } };
    expect(result.reports.map((r) => r.name)).toContain("clustering");
    const labels = ["drop TechWire", "drop Circuit", "drop Ledger", "drop Daily", "drop Arts", ...[1, 2, 3, 4, 5].map((s) => `jitter ±45m s${s}`)];
    expect(result.variants.runs.map((r) => r.label)).toEqual(labels);
    // Each variant ran on its own items: without one of its four outlets the event is no longer a 4-outlet event.
    expect(result.variants.runs.map((r) => r.eventsWith4Outlets)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
    expect(result.variants.summary.variants).toBe(10);
    const mean = result.variants.runs.reduce((n, r) => n + r.bcubedF1, 0) / 10;
    expect(result.variants.summary.meanBcubedF1).toBeCloseTo(mean, 12);

    const text = context();
    expect(await evalCommand(["scenarios", file, "--variants"], text.ctx)).toBe(0);
    const lines = text.out;
    // The normal run's figures first, then one line per variant, then the means.
    expect(lines.findIndex((l) => l.startsWith("B-cubed precision"))).toBeLessThan(lines.findIndex((l) => l.startsWith("variants (10:")));
    const variantLines = lines.filter((l) => /^ {2}(drop|jitter) /.test(l));
    expect(variantLines).toHaveLength(10);
    expect(variantLines[0]).toMatch(/^ {2}drop TechWire +F1 \d\.\d{3} P \d\.\d{3} whole 0\/0 fu \d\.\d\d\/\d\.\d\d rep \d+ ai \d\.\d{3}\/\d\.\d{3}/);
    expect(lines.at(-1)).toMatch(/^variants: n=10, mean F1 \d\.\d{4}, mean events whole \d+\.\d\d\/0\.60, follow-ups P\/R [\d.]+\/[\d.]+, intrusions \d+ event\(s\) \(\d+ item\(s\)\), worst \S/);
  }, 60_000);

  if (!existsSync(DEV)) {
    it.skip(`dev scenario figures (../shared/scenarios/ai-events-dev.jsonl is absent)`, () => {});
    console.log("skipping the dev scenario evaluation: ../shared/scenarios/ai-events-dev.jsonl is absent");
    return;
  }

  it("scores the dev scenario alone", async () => {
    const { ctx, out } = context();
    const started = Date.now();
    expect(await evalCommand(["scenarios", DEV, "--json"], ctx)).toBe(0);
    // The 10 s target is the bench's (bench/scenarios.bench.ts); here only a gross regression fails.
    expect(Date.now() - started).toBeLessThan(45_000);
    const result = JSON.parse(out.join("\n")) as { reports: { name: string; figures: Record<string, number> }[] };
    const fig = new Map(result.reports.map((r) => [r.name, r.figures]));
    const c = fig.get("clustering") ?? {};
    expect(c["eventsWith4Outlets"]).toBe(12);
    expect(c["bcubedF1"]).toBeGreaterThan(0.8);
    expect(fig.get("ai-filter")?.["precision"]).toBeGreaterThan(0.8);
    expect(fig.get("staleness")).toEqual({ staleItems: 13, presentedAsNews: 0 });
    // Issue 11: no false follow-up, and no delivered story presented again as new (e04's fragments
    // were merged into a story with a new id; e05-2 split off the Sutskever story and came later).
    const f = fig.get("follow-ups") ?? {};
    expect(f["followUpPrecision"]).toBeGreaterThanOrEqual(0.9);
    expect(f["followUpRecall"]).toBeGreaterThanOrEqual(0.9);
    expect(f["representedAsNew"]).toBe(0);
  }, 60_000);

  it("scores it on top of the background feeds", async () => {
    const { ctx, out } = context();
    expect(await evalCommand(["scenarios", DEV, "--background", FEEDS], ctx)).toBe(0);
    const text = out.join("\n");
    expect(text).toMatch(/background items from \d+ feeds/);
    expect(text).toMatch(/B-cubed precision/);
  }, 60_000);
});
