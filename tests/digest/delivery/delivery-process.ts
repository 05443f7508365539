/**
 * A delivery-only newsdesk process for the crash and shutdown tests, run as a child with
 * `node --import tsx`: the composition root's own parts (config from the environment, store, the real
 * Telegram adapter through createBots, pipeline, scheduler, the default instance id), minus polling and
 * feeds, with the digest tick run at once. It prints one JSON line per event on stdout:
 *   {"event":"instance","id":…}  {"event":"unfinished","resumed":n,…}  {"event":"tick",…}
 *   {"event":"stopped","ms":…,"ended":bool}
 * SIGTERM stops it as main.ts does (scheduler.stop, then the bots); SIGKILL is the crash.
 * Extra environment: PG_SCHEMA (Postgres tests' schema).
 */
import { loadConfig } from "../../../src/config.js";
import { silentLogger } from "../../../src/core/logger.js";
import type { Messenger } from "../../../src/core/messenger.js";
import type { Platform } from "../../../src/core/types.js";
import { createFeedFetcher } from "../../../src/digest/ingest/feed-fetcher.js";
import { createPipeline } from "../../../src/digest/pipeline.js";
import { startScheduler } from "../../../src/digest/scheduler.js";
import { defaultInstanceId } from "../../../src/instance-id.js";
import { openStore } from "../../../src/store/open-store.js";
import { createBots } from "../../../src/wire-bots.js";

const print = (event: string, data: Record<string, unknown> = {}) => process.stdout.write(`${JSON.stringify({ event, ...data })}\n`);

const config = loadConfig(process.env);
const schema = process.env["PG_SCHEMA"];
const store = await openStore(config.databaseUrl, schema ? { pgSchema: schema } : {});
const slot = config.instanceId ? null : await defaultInstanceId({ databaseUrl: `${config.databaseUrl}#${schema ?? ""}` });
const instanceId = config.instanceId ?? slot?.id ?? "x";
print("instance", { id: instanceId, pid: process.pid });

const fetcher = createFeedFetcher();
const bots = await createBots(config, { store, logger: silentLogger, chatFetcher: fetcher, now: () => new Date() });
const messengers = new Map<Platform, Messenger>(bots.map((b) => [b.platform, b.messenger]));
const pipeline = createPipeline({ store, fetcher, messengers, logger: silentLogger, instanceId }, { pollIntervalMs: 3_600_000, maxItemsPerFeed: 10 });

const unfinished = await pipeline.resumeUnfinished(new Date());
const resumed = unfinished.filter((o) => o.resumed);
print("unfinished", {
  resumed: resumed.length,
  finished: resumed.filter((o) => o.status === "sent").length,
  heldByOthers: unfinished.filter((o) => !o.resumed && o.status === "skipped").length,
});

const scheduler = startScheduler(pipeline, silentLogger, {
  retentionDays: 30,
  digestsAtStart: true,
  observe: {
    deliveries: (outcomes) =>
      print("tick", {
        sent: outcomes.filter((o) => o.status === "sent").length,
        retry: outcomes.filter((o) => o.status === "retry").length,
        skipped: outcomes.filter((o) => o.status === "skipped").length,
      }),
  },
});

process.once("SIGTERM", () => {
  const t0 = performance.now();
  print("signal", { at: Date.now() });
  void (async () => {
    const ended = await scheduler.stop();
    for (const b of bots) await b.stop().catch(() => {});
    fetcher.close();
    slot?.release();
    print("stopped", { ms: Math.round(performance.now() - t0), ended });
    await store.close();
    process.exit(0);
  })();
});
