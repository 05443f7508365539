/**
 * `newsdesk eval scenarios <file.jsonl> [--background <feeds dir>] [--variants] [--json] [cluster options]`:
 * replays a labelled scenario through the real store (a fresh in-memory database, never the
 * configured one), clustering, tagging and selection, and prints the figures of every scenario
 * metric (see src/digest/eval/scenario-metrics.ts).
 * With --variants it then replays perturbed copies of the file (each outlet left out once, times
 * jittered ±45 min with seeds 1..5; src/digest/eval/scenario-variants.ts), each on its own fresh
 * database with the same options and background, and prints their figures and means: a proxy for
 * how the figures hold on held-out files, where one run of the dev file cannot show a decision that
 * hangs on one outlet or a few minutes.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describeError } from "../core/errors.js";
import { runScenario, type BackgroundFeed } from "../digest/eval/run-scenario.js";
import { parseScenario, type ScenarioItem } from "../digest/eval/scenario-file.js";
import { measureScenario } from "../digest/eval/scenario-metrics.js";
import type { MetricReport } from "../digest/eval/scenario-run.js";
import { defaultVariants, summariseVariants, summaryLine, variantFigures, variantLine } from "../digest/eval/scenario-variants.js";
import { evaluateDigestQuality, qualityLines } from "../digest/quality/digest-quality.js";
import { toLabelledItems } from "../digest/quality/labelled-scenario.js";
import { loadAllTopics } from "../digest/stories/build-stories.js";
import { TopicMatcher } from "../digest/stories/topic-matcher.js";
import { readFeed } from "../digest/ingest/read-feed.js";
import { DEFAULT_CLUSTER_OPTIONS, type ClusterOptions } from "../digest/stories/cluster-options.js";
import { ensureBuiltinTopics } from "../digest/seed-topics.js";
import { openStore } from "../store/open-store.js";
import { parseClusterFlags } from "./cluster.js";
import type { CliContext } from "./context.js";

const USAGE = [
  "usage: newsdesk eval scenarios <file.jsonl> [--background <feeds dir>] [--variants] [--json] [cluster options]",
  "  replays labelled feed items day by day through the real engine on a fresh in-memory database",
  "  and scores clustering, the AI filter, topics and staleness (cluster options: see 'newsdesk cluster --help');",
  "  then, over the labelled stories: topics per story, ranking agreement and summary defects.",
  "  --variants: also replays the file with each outlet left out once and with publication times",
  "  jittered ±45 min (seeds 1 to 5), each on its own fresh database, and prints each variant's figures",
  "  and their means (slow: one more run per variant)",
].join("\n");

const kebab = (s: string): string => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Options of `eval scenarios` (true = takes a value): its own and the numeric cluster options. */
const KNOWN: ReadonlyMap<string, boolean> = new Map([
  ["background", true],
  ["json", false],
  ["variants", false],
  ...Object.keys(DEFAULT_CLUSTER_OPTIONS)
    .filter((k) => k !== "preferredSources")
    .map((k): [string, boolean] => [kebab(k), true]),
]);

/**
 * What is wrong with the arguments after `scenarios <file>`, or null: an unknown option or a stray
 * argument is refused by name rather than ignored, as `known-flags.ts` does for the other groups
 * (this group's options include the engine's cluster options, so it checks its own, as cluster does).
 */
export function evalArgsProblem(args: readonly string[]): string | null {
  const command = "newsdesk eval scenarios";
  for (let i = 2; i < args.length; i++) {
    const a = args[i] ?? "";
    const option = a.startsWith("-") && a !== "-" && !/^-\d/.test(a);
    if (!option) return `unexpected argument '${a}' for '${command}'. Run 'newsdesk eval --help'.`;
    const [name = "", value] = a.replace(/^--?/, "").split(/=(.*)/s);
    const takesValue = KNOWN.get(name);
    if (takesValue === undefined || !a.startsWith("--")) return `unknown option '${a.split("=")[0]}' for '${command}'. Run 'newsdesk eval --help'.`;
    if (value !== undefined) return takesValue ? `write '--${name} ${value}' (with a space), not '${a}'` : `option '--${name}' takes no value`;
    if (takesValue) i++;
  }
  return null;
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** One replay on its own fresh in-memory database, measured: the normal run and every variant alike. */
async function replay(items: readonly ScenarioItem[], opts: { background: readonly BackgroundFeed[]; cluster: Partial<ClusterOptions> }, withQuality: boolean): Promise<MetricReport[]> {
  const store = await openStore("sqlite::memory:");
  try {
    await ensureBuiltinTopics(store, new Date(0));
    const run = await runScenario(store, items, { background: opts.background, cluster: opts.cluster });
    const reports = measureScenario(run);
    if (withQuality) {
      // Digest quality over the labelled stories (topics per story, ranking agreement, summaries).
      const quality = qualityLines(await evaluateDigestQuality(toLabelledItems(items), new TopicMatcher(await loadAllTopics(store))));
      reports.push({ name: "digest-quality", ...quality });
    }
    return reports;
  } finally {
    await store.close();
  }
}

/** Every feed file in a directory, read by the real ingest; unreadable files are skipped and named. */
export async function loadBackground(dir: string, now: Date): Promise<{ feeds: BackgroundFeed[]; skipped: string[] }> {
  const feeds: BackgroundFeed[] = [];
  const skipped: string[] = [];
  const names = (await readdir(dir)).filter((n) => /\.(xml|rss|atom|rdf|json)$/i.test(n)).sort();
  for (const name of names) {
    const url = pathToFileURL(join(dir, name)).toString();
    try {
      const bytes = await readFile(join(dir, name));
      const read = await readFeed(bytes, { feedId: `bg-${name}`, url, now });
      if (read.items.length) feeds.push({ title: read.feed.title || name, url, items: read.items });
    } catch (err) {
      skipped.push(`${name} (${describeError(err)})`);
    }
  }
  return { feeds, skipped };
}

export async function evalCommand(args: string[], ctx: CliContext): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    ctx.out(USAGE);
    return 0;
  }
  const [kind, file] = args;
  if (kind !== "scenarios" || !file || file.startsWith("--")) {
    ctx.err(USAGE);
    return 2;
  }
  const problem = evalArgsProblem(args);
  if (problem) {
    ctx.err(problem);
    return 2;
  }
  let options;
  try {
    options = parseClusterFlags(args);
  } catch (err) {
    ctx.err(describeError(err));
    return 2;
  }
  const started = performance.now();
  let items;
  try {
    items = parseScenario(await readFile(file, "utf8"));
  } catch (err) {
    ctx.err(`${file}: ${describeError(err)}`);
    return 1;
  }
  const bgDir = flag(args, "background");
  const bg = bgDir ? await loadBackground(bgDir, ctx.now()) : { feeds: [], skipped: [] };
  const opts = { background: bg.feeds, cluster: options };
  const reports = await replay(items, opts, true);
  const ms = performance.now() - started;
  const json = args.includes("--json");
  if (!json) {
    const bgItems = bg.feeds.reduce((n, f) => n + f.items.length, 0);
    ctx.out(`${file}: ${items.length} items${bgDir ? ` + ${bgItems} background items from ${bg.feeds.length} feeds` : ""}, ${ms.toFixed(0)} ms`);
    for (const s of bg.skipped) ctx.out(`  background feed skipped: ${s}`);
    for (const r of reports) for (const line of r.lines) ctx.out(line);
  }
  let variants;
  if (args.includes("--variants")) {
    const list = defaultVariants(items);
    const width = Math.max(0, ...list.map((v) => v.label.length)) + 1;
    if (!json) ctx.out(`variants (${list.length}: each outlet left out once, publication times jittered ±45 min with seeds 1 to 5):`);
    const runs = [];
    for (const v of list) {
      // One at a time: each run is a full replay, and the machine's other work shares the cores.
      const figures = variantFigures(v.label, await replay(v.items, opts, false));
      runs.push(figures);
      if (!json) ctx.out(`  ${variantLine(figures, width)}`);
    }
    const summary = summariseVariants(runs);
    if (!json) ctx.out(summaryLine(summary));
    variants = { runs, summary };
  }
  if (json) ctx.out(JSON.stringify({ file, background: bgDir ?? null, ms: Math.round(ms), reports, ...(variants ? { variants } : {}) }, null, 2));
  return 0;
}
