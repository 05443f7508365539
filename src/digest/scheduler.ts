/**
 * node-cron wiring only: a minute tick that delivers due digests, and a minute tick that polls the
 * feeds whose own next-poll time has come (each feed has a stable slot in the interval, so polls
 * spread out). Runs never overlap. Each feed tick waits a random part of a tick first, so instances
 * started together take turns at claiming due feeds instead of one always winning the race.
 *
 * stop() claims nothing new: it aborts the run's signal, so a delivery run finishes only the messages
 * already on their way (each recorded in the ledger) and leaves the rest claimed for resumption, then
 * waits at most `stopGraceMs` for what is in flight. An orchestrator's grace period (Kubernetes: 30 s,
 * Docker: 10 s) is never spent on the rest of a long run.
 */
import { setMaxListeners } from "node:events";
import cron from "node-cron";
import { describeError } from "../core/errors.js";
import type { Logger } from "../core/logger.js";
import type { DeliveryOutcome } from "./deliver.js";
import type { IngestReport, Pipeline } from "./pipeline.js";

export interface Scheduler {
  /** Resolves when the runs in flight ended, or after the grace period: whether they all ended. */
  stop(): Promise<boolean>;
}

export interface SchedulerOptions {
  /** Days of items, stories and delivery records kept; pruned once a day. */
  retentionDays: number;
  /**
   * Which runs this instance makes (its roles): feeds and prune for ingest, digests for deliver.
   * Default: all.
   */
  run?: { digests: boolean; feeds: boolean; prune: boolean };
  /** Tick period instead of every minute (tests and demos with second-long poll intervals). */
  tickMs?: number;
  /** Longest wait in stop() for the runs in flight (default 8 s, inside Docker's 10 s grace period). */
  stopGraceMs?: number;
  /**
   * Each feed tick starts after a random delay below this (default: half a tick; 10 s with the minute
   * tick). Instances started together tick in step, and the first to claim takes every feed that
   * came due: with a spread they take turns, so the work is shared rather than raced for.
   */
  feedsSpreadMs?: number;
  /** Also run the digest tick right away instead of at the next minute (tests, catching up). */
  digestsAtStart?: boolean;
  /** Told the outcome of every run (metrics). */
  observe?: {
    ingest?(report: IngestReport): void;
    deliveries?(outcomes: readonly DeliveryOutcome[]): void;
    tick?(task: "digests" | "feeds" | "prune", at: Date, ok: boolean): void;
  };
}

export function startScheduler(
  pipeline: Pipeline,
  logger: Logger,
  opts: SchedulerOptions,
  clock: () => Date = () => new Date(),
): Scheduler {
  const inFlight = new Set<Promise<unknown>>();
  let stopping = false;
  const stopSignal = new AbortController();
  // Every in-flight send and fetch waits on this one signal (and removes its listener when done), so
  // dozens of listeners at once are normal; the default limit of 10 printed a false "leak" warning.
  // Still bounded, so a real leak shows.
  setMaxListeners(10_000, stopSignal.signal);

  const guarded = (name: "digests" | "feeds" | "prune", fn: () => Promise<unknown>) => {
    let running = false;
    return async () => {
      if (running || stopping) return;
      running = true;
      const p = fn()
        .then(() => opts.observe?.tick?.(name, clock(), true))
        .catch((err: unknown) => {
          logger.error({ err: describeError(err), task: name }, "scheduled run failed");
          opts.observe?.tick?.(name, clock(), false);
        })
        .finally(() => {
          running = false;
          inFlight.delete(p);
        });
      inFlight.add(p);
      await p;
    };
  };

  const digests = guarded("digests", async () => {
    const outcomes = await pipeline.deliverDue(clock(), { signal: stopSignal.signal });
    opts.observe?.deliveries?.(outcomes);
    const sent = outcomes.filter((o) => o.status === "sent").length;
    if (outcomes.length) logger.info({ due: outcomes.length, sent }, "digest tick");
  });
  const feeds = guarded("feeds", async () => {
    const r = await pipeline.ingest(clock());
    opts.observe?.ingest?.(r);
    const fresh = r.feeds.reduce((n, f) => n + f.newItems.length, 0);
    if (r.feeds.length) logger.info({ polled: r.feeds.length, newItems: fresh, stories: r.clustered.stories.length }, "poll tick");
  });

  const prune = guarded("prune", () => pipeline.prune(clock(), opts.retentionDays));

  const spreadMs = opts.feedsSpreadMs ?? (opts.tickMs ? opts.tickMs / 2 : 10_000);
  const pending = new Set<NodeJS.Timeout>();
  const spreadFeeds = () => {
    if (stopping) return;
    if (spreadMs <= 0) return void feeds();
    const t = setTimeout(() => {
      pending.delete(t);
      void feeds();
    }, Math.floor(Math.random() * spreadMs));
    pending.add(t);
  };

  const run = opts.run ?? { digests: true, feeds: true, prune: true };
  // Poll once right away: a fresh start should not wait for the first tick to have news.
  if (run.feeds) void feeds();
  if (opts.digestsAtStart && run.digests) void digests();

  const tasks = [
    ...(run.digests && !opts.tickMs ? [cron.schedule("* * * * *", digests, { name: "newsdesk-digests", noOverlap: true })] : []),
    ...(run.feeds && !opts.tickMs ? [cron.schedule("30 * * * * *", spreadFeeds, { name: "newsdesk-feeds", noOverlap: true })] : []),
    // Daily, at an odd minute so several instances' other work is not all at once.
    ...(run.prune ? [cron.schedule("17 4 * * *", prune, { name: "newsdesk-prune", noOverlap: true })] : []),
  ];
  const timers = opts.tickMs
    ? [...(run.digests ? [setInterval(() => void digests(), opts.tickMs)] : []), ...(run.feeds ? [setInterval(spreadFeeds, opts.tickMs)] : [])]
    : [];

  return {
    async stop() {
      stopping = true;
      for (const t of timers) clearInterval(t);
      for (const t of pending) clearTimeout(t);
      stopSignal.abort();
      for (const t of tasks) {
        await t.stop();
        await t.destroy();
      }
      let timer: NodeJS.Timeout | undefined;
      const graceMs = opts.stopGraceMs ?? 8000;
      const ended = await Promise.race([
        Promise.allSettled([...inFlight]).then(() => true),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs))),
      ]);
      clearTimeout(timer);
      // Whatever is still running holds its claims; they are resumed at the next start (or by another
      // instance once the lease runs out), so giving up the wait loses nothing.
      if (!ended) logger.warn({ graceMs, running: inFlight.size }, "stopping without waiting longer for runs in flight");
      return ended;
    },
  };
}
