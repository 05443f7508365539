import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FloodLimiter, SlidingWindow } from "../../../src/bots/telegram/flood-limiter.js";
import { maxInWindow } from "../../fakes/telegram/rate-limiter.js";

// Virtual time: the limiter's real clock (Date.now + setTimeout) under vitest's fake timers, so these tests
// check the order and spacing of sends without depending on how fast the machine is.
beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

interface Sent {
  chat: string;
  at: number;
}

/** Runs `n` sends through the limiter, each "taking" `durationMs`, and records when each started. */
async function drive(limiter: FloodLimiter, chats: Array<{ chat: string; group: boolean }>, durationMs = 0) {
  const sent: Sent[] = [];
  const all = chats.map(({ chat, group }) =>
    limiter.run(chat, group, async () => {
      sent.push({ chat, at: Date.now() });
      if (durationMs > 0) await new Promise((r) => setTimeout(r, durationMs));
      return chat;
    }),
  );
  let done = false;
  void Promise.all(all).then(() => (done = true));
  while (!done) await vi.advanceTimersByTimeAsync(50);
  return { sent, results: await Promise.all(all) };
}

describe("SlidingWindow", () => {
  it("counts a slot from when the send finished", () => {
    const w = new SlidingWindow(2, 1000);
    w.take();
    w.take();
    expect(w.waitMs(0)).toBe(Infinity);
    w.release(100);
    w.release(300);
    expect(w.waitMs(300)).toBe(800);
    expect(w.waitMs(1100)).toBe(0);
  });
});

describe("FloodLimiter", () => {
  it("never lets more than the global cap start in any second, and keeps up the rate", async () => {
    const limiter = new FloodLimiter({ globalPerSecond: 10, perChatPerSecond: 1 });
    const chats = Array.from({ length: 55 }, (_, i) => ({ chat: String(i + 1), group: false }));
    const { sent, results } = await drive(limiter, chats, 30);
    expect(results).toHaveLength(55);
    const times = sent.map((s) => s.at);
    expect(maxInWindow(times, 1000)).toBeLessThanOrEqual(10);
    // 55 sends at 10/s: never faster than the cap (≥ 4.5 s), and not much slower (paced 100 ms apart ≈ 5.4 s).
    const span = (times.at(-1) ?? 0) - (times[0] ?? 0);
    expect(span).toBeGreaterThanOrEqual(4500);
    expect(span).toBeLessThan(6000);
  });

  it("spaces sends to one chat a second apart, in order, without holding up other chats", async () => {
    const limiter = new FloodLimiter({ globalPerSecond: 30, perChatPerSecond: 1 });
    const { sent } = await drive(limiter, [
      { chat: "7", group: false },
      { chat: "7", group: false },
      { chat: "7", group: false },
      { chat: "8", group: false },
    ]);
    const seven = sent.filter((s) => s.chat === "7").map((s) => s.at);
    expect(seven[1]! - seven[0]!).toBeGreaterThanOrEqual(1000);
    expect(seven[2]! - seven[1]!).toBeGreaterThanOrEqual(1000);
    const eight = sent.find((s) => s.chat === "8");
    expect(eight!.at - seven[0]!).toBeLessThan(1000);
  });

  it("allows at most 20 messages a minute in one group", async () => {
    const limiter = new FloodLimiter({ globalPerSecond: 30, perChatPerSecond: 5, perGroupPerMinute: 20 });
    const { sent } = await drive(limiter, Array.from({ length: 25 }, () => ({ chat: "-100", group: true })));
    const times = sent.map((s) => s.at);
    expect(maxInWindow(times, 60_000)).toBeLessThanOrEqual(20);
    expect(times[20]! - times[0]!).toBeGreaterThanOrEqual(60_000);
  });

  it("keeps going after a failed send and forgets idle chats", async () => {
    const limiter = new FloodLimiter({ globalPerSecond: 1000, perChatPerSecond: 1000 });
    await expect(limiter.run("1", false, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await drive(limiter, Array.from({ length: 600 }, (_, i) => ({ chat: String(i), group: false })));
    await vi.advanceTimersByTimeAsync(5000);
    await drive(limiter, [{ chat: "x", group: false }]);
    expect(limiter.trackedChats).toBeLessThan(10);
  });
});
