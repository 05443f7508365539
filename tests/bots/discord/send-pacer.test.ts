import { describe, expect, it } from "vitest";
import { createSendPacer } from "../../../src/bots/discord/send-pacer.js";

/** A virtual clock: sleeping advances it, and each request takes `latency` ms of it. */
function clock() {
  const c = { t: 0, now: () => c.t, sleep: async (ms: number) => void (c.t += ms) };
  return c;
}

describe("send pacer", () => {
  it("starts a request only a second after the one `cap` places before it completed, on an even grid", async () => {
    const c = clock();
    const pacer = createSendPacer({ perSecond: 10, now: c.now, sleep: c.sleep });
    const starts: number[] = [];
    const ends: number[] = [];
    for (let i = 0; i < 35; i++) {
      await pacer.schedule(async () => {
        starts.push(c.t);
        c.t += 7; // the request's round trip
        ends.push(c.t);
      });
    }
    for (let i = 10; i < starts.length; i++) expect(starts[i]! - ends[i - 10]!).toBeGreaterThanOrEqual(1000);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(100);
    // No slot is wasted: the 11th waits exactly for the first one's completion + 1 s.
    expect(starts.slice(0, 12)).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1007, 1107]);
  });

  it("waits for a request still in flight before reusing its slot, and frees slots of failed requests", async () => {
    const c = clock();
    const pacer = createSendPacer({ perSecond: 2, now: c.now, sleep: c.sleep });
    let release!: () => void;
    const slow = pacer.schedule(() => new Promise<void>((r) => (release = r)));
    await expect(pacer.schedule(async () => Promise.reject(new Error("refused")))).rejects.toThrow("refused");
    let third = false;
    const next = pacer.schedule(async () => void (third = true));
    await new Promise((r) => setTimeout(r, 5));
    expect(third).toBe(false);
    c.t = 5000;
    release();
    await slow;
    await next;
    expect(third).toBe(true);
  });

  it("serves concurrent callers in order", async () => {
    const c = clock();
    const pacer = createSendPacer({ perSecond: 2, now: c.now, sleep: c.sleep });
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3, 4].map((i) => pacer.schedule(async () => void order.push(i))));
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });
});
