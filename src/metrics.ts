/**
 * Operator observability, wired by the composition root: Prometheus metrics at /metrics and a health
 * check at /healthz (200 while the database answers and the scheduler ticks; 503 otherwise), on an
 * HTTP server bound to METRICS_HOST:METRICS_PORT (off unless a port is set).
 */
import { createServer, type Server } from "node:http";
import { Counter, Gauge, Registry, collectDefaultMetrics } from "prom-client";
import type { Store } from "./core/ports.js";
import type { DeliveryOutcome } from "./digest/deliver.js";
import type { IngestReport } from "./digest/pipeline.js";
import type { SchedulerOptions } from "./digest/scheduler.js";

export interface Health {
  ok: boolean;
  reason?: string;
  /** This instance's roles (ROLES). */
  roles?: readonly string[];
  /** Each leader lock this instance competes for, and whether it holds it. */
  leader?: Record<string, boolean>;
}

export interface Metrics {
  readonly registry: Registry;
  /** Hooks for the scheduler. */
  readonly observe: NonNullable<SchedulerOptions["observe"]>;
  health(at?: Date): Promise<Health>;
}

export interface MetricsOptions {
  now?: () => Date;
  roles?: readonly string[];
  leaders?: () => Record<string, boolean>;
}

export function createMetrics(store: Store, opts: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "newsdesk_" });
  const polls = new Counter({ name: "newsdesk_feed_polls_total", help: "Feed polls by outcome", labelNames: ["outcome"], registers: [registry] });
  const items = new Counter({ name: "newsdesk_items_new_total", help: "New items stored", registers: [registry] });
  const digests = new Counter({ name: "newsdesk_digests_total", help: "Digest deliveries by status", labelNames: ["status"], registers: [registry] });
  const ambiguous = new Counter({
    name: "newsdesk_ambiguous_sends_total",
    help: "Digest messages whose send failed after the platform may have accepted them (5xx, connection reset): retried once, or unconfirmed (failed so twice, not sent again)",
    labelNames: ["outcome"],
    registers: [registry],
  });
  for (const outcome of ["retried", "unconfirmed"]) ambiguous.inc({ outcome }, 0);
  const runs = new Counter({ name: "newsdesk_runs_total", help: "Scheduled runs by task and result", labelNames: ["task", "result"], registers: [registry] });
  const lastRun = new Gauge({ name: "newsdesk_last_run_timestamp_seconds", help: "Last finished run per task", labelNames: ["task"], registers: [registry] });
  const lastTick = new Map<string, number>();
  // Per-role figures: which roles run here, which leader locks it holds, and what the ingest role did.
  const roleGauge = new Gauge({ name: "newsdesk_role", help: "Roles this instance runs (1)", labelNames: ["role"], registers: [registry] });
  for (const r of opts.roles ?? []) roleGauge.set({ role: r }, 1);
  new Gauge({
    name: "newsdesk_leader",
    help: "Leader locks: 1 while this instance holds it",
    labelNames: ["lock"],
    registers: [registry],
    collect() {
      for (const [lock, held] of Object.entries(opts.leaders?.() ?? {})) this.set({ lock }, held ? 1 : 0);
    },
  });
  const clusterRuns = new Counter({
    name: "newsdesk_ingest_cluster_runs_total",
    help: "Ingest runs by whether this instance clustered (leader) or only polled",
    labelNames: ["clustered"],
    registers: [registry],
  });
  const storiesTouched = new Counter({ name: "newsdesk_stories_clustered_total", help: "Stories created or grown by this instance's clustering", registers: [registry] });

  new Gauge({
    name: "newsdesk_destinations",
    help: "Destinations by platform and state",
    labelNames: ["platform", "state"],
    registers: [registry],
    async collect() {
      this.reset();
      for (const d of await store.destinations.list()) this.inc({ platform: d.platform, state: d.active ? "active" : "inactive" });
    },
  });
  new Gauge({
    name: "newsdesk_feeds",
    help: "Feeds by health",
    labelNames: ["state"],
    registers: [registry],
    async collect() {
      this.reset();
      for (const f of await store.feeds.list({ includeDisabled: true })) {
        const state = f.health.disabledAt ? "disabled" : f.health.consecutiveFailures > 0 ? "failing" : "ok";
        this.inc({ state });
      }
    },
  });

  const now = opts.now ?? (() => new Date());
  return {
    registry,
    observe: {
      ingest(r: IngestReport) {
        for (const f of r.feeds) polls.inc({ outcome: f.outcome });
        items.inc(r.feeds.reduce((n, f) => n + f.newItems.length, 0));
        clusterRuns.inc({ clustered: r.clusteredHere === false ? "no" : "yes" });
        storiesTouched.inc(r.clustered.stories.length);
      },
      deliveries(outcomes: readonly DeliveryOutcome[]) {
        for (const o of outcomes) {
          digests.inc({ status: o.status });
          if (o.ambiguous?.retried) ambiguous.inc({ outcome: "retried" }, o.ambiguous.retried);
          if (o.ambiguous?.unconfirmed) ambiguous.inc({ outcome: "unconfirmed" }, o.ambiguous.unconfirmed);
        }
      },
      tick(task, at, ok) {
        runs.inc({ task, result: ok ? "ok" : "failed" });
        if (ok) {
          lastRun.set({ task }, at.getTime() / 1000);
          lastTick.set(task, at.getTime());
        }
      },
    },
    async health(at = now()) {
      const who = { ...(opts.roles ? { roles: opts.roles } : {}), ...(opts.leaders ? { leader: opts.leaders() } : {}) };
      try {
        await store.settings.get("health-check");
      } catch {
        return { ok: false, reason: "database unreachable", ...who };
      }
      const digestsTick = lastTick.get("digests");
      // The digest tick runs every minute; five quiet minutes mean the scheduler is stuck.
      if (digestsTick !== undefined && at.getTime() - digestsTick > 5 * 60_000) return { ok: false, reason: "scheduler stalled", ...who };
      return { ok: true, ...who };
    },
  };
}

export async function serveMetrics(metrics: Metrics, host: string, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method !== "GET") return void res.writeHead(405).end();
    if (path === "/metrics") {
      metrics.registry.metrics().then(
        (text) => res.writeHead(200, { "content-type": metrics.registry.contentType }).end(text),
        () => res.writeHead(500).end(),
      );
    } else if (path === "/healthz") {
      metrics.health().then((h) =>
        res.writeHead(h.ok ? 200 : 503, { "content-type": "application/json" }).end(JSON.stringify(h)),
      );
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  return server;
}
