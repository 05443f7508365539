import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../src/core/ports.js";
import { createMetrics, serveMetrics } from "../src/metrics.js";
import { openStore } from "../src/store/open-store.js";

describe("health and metrics of one instance among several", () => {
  let store: Store;
  let server: Server;
  let base: string;
  const leaders = { cluster: true, "telegram-polling": false };

  beforeAll(async () => {
    store = await openStore("sqlite::memory:");
    const metrics = createMetrics(store, { roles: ["ingest", "telegram"], leaders: () => ({ ...leaders }) });
    metrics.observe.ingest?.({ feeds: [], clustered: { items: 3, stories: [], merged: [] }, clusteredHere: false });
    server = await serveMetrics(metrics, "127.0.0.1", 0);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.close();
    await store.close();
  });

  it("/healthz names the roles and the leader locks held, as they change", async () => {
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ ok: true, roles: ["ingest", "telegram"], leader: { cluster: true, "telegram-polling": false } });
    leaders.cluster = false;
    leaders["telegram-polling"] = true;
    expect(((await (await fetch(`${base}/healthz`)).json()) as { leader: unknown }).leader).toEqual({ cluster: false, "telegram-polling": true });
  });

  it("/metrics has per-role figures", async () => {
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(/newsdesk_role\{role="ingest"\} 1/);
    expect(text).toMatch(/newsdesk_role\{role="telegram"\} 1/);
    expect(text).not.toMatch(/newsdesk_role\{role="deliver"\}/);
    expect(text).toMatch(/newsdesk_leader\{lock="telegram-polling"\} 1/);
    expect(text).toMatch(/newsdesk_ingest_cluster_runs_total\{clustered="no"\} 1/);
  });
});
