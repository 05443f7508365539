/**
 * One ingest instance for bench/scale-out.bench.ts, as its own process: connect to the shared
 * Postgres schema, say "ready", wait for "go" on stdin, poll every due feed (claimed in leased
 * batches, host slots shared through the database), then print what it did as one JSON line.
 */
import { createInterface } from "node:readline";
import { silentLogger } from "../src/core/logger.js";
import { createFeedFetcher } from "../src/digest/ingest/feed-fetcher.js";
import { createHostSlots } from "../src/digest/ingest/host-slots.js";
import { pollFeeds } from "../src/digest/ingest/poll-feeds.js";
import { openStore } from "../src/store/open-store.js";

const [url, schema, id] = process.argv.slice(2);
if (!url || !schema || !id) throw new Error("usage: ingest-instance <postgres url> <schema> <instance id>");
const store = await openStore(url, { pgSchema: schema, migrate: false });
const fetcher = createFeedFetcher({ allowPrivateHosts: true, resolver: async () => [{ address: "127.0.0.1", family: 4 }], concurrency: 16, perHostConcurrency: 2 });
const hostSlots = createHostSlots(store.leases, { holder: id, perHost: 2, ttlMs: 30_000, retryMs: 20 });
console.log("ready");
const lines = createInterface({ input: process.stdin });
for await (const line of lines) if (line.trim() === "go") break;
const t = performance.now();
const results = await pollFeeds({ store, fetcher, logger: silentLogger, hostSlots }, { now: new Date(), claimLeaseMs: 60_000 });
const ms = performance.now() - t;
console.log(JSON.stringify({ id, ms, polled: results.length, rssMb: process.memoryUsage().rss / 1e6 }));
fetcher.close();
await store.close();
process.exit(0);
