import { describe, expect, it } from "vitest";
import type { FeedHealth } from "../../../src/core/types.js";
import { backoffMs, DEFAULT_HEALTH_POLICY, healthAfterFailure, nextPollAfterSuccess, slotOffset } from "../../../src/digest/ingest/feed-schedule.js";

const policy = { ...DEFAULT_HEALTH_POLICY, intervalMs: 30 * 60_000 };
const healthy: FeedHealth = {
  lastPolledAt: null, lastSuccessAt: null, consecutiveFailures: 0, failingSince: null, lastError: null,
  lastErrorKind: null, nextPollAt: null, warnedAt: null, disabledAt: null, disabledReason: null,
};
const now = new Date("2024-11-26T12:00:00Z");
const hours = (h: number) => h * 3600_000;

describe("nextPollAfterSuccess", () => {
  it("puts each feed in a stable slot of the interval, so polls spread out", () => {
    const ids = Array.from({ length: 200 }, (_, i) => `feed-${i}`);
    const offsets = ids.map((id) => slotOffset(id, policy.intervalMs));
    expect(offsets.every((o) => o >= 0 && o < policy.intervalMs)).toBe(true);
    expect(new Set(offsets.map((o) => Math.floor(o / 60_000))).size).toBeGreaterThan(20);
    const a = nextPollAfterSuccess({ id: "feed-1", ttlMinutes: null }, now, policy, () => 0);
    const later = nextPollAfterSuccess({ id: "feed-1", ttlMinutes: null }, new Date(now.getTime() + policy.intervalMs), policy, () => 0);
    expect(later.getTime() - a.getTime()).toBe(policy.intervalMs);
    expect(a.getTime() - now.getTime()).toBeGreaterThanOrEqual(policy.intervalMs / 2);
    expect(a.getTime() - now.getTime()).toBeLessThan(policy.intervalMs * 1.5);
  });
  it("adds bounded jitter and never polls sooner than the feed's ttl", () => {
    const base = nextPollAfterSuccess({ id: "x", ttlMinutes: null }, now, policy, () => 0);
    const jittered = nextPollAfterSuccess({ id: "x", ttlMinutes: null }, now, policy, () => 0.999);
    expect(jittered.getTime() - base.getTime()).toBeGreaterThan(0);
    expect(jittered.getTime() - base.getTime()).toBeLessThanOrEqual(policy.maxJitterMs);
    const ttl = nextPollAfterSuccess({ id: "x", ttlMinutes: 180 }, now, policy, () => 0);
    expect(ttl.getTime()).toBe(now.getTime() + hours(3));
  });
});

describe("healthAfterFailure", () => {
  it("backs off exponentially from 10 minutes, capped at 24 hours", () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, policy) / 60_000)).toEqual([10, 20, 40, 80]);
    expect(backoffMs(40, policy)).toBe(hours(24));
  });
  it("records the reason, the count and when failing began; honours Retry-After", () => {
    const first = healthAfterFailure(healthy, { code: "timeout", message: "The server took too long" }, now, policy);
    expect(first.health).toMatchObject({ consecutiveFailures: 1, failingSince: now, lastError: "The server took too long", lastErrorKind: "timeout" });
    expect(first.health.nextPollAt!.getTime() - now.getTime()).toBe(10 * 60_000);
    const limited = healthAfterFailure(healthy, { code: "http", message: "HTTP 429", retryAfterMs: hours(2) }, now, policy);
    expect(limited.health.nextPollAt!.getTime() - now.getTime()).toBe(hours(2));
  });
  it("warns once about a day before disabling, then disables after 7 days", () => {
    const failing = { ...healthy, consecutiveFailures: 12, failingSince: new Date(now.getTime() - hours(24 * 6 + 1)) };
    const warned = healthAfterFailure(failing, { code: "dns", message: "no such host" }, now, policy);
    expect(warned.warn).toBe(true);
    expect(warned.disabled).toBe(false);
    const again = healthAfterFailure({ ...failing, warnedAt: now }, { code: "dns", message: "no such host" }, now, policy);
    expect(again.warn).toBe(false);
    const early = healthAfterFailure({ ...failing, failingSince: new Date(now.getTime() - hours(24 * 2)) }, { code: "dns", message: "x" }, now, policy);
    expect(early.warn).toBe(false);
    const dead = healthAfterFailure({ ...failing, failingSince: new Date(now.getTime() - hours(24 * 7)) }, { code: "dns", message: "no such host" }, now, policy);
    expect(dead.disabled).toBe(true);
    expect(dead.health.disabledAt).toEqual(now);
    expect(dead.health.disabledReason).toContain("no such host");
  });
});
