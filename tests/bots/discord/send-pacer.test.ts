import { describe, expect, it } from "vitest";
import { createSendPacer } from "../../../src/bots/discord/send-pacer.js";

describe("send pacer", () => {
  it("never starts more than the cap within any second (plus margin), and wastes no slot", async () => {
    let t = 0;
    const starts: number[] = [];
    const pacer = createSendPacer({ perSecond: 10, marginMs: 20, now: () => t, sleep: async (ms) => void (t += ms) });
    for (let i = 0; i < 35; i++) {
      await pacer.acquire();
      starts.push(t);
    }
    for (let i = 10; i < starts.length; i++) expect(starts[i]! - starts[i - 10]!).toBeGreaterThanOrEqual(1020);
    // 35 starts: three full windows of waiting, no more.
    expect(starts.at(-1)).toBe(3 * 1020);
  });

  it("serves concurrent callers in order", async () => {
    let t = 0;
    const pacer = createSendPacer({ perSecond: 2, marginMs: 0, now: () => t, sleep: async (ms) => void (t += ms) });
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3, 4].map((i) => pacer.acquire().then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });
});
