/**
 * One hostile-feed memory case, run in its own process by ingest-memory.bench.ts so that peak RSS
 * (getrusage maxRSS) belongs to that case alone. Prints one JSON line: the case, the peak growth
 * above the baseline taken after building the input, and how the feed ended (items or error code).
 */
import { pathToFileURL } from "node:url";
import { describeFeedError } from "../src/digest/ingest/ingest-errors.js";
import { readFeed } from "../src/digest/ingest/read-feed.js";

const MB = 1024 * 1024;
const item = (i: number) => `<item><title>Story ${i} about models</title><link>https://m.example/${i}</link><description>${"Text of the story. ".repeat(12)}</description><pubDate>Tue, 26 Nov 2024 10:00:00 GMT</pubDate></item>`;

/** Each case is just under 5 MB, the default FEED_MAX_BYTES. */
export const CASES: Record<string, () => string> = {
  "700k nested elements (wide)": () => `<rss><channel><title>w</title>${"<a><b/></a>".repeat(440_000).slice(0, 4_900_000)}</channel></rss>`,
  "700k empty <item/>": () => `<rss><channel><title>e</title>${"<item/>".repeat(700_000)}</channel></rss>`,
  "nesting 700k deep": () => `<rss><channel>${"<a>".repeat(700_000)}${"</a>".repeat(500_000)}`,
  "nesting 20k deep": () => `<rss><channel>${"<a>".repeat(20_000)}${"</a>".repeat(20_000)}</channel></rss>`,
  "one 4.9 MB description": () => `<rss><channel><title>l</title><item><title>t</title><link>https://m.example/l</link><description>${"word ".repeat(980_000)}</description></item></channel></rss>`,
  "12k real items (4.8 MB)": () => `<rss><channel><title>r</title>${Array.from({ length: 12_500 }, (_, i) => item(i)).join("")}</channel></rss>`,
};

async function main(name: string): Promise<void> {
  const make = CASES[name];
  if (!make) throw new Error(`no case ${name}`);
  const bytes = Buffer.from(make(), "utf8");
  global.gc?.();
  const base = process.resourceUsage().maxRSS * 1024;
  const rssBefore = process.memoryUsage().rss;
  let outcome: string;
  try {
    const r = await readFeed(bytes, { feedId: "m", url: "https://m.example/feed", now: new Date("2024-11-27T00:00:00Z") });
    outcome = `${r.items.length} items${r.warnings.length ? ` (${r.warnings.length} warning)` : ""}`;
  } catch (err) {
    outcome = `error ${describeFeedError(err).code}`;
  }
  const peak = process.resourceUsage().maxRSS * 1024;
  // maxRSS only grows: the growth of the high-water mark is the case's peak above the baseline.
  console.log(JSON.stringify({ name, bytes: bytes.length, peakAboveBaselineMb: (peak - Math.max(base, rssBefore)) / MB, outcome }));
}

// Run as a script (by the bench), not when the bench imports CASES.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href && process.argv[2]) await main(process.argv[2]);
