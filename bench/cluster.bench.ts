/**
 * Story clustering throughput: 10k and 100k synthetic items at the same rate (~330 items/day, so the
 * 100k run spans ten times longer), each timed, and the ratio; a ratio near 10 means no quadratic
 * step. A dense run (100k in the same 30 days, ~3,300 items/day) shows the cost of a busier window.
 * Half the items quote their event's figure ("$12.3bn") and some an incidental percentage.
 */
import { clusterDocs } from "../src/digest/stories/cluster-docs.js";
import { scoreClustering } from "../src/digest/stories/cluster-metrics.js";
import type { ClusterDoc } from "../src/digest/stories/story-clusterer.js";
import { seededRandom } from "../src/core/seeded-random.js";
import { verdict } from "./verdict.js";

function timeRun(n: number, spanDays = (n / 10_000) * 30, label = ""): number {
  const { docs, story } = syntheticItems({ items: n, spanDays });
  const started = performance.now();
  const assigned = clusterDocs(docs);
  const ms = performance.now() - started;
  const s = scoreClustering(assigned.map((a) => a.story), story);
  console.log(
    `cluster ${n} items over ${spanDays} days${label}: ${ms.toFixed(0)} ms (${((n / ms) * 1000).toFixed(0)} items/s), ${s.predictedClusters} stories ` +
      `(true ${s.trueClusters}), B-cubed F1 ${s.bcubedF1.toFixed(3)}`,
  );
  return ms;
}

export async function run(): Promise<void> {
  timeRun(2_000); // warm-up (JIT)
  const t10k = timeRun(10_000);
  const t100k = timeRun(100_000);
  console.log(`t(100k)/t(10k) = ${(t100k / t10k).toFixed(2)} (target ≤ 12; 100k target ≤ 8000 ms)`);
  verdict("cluster 100k items", t100k / 1000, 8, { better: "lower", unit: "s", digits: 2 });
  verdict("cluster t(100k)/t(10k)", t100k / t10k, 12, { better: "lower", digits: 2 });
  const dense = timeRun(100_000, 30, " (dense: 10x items per window)");
  console.log(`dense t(100k)/t(10k) = ${(dense / t10k).toFixed(2)} (cost grows with stories per window)`);
}

// Deterministic synthetic news: many stories over a time span, each with its own event words
// (entities, actions) mixed into varied headlines and summaries over a shared Zipf-like vocabulary.

const SYLLABLES = ["ka", "lo", "mi", "ren", "tor", "vax", "qui", "sol", "den", "bri", "zen", "ar", "po", "lyn", "dro", "mek"];
const FILLER = [
  "the", "a", "new", "after", "with", "for", "says", "report", "update", "launch", "model", "company", "users",
  "today", "plans", "week", "AI", "data", "release", "market", "deal", "team", "tool", "open", "source",
];

export interface SyntheticOptions {
  items: number;
  spanDays: number;
  seed?: number;
  vocabulary?: number;
}

export function syntheticItems(opts: SyntheticOptions): { docs: ClusterDoc[]; story: string[] } {
  const rand = seededRandom(opts.seed ?? 42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const vocabSize = opts.vocabulary ?? 30_000;
  const vocab: string[] = [];
  for (let i = 0; i < vocabSize; i++) {
    const n = 2 + Math.floor(rand() * 3);
    let w = "";
    for (let j = 0; j < n; j++) w += pick(SYLLABLES);
    vocab.push(`${w}${i.toString(36)}`);
  }
  // Zipf-ish: common words are drawn far more often than rare ones.
  const word = (): string => vocab[Math.floor(Math.pow(rand(), 2.2) * vocabSize)] as string;
  const docs: ClusterDoc[] = [];
  const story: string[] = [];
  const start = Date.UTC(2024, 0, 1);
  const span = opts.spanDays * 86_400_000;
  let s = 0;
  while (docs.length < opts.items) {
    const event = Array.from({ length: 6 }, () => vocab[Math.floor(rand() * vocabSize)] as string);
    // Real coverage quotes the event's figures (exercising the figure fallback), plus incidental ones.
    const figure = `$${(1 + rand() * 99).toFixed(1)}bn`;
    const size = Math.min(opts.items - docs.length, 1 + Math.floor(-Math.log(1 - rand()) * 4));
    const t0 = start + rand() * span;
    for (let k = 0; k < size; k++) {
      const title = [pick(event), pick(FILLER), pick(event), word(), pick(FILLER), pick(event), word(), word()];
      const summary: string[] = [];
      for (let j = 0; j < 30; j++) summary.push(rand() < 0.25 ? pick(event) : rand() < 0.4 ? pick(FILLER) : word());
      if (rand() < 0.5) summary.splice(Math.floor(rand() * 30), 0, figure);
      if (rand() < 0.3) summary.push(`${Math.floor(rand() * 100)}%`);
      docs.push({
        id: `i${docs.length}`,
        title: title.join(" "),
        summary: `${summary.join(" ")}.`,
        url: `https://outlet${Math.floor(rand() * 200)}.example/${s}/${k}`,
        time: Math.round(t0 + rand() * 12 * 3_600_000),
      });
      story.push(`s${s}`);
    }
    s++;
  }
  return { docs, story };
}
