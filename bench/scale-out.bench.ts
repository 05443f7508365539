/**
 * Scale-out ingest: 1,000 feeds on 50 host names (loopback, 50 ms latency each) polled by 1 instance,
 * then by 3 instances as separate processes on one Postgres. Figures: wall time 3 vs 1 (target ≤ 0.6:
 * the instances share the feeds), and requests per feed per interval (target exactly 1.0: feeds are
 * claimed, never fetched twice). Needs Postgres: BENCH_DATABASE_URL or TEST_DATABASE_URL.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import pg from "pg";
import { openStore } from "../src/store/open-store.js";
import { fixtureFeed, startFeedServer, type FeedServer } from "../tests/fakes/feed-server.js";
import { skipped, verdict } from "./verdict.js";

const FEEDS = 1000;
const HOSTS = 50;
const root = new URL("..", import.meta.url).pathname;

interface InstanceReport {
  id: string;
  ms: number;
  polled: number;
  rssMb: number;
}

async function seed(url: string, schema: string, server: FeedServer): Promise<void> {
  const store = await openStore(url, { pgSchema: schema });
  const now = new Date();
  const body = fixtureFeed("scenario-circuit-ledger.xml");
  for (let i = 0; i < FEEDS; i++) {
    const path = `/f${i}`;
    server.route(path, { body, etag: `"e${i}"`, delayMs: 50 });
    const feed = await store.feeds.add({ url: `http://h${i % HOSTS}.bench.test:${server.port}${path}`, scope: { kind: "global" } }, now);
    // 90% answer 304, as most feeds do between polls.
    if (i % 10 !== 0) await store.feeds.update(feed.id, { etag: `"e${i}"` });
  }
  await store.close();
}

/** Starts `n` instance processes, waits until each is connected, then starts them together. */
async function runInstances(url: string, schema: string, n: number): Promise<{ wallMs: number; reports: InstanceReport[] }> {
  const children = Array.from({ length: n }, (_, i) =>
    spawn(process.execPath, ["--import", "tsx", "bench/ingest-instance.ts", url, schema, `i${i}`], { cwd: root, stdio: ["pipe", "pipe", "inherit"] }),
  );
  const lineReaders = children.map((c) => createInterface({ input: c.stdout! })[Symbol.asyncIterator]());
  await Promise.all(lineReaders.map(async (r) => {
    const first = await r.next();
    if (first.value !== "ready") throw new Error(`instance did not start: ${String(first.value)}`);
  }));
  const t = performance.now();
  for (const c of children) c.stdin!.write("go\n");
  const reports = await Promise.all(lineReaders.map(async (r) => JSON.parse(String((await r.next()).value)) as InstanceReport));
  const wallMs = performance.now() - t;
  await Promise.all(children.map((c) => new Promise((res) => (c.exitCode !== null ? res(null) : c.on("exit", res)))));
  return { wallMs, reports };
}

export async function run(): Promise<void> {
  const url = process.env["BENCH_DATABASE_URL"] ?? process.env["TEST_DATABASE_URL"];
  if (!url) {
    console.log("scale-out: skipped, set BENCH_DATABASE_URL or TEST_DATABASE_URL to a Postgres database");
    skipped("ingest 3 instances / 1 (wall)", "no Postgres (BENCH_DATABASE_URL / TEST_DATABASE_URL)");
    return;
  }
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const server = await startFeedServer();
  const schemas: string[] = [];
  try {
    const results: Record<number, { wallMs: number; requests: number; reports: InstanceReport[] }> = {};
    for (const n of [1, 3]) {
      const schema = `bench_scale_${n}_${Date.now().toString(36)}`;
      schemas.push(schema);
      await seed(url, schema, server);
      server.resetCounts();
      const r = await runInstances(url, schema, n);
      results[n] = { ...r, requests: server.requests() };
      const shares = r.reports.map((x) => x.polled).join(" + ");
      console.log(
        `${n} instance(s): ${FEEDS} feeds in ${(r.wallMs / 1000).toFixed(2)} s; polled ${shares}; ${server.requests()} requests; ` +
          `max concurrent per host ${server.maxConcurrent()} (limit 2 across instances); rss ${r.reports.map((x) => x.rssMb.toFixed(0)).join(", ")} MB`,
      );
    }
    const one = results[1]!;
    const three = results[3]!;
    const ratio = three.wallMs / one.wallMs;
    console.log(`wall time 3 instances / 1 = ${ratio.toFixed(2)} (target ≤ 0.6; noisy on a shared 2-core machine)`);
    verdict("ingest 3 instances / 1 (wall)", ratio, 0.6, { better: "lower", digits: 2 });
    verdict("requests per feed per interval (3 instances)", three.requests / FEEDS, 1, { better: "lower", digits: 2 });
    verdict("feeds polled by 3 instances", three.reports.reduce((a, r) => a + r.polled, 0), FEEDS, { better: "higher" });
    verdict("max concurrent requests per host (3 instances)", server.maxConcurrent(), 2, { better: "lower" });
  } finally {
    await server.close();
    for (const s of schemas) await admin.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    await admin.end();
  }
}
