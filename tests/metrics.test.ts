import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../src/core/ports.js";
import { createMetrics, serveMetrics, type Metrics } from "../src/metrics.js";
import { openStore } from "../src/store/open-store.js";

describe("metrics and health", () => {
  let store: Store;
  let metrics: Metrics;
  let server: Server;
  let base: string;
  let clock = new Date("2026-11-24T08:00:00Z");

  beforeAll(async () => {
    store = await openStore("sqlite::memory:");
    metrics = createMetrics(store, { now: () => clock });
    server = await serveMetrics(metrics, "127.0.0.1", 0);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.close();
    await store.close();
  });

  it("counts polls, new items and digests, and reports destinations and feeds from the store", async () => {
    await store.destinations.upsert({ platform: "telegram", chatId: "1", kind: "dm", timeOfDay: "08:00", timeZone: "UTC" }, clock);
    const f = await store.feeds.add({ url: "https://x.example/feed", scope: { kind: "global" } }, clock);
    await store.feeds.update(f.id, { health: { consecutiveFailures: 2 } });
    metrics.observe.ingest!({
      feeds: [
        { feedId: "a", url: "u", outcome: "updated", newItems: [{} as never, {} as never], updatedItems: 0 },
        { feedId: "b", url: "u", outcome: "not-modified", newItems: [], updatedItems: 0 },
      ],
      clustered: { items: 2, stories: [], merged: [] },
    });
    metrics.observe.deliveries!([
      { destinationId: "d", key: "k", status: "sent", messages: 2, resumed: false },
      { destinationId: "e", key: "k", status: "retry", messages: 1, resumed: false, ambiguous: { retried: 2, unconfirmed: 1 } },
    ]);
    metrics.observe.tick!("digests", clock, true);
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(/newsdesk_feed_polls_total\{outcome="updated"\} 1/);
    expect(text).toMatch(/newsdesk_items_new_total 2/);
    expect(text).toMatch(/newsdesk_digests_total\{status="sent"\} 1/);
    expect(text).toMatch(/newsdesk_ambiguous_sends_total\{outcome="retried"\} 2/);
    expect(text).toMatch(/newsdesk_ambiguous_sends_total\{outcome="unconfirmed"\} 1/);
    expect(text).toMatch(/newsdesk_destinations\{platform="telegram",state="active"\} 1/);
    expect(text).toMatch(/newsdesk_feeds\{state="failing"\} 1/);
  });

  it("is healthy while the scheduler ticks, and says so when it stalls", async () => {
    const ok = await fetch(`${base}/healthz`);
    expect(ok.status).toBe(200);
    clock = new Date(clock.getTime() + 10 * 60_000);
    const stalled = await fetch(`${base}/healthz`);
    expect(stalled.status).toBe(503);
    expect(await stalled.json()).toEqual({ ok: false, reason: "scheduler stalled" });
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });
});
