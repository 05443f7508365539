import { describe, expect, it } from "vitest";
import { runWithLimits } from "../../../src/digest/ingest/run-with-limits.js";

describe("runWithLimits", () => {
  it("respects the global and per-key limits and returns results in input order", async () => {
    const items = Array.from({ length: 40 }, (_, i) => ({ i, host: `h${i % 3}` }));
    let running = 0;
    let maxRunning = 0;
    const perKey = new Map<string, number>();
    let maxPerKey = 0;
    const results = await runWithLimits(items, (x) => x.host, { concurrency: 5, perKey: 2 }, async (x) => {
      running++;
      perKey.set(x.host, (perKey.get(x.host) ?? 0) + 1);
      maxRunning = Math.max(maxRunning, running);
      maxPerKey = Math.max(maxPerKey, perKey.get(x.host)!);
      await new Promise((ok) => setTimeout(ok, 1 + (x.i % 4)));
      running--;
      perKey.set(x.host, perKey.get(x.host)! - 1);
      return x.i * 2;
    });
    expect(results).toEqual(items.map((x) => x.i * 2));
    expect(maxRunning).toBe(5);
    expect(maxPerKey).toBe(2);
  });
  it("lets other hosts proceed while one host is saturated", async () => {
    const order: string[] = [];
    let releaseSlow!: () => void;
    const slow = new Promise<void>((ok) => (releaseSlow = ok));
    const p = runWithLimits(["a1", "a2", "b1"], (s) => s[0]!, { concurrency: 4, perKey: 1 }, async (s) => {
      order.push(`start ${s}`);
      if (s === "a1") await slow;
      return s;
    });
    await new Promise((ok) => setTimeout(ok, 5));
    expect(order).toEqual(["start a1", "start b1"]);
    releaseSlow();
    expect(await p).toEqual(["a1", "a2", "b1"]);
  });
  it("handles an empty list", async () => {
    expect(await runWithLimits([], () => "k", { concurrency: 2, perKey: 1 }, async () => 1)).toEqual([]);
  });
});
