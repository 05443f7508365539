/**
 * Lists every topic mistake of a scenario replay, for an editor to classify: each false-positive tag
 * and each missed editor word, per item, with the item's title and summary, the story it landed in
 * (its majority label, headline and topics with confidence) and the matcher's reading of the item
 * alone. Then the same per labelled story (`evaluateDigestQuality`'s stories).
 *
 * Run: `npx tsx scripts/topic-errors.ts <scenario.jsonl> [--background <feeds dir>]`
 * (a development aid: it measures nothing the eval does not; it only shows the pairs behind the figures).
 */
import { readFile } from "node:fs/promises";
import { loadBackground } from "../src/cli/eval.js";
import { runScenario } from "../src/digest/eval/run-scenario.js";
import { isCurrent } from "../src/digest/eval/scenario-run.js";
import { parseScenario } from "../src/digest/eval/scenario-file.js";
import { TOPIC_WORDS } from "../src/digest/eval/metrics/topic-metric.js";
import { selectingTopics } from "../src/digest/select-stories.js";
import { realTopics } from "../src/digest/stories/ai-filter.js";
import { loadAllTopics } from "../src/digest/stories/build-stories.js";
import { TopicMatcher } from "../src/digest/stories/topic-matcher.js";
import { ensureBuiltinTopics } from "../src/digest/seed-topics.js";
import { openStore } from "../src/store/open-store.js";

const [file, ...rest] = process.argv.slice(2);
if (!file) throw new Error("usage: topic-errors.ts <scenario.jsonl> [--background <dir>]");
const bgAt = rest.indexOf("--background");
const bgDir = bgAt >= 0 ? rest[bgAt + 1] : undefined;
const items = parseScenario(await readFile(file, "utf8"));
const store = await openStore("sqlite::memory:");
await ensureBuiltinTopics(store, new Date(0));
const bg = bgDir ? await loadBackground(bgDir, new Date()) : { feeds: [] };
const run = await runScenario(store, items, { background: bg.feeds });
const matcher = new TopicMatcher(await loadAllTopics(store));
const inScope = new Set(Object.values(TOPIC_WORDS).flat());

// Each final story's majority label, for "which story did it land in".
const labelsOf = new Map<string, Map<string, number>>();
for (const it of items) {
  const sid = run.storyOf.get(run.itemIds.get(it.id) ?? "");
  if (!sid) continue;
  const m = labelsOf.get(sid) ?? new Map<string, number>();
  m.set(it.story, (m.get(it.story) ?? 0) + 1);
  labelsOf.set(sid, m);
}
const major = (sid: string): string => {
  const m = labelsOf.get(sid);
  if (!m) return "?";
  const [best] = [...m].sort((a, b) => b[1] - a[1]);
  return `${best?.[0]} (${[...m].map(([l, n]) => `${l}×${n}`).join(" ")})`;
};
const cut = (s: string, n = 160): string => (s.length > n ? `${s.slice(0, n)}…` : s);

let fp = 0;
let miss = 0;
const dump: Record<string, string[]> = {};
for (const it of items) {
  if (!isCurrent(it, run)) continue;
  const sid = run.storyOf.get(run.itemIds.get(it.id) ?? "") ?? "";
  const story = run.stories.get(sid);
  const tags = story ? [...selectingTopics(story)] : [];
  dump[it.id] = tags;
  const words = new Set(it.topics.map((w) => w.toLowerCase()));
  const wrong = tags.filter((t) => TOPIC_WORDS[t] && !TOPIC_WORDS[t]?.some((w) => words.has(w)));
  const missed = [...words].filter((w) => inScope.has(w) && !tags.some((t) => TOPIC_WORDS[t]?.includes(w)));
  if (!wrong.length && !missed.length) continue;
  fp += wrong.length;
  miss += missed.length;
  const own = matcher.analyse(it.title, it.summary, it.url);
  const fmt = (ts: readonly { topicId: string; confidence: number }[]): string =>
    ts.map((t) => `${t.topicId}:${t.confidence}`).join(" ");
  console.log(`${it.id}  FP[${wrong.join(",")}]  MISS[${missed.join(",")}]  editor: ${it.topics.join(" | ")}`);
  console.log(`   T: ${it.title}`);
  console.log(`   S: ${cut(it.summary)}`);
  console.log(`   item alone: ${fmt(own.topics)}${own.gated.length ? `  gated: ${fmt(own.gated)}` : ""}`);
  if (story) {
    const n = [...run.storyOf.values()].filter((s) => s === sid).length;
    console.log(`   story ${major(sid)} n=${n}: "${cut(story.title, 90)}"  topics: ${fmt(realTopics(story.topics))}`);
  }
}
console.log(`\n${fp} false-positive tags, ${miss} missed words`);
if (process.env["TAGS_JSON"]) (await import("node:fs")).writeFileSync(process.env["TAGS_JSON"], JSON.stringify(dump));
await store.close();

// Per labelled story (the editors' grouping, tagged by the real combination), as `digest-quality.ts` does.
if (!process.argv.includes("--stories")) process.exit(0);
const { combineTopics } = await import("../src/digest/stories/topic-matcher.js");
const { storyAiConfidence } = await import("../src/digest/stories/ai-filter.js");
const { labelTopics } = await import("../src/digest/quality/topic-labels.js");
const groups = new Map<string, typeof items>();
for (const it of items) groups.set(it.story, [...(groups.get(it.story) ?? []), it]);
let sfp = 0;
let smiss = 0;
for (const [label, rows] of [...groups].sort()) {
  if (rows.filter((r) => r.ai).length * 2 <= rows.length) continue;
  const an = rows.map((r) => matcher.analyse(r.title, r.summary, r.url));
  const isAi = storyAiConfidence(an.map((a) => a.ai)) >= 0.5;
  const topics = combineTopics(an.map((a) => (isAi ? [...a.topics, ...a.gated] : a.topics)));
  const predicted = new Set([...selectingTopics({ topics })]);
  const gold = labelTopics(rows.flatMap((r) => r.topics));
  const wrong = [...predicted].filter((t) => !gold.has(t));
  const missed = [...gold].filter((t) => !predicted.has(t));
  if (!wrong.length && !missed.length) continue;
  sfp += wrong.length;
  smiss += missed.length;
  console.log(`STORY ${label} n=${rows.length} FP[${wrong.join(",")}] MISS[${missed.join(",")}] topics: ${topics.map((t) => `${t.topicId}:${t.confidence}`).join(" ")}`);
  for (const [k, r] of rows.entries()) {
    const a = an[k];
    console.log(`   ${r.id} [${r.topics.join("|")}] ${cut(r.title, 80)} :: ${a?.topics.map((t) => `${t.topicId}:${t.confidence}`).join(" ")}`);
  }
}
console.log(`\nper story: ${sfp} wrong, ${smiss} missed`);
