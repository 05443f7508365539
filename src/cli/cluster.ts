/**
 * `newsdesk cluster --input items.jsonl --output clusters.jsonl [--<option> value]` clusters items
 * offline (input lines `{id, title, summary?, url?, source?, published?}`, output lines `{id, story}`);
 * `newsdesk cluster eval --csv <file>` scores clustering of a labelled CSV, `newsdesk cluster eval
 * --scenario <file.jsonl>` of a scenario file's headlines alone (`scenario-headlines.ts`). Options are the
 * ClusterOptions in kebab case, e.g. `--join-threshold 0.2 --window-hours 48`.
 */
import { readFile, writeFile } from "node:fs/promises";
import { clusterDocs } from "../digest/stories/cluster-docs.js";
import { scoreClustering } from "../digest/stories/cluster-metrics.js";
import { DEFAULT_CLUSTER_OPTIONS, type ClusterOptions } from "../digest/stories/cluster-options.js";
import { readLabelledCsv, type LabelledDoc } from "../digest/stories/labelled-csv.js";
import { parseScenario } from "../digest/eval/scenario-file.js";
import { scenarioHeadlines } from "../digest/eval/scenario-headlines.js";
import type { ClusterDoc } from "../digest/stories/story-clusterer.js";
import type { CliContext } from "./context.js";

const USAGE = [
  "usage: newsdesk cluster --input items.jsonl --output clusters.jsonl [options]",
  "       newsdesk cluster eval --csv labelled.csv [options]",
  "       newsdesk cluster eval --scenario scenario.jsonl [options]   (its dated items' titles only)",
  `options: ${Object.keys(DEFAULT_CLUSTER_OPTIONS)
    .filter((k) => k !== "preferredSources")
    .map((k) => `--${kebab(k)} <n>`)
    .join(" ")}`,
].join("\n");

function kebab(s: string): string {
  return s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Numeric ClusterOptions from flags; throws on a non-number. */
export function parseClusterFlags(args: string[], base: Partial<ClusterOptions> = {}): Partial<ClusterOptions> {
  const out: Record<string, number> = {};
  for (const key of Object.keys(DEFAULT_CLUSTER_OPTIONS)) {
    if (key === "preferredSources") continue;
    const raw = flag(args, kebab(key));
    if (raw === undefined) continue;
    const n = Number(raw);
    if (!Number.isFinite(n)) throw new Error(`--${kebab(key)} needs a number, got '${raw}'`);
    out[key] = n;
  }
  return { ...base, ...out };
}

/** One JSONL line into a document (published: ISO date or ms; missing: keeps file order). */
export function parseItemLine(line: string, lineNo: number): ClusterDoc {
  const v = JSON.parse(line) as Record<string, unknown>;
  if (typeof v.title !== "string") throw new Error(`line ${lineNo}: "title" must be a string`);
  const id = typeof v.id === "string" || typeof v.id === "number" ? String(v.id) : String(lineNo);
  const p = v.published;
  const time = typeof p === "number" ? p : typeof p === "string" ? Date.parse(p) : Number.NaN;
  return {
    id,
    title: v.title,
    time: Number.isFinite(time) ? time : lineNo,
    ...(typeof v.summary === "string" ? { summary: v.summary } : {}),
    ...(typeof v.url === "string" ? { url: v.url } : {}),
    ...(typeof v.source === "string" ? { source: v.source } : {}),
  };
}

export async function clusterCommand(args: string[], ctx: CliContext): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    ctx.out(USAGE);
    return 0;
  }
  const known = new Set(["input", "output", "csv", "scenario", ...Object.keys(DEFAULT_CLUSTER_OPTIONS).map(kebab)]);
  const unknown = args.find((a) => a.startsWith("--") && !known.has(a.slice(2)));
  if (unknown) {
    ctx.err(`unknown option '${unknown}' for 'newsdesk cluster'. Run 'newsdesk cluster --help'.`);
    return 2;
  }
  let options: Partial<ClusterOptions>;
  try {
    options = parseClusterFlags(args, { windowHours: ctx.config.clusterWindowHours });
  } catch (err) {
    ctx.err(err instanceof Error ? err.message : String(err));
    return 2;
  }
  if (args[0] === "eval") return evalCommand(args, options, ctx);
  const input = flag(args, "input");
  const output = flag(args, "output");
  if (!input || !output) {
    ctx.err(USAGE);
    return 2;
  }
  const docs: ClusterDoc[] = [];
  const lines = (await readFile(input, "utf8")).split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]?.trim();
    if (!line) continue;
    try {
      docs.push(parseItemLine(line, i + 1));
    } catch (err) {
      ctx.err(`${input}:${i + 1}: ${err instanceof Error ? err.message : String(err)}`);
      return 1;
    }
  }
  const assigned = clusterDocs(docs, options);
  await writeFile(output, assigned.map((a) => JSON.stringify({ id: a.id, story: a.story })).join("\n") + "\n");
  ctx.out(`${docs.length} items → ${new Set(assigned.map((a) => a.story)).size} stories, written to ${output}`);
  return 0;
}

async function evalCommand(args: string[], options: Partial<ClusterOptions>, ctx: CliContext): Promise<number> {
  const csv = flag(args, "csv");
  const scenario = flag(args, "scenario");
  if (!csv === !scenario) {
    ctx.err(USAGE);
    return 2;
  }
  let rows: LabelledDoc[];
  try {
    rows = csv ? readLabelledCsv(await readFile(csv, "utf8")) : scenarioHeadlines(parseScenario(await readFile(scenario as string, "utf8")));
  } catch (err) {
    ctx.err(`${csv ?? scenario}: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  const started = performance.now();
  const assigned = clusterDocs(
    rows.map((r) => r.doc),
    options,
  );
  const ms = performance.now() - started;
  const s = scoreClustering(
    assigned.map((a) => a.story),
    rows.map((r) => r.story),
  );
  const f = (x: number): string => x.toFixed(3);
  ctx.out(`items ${s.items}, stories ${s.predictedClusters} (labelled ${s.trueClusters}), ${ms.toFixed(0)} ms`);
  ctx.out(`B-cubed precision ${f(s.bcubedPrecision)}  recall ${f(s.bcubedRecall)}  F1 ${f(s.bcubedF1)}`);
  ctx.out(`ARI ${f(s.ari)}  NMI ${f(s.nmi)}`);
  return 0;
}
