/**
 * Ingest throughput. (1) Over ../shared/feeds: items/s for raw rss-parser and for the whole pipeline
 * (decode, parse, normalise, store in SQLite); target pipeline/raw ≥ 0.5. (2) 1,000 feeds on 50 host
 * names served from loopback, 90% answering 304: elapsed (target ≤ 20 s) and the most concurrent
 * requests seen per host (limit 2).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import Parser from "rss-parser";
import { silentLogger } from "../src/core/logger.js";
import { createFeedFetcher } from "../src/digest/ingest/feed-fetcher.js";
import { pollFeeds } from "../src/digest/ingest/poll-feeds.js";
import { readFeed } from "../src/digest/ingest/read-feed.js";
import { openStore } from "../src/store/open-store.js";
import { fixtureFeed, startFeedServer } from "../tests/fakes/feed-server.js";
import { skipped, verdict } from "./verdict.js";

const ROUNDS = 10;
const WARMUP = 3;

async function parsing(): Promise<void> {
  const dir = new URL("../../shared/feeds/", import.meta.url);
  if (!existsSync(dir)) {
    console.log("parsing: skipped, ../shared/feeds is absent");
    skipped("ingest pipeline/raw items/s (wall)", "../shared/feeds is absent");
    return;
  }
  const files = readdirSync(dir).filter((f) => !f.endsWith(".tsv")).map((f) => ({ name: f, bytes: readFileSync(new URL(f, dir)) }));
  const parser = new Parser();
  const store = await openStore("sqlite::memory:");
  const now = new Date();
  let rawItems = 0;
  let rawMs = 0;
  let rawCpu = 0;
  let pipeItems = 0;
  let pipeMs = 0;
  let pipeCpu = 0;
  let storeCpu = 0;
  // CPU time of this process, alongside wall time: on a shared 2-core box other processes skew wall time.
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  let failures = 0;
  // Raw and pipeline rounds alternate so both see the same machine load; rounds below 0 warm up the JIT.
  for (let r = -WARMUP; r < ROUNDS; r++) {
    const counted = r >= 0;
    // Raw: rss-parser on the UTF-8 text, as most code uses it (files it rejects count no items).
    let t = performance.now();
    let c = cpu();
    let n = 0;
    for (const f of files) {
      try {
        n += (await parser.parseString(f.bytes.toString("utf8"))).items.length;
      } catch {
        // rejected file: no items
      }
    }
    if (counted) {
      rawMs += performance.now() - t;
      rawCpu += cpu() - c;
      rawItems += n;
    }
    // Pipeline: decode, parse, normalise and store; fresh feeds per round so every item is inserted.
    const feedIds = await Promise.all(files.map(async (f) => (await store.feeds.add({ url: `https://bench.example/${r}/${f.name}`, scope: { kind: "global" } }, now)).id));
    t = performance.now();
    c = cpu();
    n = 0;
    for (const [i, f] of files.entries()) {
      try {
        const { items } = await readFeed(f.bytes, { feedId: feedIds[i]!, url: `https://bench.example/${f.name}`, now });
        const s0 = cpu();
        const res = await store.items.upsertMany(items, now);
        if (counted) storeCpu += cpu() - s0;
        n += res.inserted.length + res.updated.length + res.unchanged;
      } catch {
        if (counted) failures++;
      }
    }
    if (counted) {
      pipeMs += performance.now() - t;
      pipeCpu += cpu() - c;
      pipeItems += n;
    }
  }
  await store.close();
  const rate = (items: number, ms: number) => (items / ms) * 1000;
  console.log(`corpus: ${files.length} files × ${ROUNDS} rounds (${failures / ROUNDS} file(s) fail with a per-feed error)`);
  console.log(`raw rss-parser: ${rawItems} items; wall ${rawMs.toFixed(0)} ms = ${rate(rawItems, rawMs).toFixed(0)} items/s; cpu ${rawCpu.toFixed(0)} ms = ${rate(rawItems, rawCpu).toFixed(0)} items/s`);
  console.log(`full pipeline (decode+parse+normalise+SQLite): ${pipeItems} items; wall ${pipeMs.toFixed(0)} ms = ${rate(pipeItems, pipeMs).toFixed(0)} items/s; cpu ${pipeCpu.toFixed(0)} ms = ${rate(pipeItems, pipeCpu).toFixed(0)} items/s`);
  console.log(`  of which store.items.upsertMany: cpu ${storeCpu.toFixed(0)} ms; without it the pipeline runs at ${rate(pipeItems, pipeCpu - storeCpu).toFixed(0)} items/s (cpu)`);
  console.log(`pipeline/raw = ${(rate(pipeItems, pipeMs) / rate(rawItems, rawMs)).toFixed(2)} by wall time, ${(rate(pipeItems, pipeCpu) / rate(rawItems, rawCpu)).toFixed(2)} by CPU time (target ≥ 0.5)`);
  verdict("ingest pipeline/raw items/s (wall)", rate(pipeItems, pipeMs) / rate(rawItems, rawMs), 0.5, { better: "higher", digits: 2 });
}

async function polling(): Promise<void> {
  const FEEDS = 1000;
  const HOSTS = 10;
  const body = fixtureFeed("scenario-circuit-ledger.xml");
  const server = await startFeedServer();
  const store = await openStore("sqlite::memory:");
  // Every bench host name resolves to the loopback server; the guard is off as for ALLOW_PRIVATE_FEED_HOSTS.
  const fetcher = createFeedFetcher({ allowPrivateHosts: true, resolver: async () => [{ address: "127.0.0.1", family: 4 }], concurrency: 16, perHostConcurrency: 2 });
  const now = new Date();
  for (let i = 0; i < FEEDS; i++) {
    const path = `/f${i}`;
    // Same body, distinct items per feed: the store dedupes per feed, so 100 feeds × 4 items are new.
    // 20 ms of server latency, as a real host has, so the per-host limit is actually exercised.
    server.route(path, { body, etag: `"e${i}"`, delayMs: 20 });
    const feed = await store.feeds.add({ url: `http://h${i % HOSTS}.bench.test:${server.port}${path}`, scope: { kind: "global" } }, now);
    if (i % 10 !== 0) await store.feeds.update(feed.id, { etag: `"e${i}"` });
  }
  const t = performance.now();
  const results = await pollFeeds({ store, fetcher, logger: silentLogger }, { now });
  const ms = performance.now() - t;
  const count = (o: string) => results.filter((r) => r.outcome === o).length;
  console.log(`${FEEDS} feeds on ${HOSTS} hosts: ${count("not-modified")} not modified, ${count("updated")} updated, ${count("failed")} failed`);
  console.log(`polled in ${(ms / 1000).toFixed(2)} s (target ≤ 20 s); ${server.requests()} requests`);
  console.log(`max concurrent requests per host: ${server.maxConcurrent()} (limit 2)`);
  verdict(`${FEEDS} feeds polled`, ms / 1000, 20, { better: "lower", unit: "s", digits: 2 });
  verdict("max concurrent requests per host", server.maxConcurrent(), 2, { better: "lower" });
  fetcher.close();
  await server.close();
  await store.close();
}

export async function run(): Promise<void> {
  await parsing();
  await polling();
}
