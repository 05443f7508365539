import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startLeaderElection, type LeaderElection } from "../../src/core/leadership.js";
import { silentLogger } from "../../src/core/logger.js";
import type { Store } from "../../src/core/ports.js";
import { openStore } from "../../src/store/open-store.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(cond: () => boolean, ms: number): Promise<number> {
  const t = Date.now();
  while (!cond()) {
    if (Date.now() - t > ms) throw new Error(`not within ${ms} ms`);
    await sleep(10);
  }
  return Date.now() - t;
}

const open: Store[] = [];
const elections: LeaderElection[] = [];
let dir = "";
afterEach(async () => {
  for (const e of elections.splice(0)) await e.stop();
  for (const s of open.splice(0)) await s.close().catch(() => {});
  rmSync(dir, { recursive: true, force: true });
});

async function instance(name: string, leaseMs: number): Promise<{ store: Store; election: LeaderElection }> {
  const store = await openStore(`sqlite:${join(dir, "db")}`);
  open.push(store);
  const election = startLeaderElection(store.leases, { name: "cluster", holder: name, leaseMs, logger: silentLogger });
  elections.push(election);
  return { store, election };
}

describe("leader election on a database lease", () => {
  it("elects exactly one of several instances and tells listeners", async () => {
    dir = mkdtempSync(join(tmpdir(), "newsdesk-lead-"));
    const all = [await instance("a", 600), await instance("b", 600), await instance("c", 600)];
    const changes: boolean[] = [];
    all[0]!.election.onChange((l) => changes.push(l));
    await until(() => all.some((i) => i.election.isLeader()), 2000);
    await sleep(700);
    expect(all.filter((i) => i.election.isLeader())).toHaveLength(1);
    const leader = all.find((i) => i.election.isLeader())!;
    expect(await leader.election.confirm()).toBe(true);
    expect(changes.every((c) => c === true)).toBe(true);
  });

  it("a leader that loses its database steps down, and another leads within one lease", async () => {
    dir = mkdtempSync(join(tmpdir(), "newsdesk-lead-"));
    const leaseMs = 600;
    const a = await instance("a", leaseMs);
    await until(() => a.election.isLeader(), 2000);
    const b = await instance("b", leaseMs);
    await sleep(300);
    expect(b.election.isLeader()).toBe(false);
    // The database vanishes under the leader: it must stop acting before its lock can be taken.
    await a.store.close();
    const lost = Date.now();
    await until(() => !a.election.isLeader(), leaseMs);
    const tookOver = await until(() => b.election.isLeader(), leaseMs * 2);
    expect(Date.now() - lost).toBeLessThanOrEqual(leaseMs + 100);
    expect(tookOver).toBeGreaterThan(0);
  });

  it("stop() releases the lock so a stand-by leads at its next attempt", async () => {
    dir = mkdtempSync(join(tmpdir(), "newsdesk-lead-"));
    const a = await instance("a", 3000);
    await until(() => a.election.isLeader(), 2000);
    const b = await instance("b", 3000);
    await a.election.stop();
    expect(a.election.isLeader()).toBe(false);
    expect(await b.election.confirm()).toBe(true);
  });
});
