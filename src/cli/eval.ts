/**
 * `newsdesk eval scenarios <file.jsonl> [--background <feeds dir>] [--json] [cluster options]`:
 * replays a labelled scenario through the real store (a fresh in-memory database, never the
 * configured one), clustering, tagging and selection, and prints the figures of every scenario
 * metric (see src/digest/eval/scenario-metrics.ts).
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describeError } from "../core/errors.js";
import { runScenario, type BackgroundFeed } from "../digest/eval/run-scenario.js";
import { parseScenario } from "../digest/eval/scenario-file.js";
import { measureScenario } from "../digest/eval/scenario-metrics.js";
import { evaluateDigestQuality, qualityLines } from "../digest/quality/digest-quality.js";
import { toLabelledItems } from "../digest/quality/labelled-scenario.js";
import { loadAllTopics } from "../digest/stories/build-stories.js";
import { TopicMatcher } from "../digest/stories/topic-matcher.js";
import { readFeed } from "../digest/ingest/read-feed.js";
import { ensureBuiltinTopics } from "../digest/seed-topics.js";
import { openStore } from "../store/open-store.js";
import { parseClusterFlags } from "./cluster.js";
import type { CliContext } from "./context.js";

const USAGE = [
  "usage: newsdesk eval scenarios <file.jsonl> [--background <feeds dir>] [--json] [cluster options]",
  "  replays labelled feed items day by day through the real engine on a fresh in-memory database",
  "  and scores clustering, the AI filter, topics and staleness (cluster options: see 'newsdesk cluster --help');",
  "  then, over the labelled stories: topics per story, ranking agreement and summary defects",
].join("\n");

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
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
  const store = await openStore("sqlite::memory:");
  try {
    await ensureBuiltinTopics(store, new Date(0));
    const run = await runScenario(store, items, { background: bg.feeds, cluster: options });
    const reports = measureScenario(run);
    // Digest quality over the labelled stories (topics per story, ranking agreement, summaries).
    const quality = qualityLines(await evaluateDigestQuality(toLabelledItems(items), new TopicMatcher(await loadAllTopics(store))));
    reports.push({ name: "digest-quality", ...quality });
    const ms = performance.now() - started;
    if (args.includes("--json")) {
      ctx.out(JSON.stringify({ file, background: bgDir ?? null, ms: Math.round(ms), reports }, null, 2));
      return 0;
    }
    const bgItems = bg.feeds.reduce((n, f) => n + f.items.length, 0);
    ctx.out(`${file}: ${items.length} items${bgDir ? ` + ${bgItems} background items from ${bg.feeds.length} feeds` : ""}, ${ms.toFixed(0)} ms`);
    for (const s of bg.skipped) ctx.out(`  background feed skipped: ${s}`);
    for (const r of reports) for (const line of r.lines) ctx.out(line);
    return 0;
  } finally {
    await store.close();
  }
}
