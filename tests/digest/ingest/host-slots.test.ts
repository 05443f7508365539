import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../../src/core/ports.js";
import { createHostSlots } from "../../../src/digest/ingest/host-slots.js";
import { openStore } from "../../../src/store/open-store.js";

describe("per-host fetch slots shared by instances", () => {
  let dir: string;
  let a: Store;
  let b: Store;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "newsdesk-slots-"));
    a = await openStore(`sqlite:${join(dir, "db")}`);
    b = await openStore(`sqlite:${join(dir, "db")}`);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("lets two instances hold at most perHost slots of one host between them", async () => {
    const one = createHostSlots(a.leases, { holder: "a", perHost: 2, ttlMs: 10_000, retryMs: 20 });
    const two = createHostSlots(b.leases, { holder: "b", perHost: 2, ttlMs: 10_000, retryMs: 20 });
    const r1 = await one.take("feeds.example", Date.now() + 1000);
    const r2 = await two.take("feeds.example", Date.now() + 1000);
    expect(r1).not.toBeNull();
    expect(r2).not.toBeNull();
    // Both slots are taken: a third fetch waits, and gives up at its deadline.
    expect(await two.take("feeds.example", Date.now() + 100)).toBeNull();
    // Another host is not held up.
    const other = await two.take("other.example", Date.now() + 100);
    expect(other).not.toBeNull();
    // A release lets the waiting fetch go.
    const waiting = one.take("feeds.example", Date.now() + 2000);
    await new Promise((r) => setTimeout(r, 100));
    await r1!();
    const r3 = await waiting;
    expect(r3).not.toBeNull();
    for (const r of [r2, r3, other]) await r!();
  });

  it("frees a slot whose holder died once its lease expires", async () => {
    const dead = createHostSlots(a.leases, { holder: "dead", perHost: 1, ttlMs: 200, retryMs: 20 });
    const alive = createHostSlots(b.leases, { holder: "alive", perHost: 1, ttlMs: 200, retryMs: 20 });
    expect(await dead.take("slow.example", Date.now() + 100)).not.toBeNull();
    const t = Date.now();
    expect(await alive.take("slow.example", Date.now() + 2000)).not.toBeNull();
    expect(Date.now() - t).toBeGreaterThanOrEqual(150);
  });
});
