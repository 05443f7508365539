import { describe, expect, it } from "vitest";
import { maxInWindow, RateLimiter, type RateLimits } from "./rate-limiter.js";

/** A limiter on a hand-driven clock, so caps are tested without waiting. */
function limiter(limits: Partial<RateLimits>) {
  const clock = { t: 1_000_000 };
  return { clock, rl: new RateLimiter(limits, () => clock.t) };
}

describe("RateLimiter", () => {
  it("caps messages per second overall and says when to retry", () => {
    const { clock, rl } = limiter({ globalPerSecond: 3, perChat: false });
    for (let chat = 1; chat <= 3; chat++) expect(rl.admit(chat, false)).toEqual({ ok: true });
    expect(rl.admit(4, false)).toEqual({ ok: false, scope: "global", retryAfter: 1 });
    clock.t += 999;
    expect(rl.admit(4, false).ok).toBe(false);
    clock.t += 1;
    expect(rl.admit(4, false)).toEqual({ ok: true });
    expect(rl.stats()).toMatchObject({ accepted: 4, refused: 2, maxPerSecond: 3, overCap: { global: 2 } });
  });

  it("allows a per-chat burst, then one message per second", () => {
    const { clock, rl } = limiter({ perChatBurst: 2, perChatPerSecond: 1 });
    expect(rl.admit(7, false).ok).toBe(true);
    expect(rl.admit(7, false).ok).toBe(true);
    expect(rl.admit(7, false)).toEqual({ ok: false, scope: "chat", retryAfter: 1 });
    expect(rl.admit(8, false).ok).toBe(true); // other chats have their own bucket
    clock.t += 1000;
    expect(rl.admit(7, false).ok).toBe(true);
    expect(rl.admit(7, false).ok).toBe(false);
  });

  it("caps a group at 20 per minute with retry_after until the oldest leaves the window", () => {
    const { clock, rl } = limiter({});
    for (let i = 0; i < 20; i++) {
      expect(rl.admit(-5, true).ok).toBe(true);
      clock.t += 1500;
    }
    // The first message was 30 s ago: 30 s remain in its minute.
    expect(rl.admit(-5, true)).toEqual({ ok: false, scope: "group", retryAfter: 30 });
    expect(rl.stats().maxPerMinuteInOneGroup).toBe(20);
  });

  it("in observe mode accepts everything but counts what was over a cap", () => {
    const { rl } = limiter({ mode: "observe", perChatBurst: 1 });
    for (let i = 0; i < 5; i++) expect(rl.admit(1, false).ok).toBe(true);
    expect(rl.stats()).toMatchObject({ accepted: 5, refused: 0, overCap: { chat: 4 }, maxPerSecondInOneChat: 5 });
  });

  it("disables per-chat caps on request and everything with mode off", () => {
    const perChatOff = limiter({ perChat: false }).rl;
    for (let i = 0; i < 30; i++) expect(perChatOff.admit(-5, true).ok).toBe(true);
    expect(perChatOff.admit(-5, true).ok).toBe(false); // the global cap still holds
    const off = limiter({ mode: "off" }).rl;
    for (let i = 0; i < 100; i++) expect(off.admit(1, false).ok).toBe(true);
    expect(off.stats().overCap).toEqual({ global: 0, chat: 0, group: 0 });
  });

  it("counts accepted messages per wall-clock second", () => {
    const { clock, rl } = limiter({ mode: "off" });
    clock.t = 5_000;
    rl.admit(1, false);
    rl.admit(2, false);
    clock.t = 6_200;
    rl.admit(1, false);
    expect([...rl.perSecond()]).toEqual([[5, 2], [6, 1]]);
    expect([...rl.perSecond(1)]).toEqual([[5, 1], [6, 1]]);
  });
});

describe("RateLimiter retry_after", () => {
  it("records messages sent while a 429's retry_after runs, and refuses them when told to", () => {
    const { clock, rl } = limiter({ globalPerSecond: 2, perChat: false });
    rl.admit(1, false);
    rl.admit(2, false);
    const refused = rl.admit(3, false);
    expect(refused).toEqual({ ok: false, scope: "global", retryAfter: 1 });
    clock.t += 500;
    // Sent before the retry_after ran out: counted (and refused again: the global window is still full).
    expect(rl.admit(4, false).ok).toBe(false);
    clock.t += 1000;
    expect(rl.admit(5, false).ok).toBe(true);
    expect(rl.stats().sentDuringRetryAfter).toBe(1);

    const strict = limiter({ globalPerSecond: 100, retryAfter: "enforce" });
    strict.rl.noteRetryAfter(3);
    expect(strict.rl.admit(9, false)).toEqual({ ok: false, scope: "global", retryAfter: 3 });
    strict.clock.t += 3000;
    expect(strict.rl.admit(9, false).ok).toBe(true);
    expect(strict.rl.stats()).toMatchObject({ sentDuringRetryAfter: 1, refused: 1 });
  });
});

describe("maxInWindow", () => {
  it("finds the densest window, as the caps count it", () => {
    expect(maxInWindow([], 1000)).toBe(0);
    expect(maxInWindow([0, 999, 1000, 1500, 1998], 1000)).toBe(4);
    expect(maxInWindow([0, 999, 1000, 1500, 1999], 1000)).toBe(3);
    expect(maxInWindow([0, 1000, 2000], 1000)).toBe(1);
  });
});
