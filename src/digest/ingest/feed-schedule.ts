/**
 * When to poll next and how a feed's health changes. Pure functions of (feed, outcome, now) so the
 * policy is tested without a clock: a stable per-feed slot spreads polls over the interval, failures
 * back off exponentially, and a feed failing for days is warned about once, then disabled.
 */
import type { Feed, FeedHealth } from "../../core/types.js";
import { shortHash } from "./item-hash.js";

export interface HealthPolicy {
  /** Normal time between polls. */
  intervalMs: number;
  /** First retry delay after a failure; doubles per consecutive failure. */
  backoffBaseMs: number;
  backoffCapMs: number;
  /** Failing continuously this long disables the feed. */
  disableAfterMs: number;
  /** Moderators are warned this long before the feed would be disabled. */
  warnBeforeMs: number;
  /** Random extra delay up to this much, so feeds sharing a slot do not fire together. */
  maxJitterMs: number;
}

export const DEFAULT_HEALTH_POLICY: HealthPolicy = {
  intervalMs: 30 * 60_000,
  backoffBaseMs: 10 * 60_000,
  backoffCapMs: 24 * 3600_000,
  disableAfterMs: 7 * 24 * 3600_000,
  warnBeforeMs: 24 * 3600_000,
  maxJitterMs: 60_000,
};

/** A stable offset in [0, interval) derived from the feed id: the feed's slot in every interval. */
export function slotOffset(feedId: string, intervalMs: number): number {
  return Number.parseInt(shortHash("slot", feedId).slice(0, 12), 16) % Math.max(1, intervalMs);
}

/** Next poll after a success: the feed's slot in the next interval (at least half an interval away), plus jitter, never sooner than its ttl. */
export function nextPollAfterSuccess(feed: Pick<Feed, "id" | "ttlMinutes">, now: Date, policy: HealthPolicy, random: () => number = Math.random): Date {
  const interval = Math.max(5000, policy.intervalMs);
  const offset = slotOffset(feed.id, interval);
  const t = now.getTime();
  let slot = Math.floor(t / interval) * interval + offset;
  while (slot < t + interval / 2) slot += interval;
  const jitter = Math.floor(random() * Math.min(policy.maxJitterMs, interval / 10));
  const ttlFloor = feed.ttlMinutes ? t + feed.ttlMinutes * 60_000 : 0;
  return new Date(Math.max(slot + jitter, ttlFloor));
}

export function backoffMs(consecutiveFailures: number, policy: HealthPolicy): number {
  const n = Math.max(0, consecutiveFailures - 1);
  return Math.min(policy.backoffCapMs, policy.backoffBaseMs * 2 ** Math.min(n, 30));
}

/**
 * Health after a successful poll. A `warning` (truncated document, every entry skipped, 304 without
 * validators) is kept as lastError with lastErrorKind "warning" while consecutiveFailures stays 0:
 * the feed is healthy, but a moderator listing feeds should see why it delivers less than expected.
 */
export function healthAfterSuccess(now: Date, nextPollAt: Date, warning: string | null = null): Partial<FeedHealth> {
  return {
    lastPolledAt: now,
    lastSuccessAt: now,
    consecutiveFailures: 0,
    failingSince: null,
    lastError: warning,
    lastErrorKind: warning === null ? null : "warning",
    warnedAt: null,
    nextPollAt,
  };
}

export interface FailureInfo {
  code: string;
  message: string;
  /** From Retry-After: do not come back sooner. */
  retryAfterMs?: number | null;
}

export interface FailureOutcome {
  health: Partial<FeedHealth>;
  /** The feed is now disabled. */
  disabled: boolean;
  /** Moderators should be told the feed will soon be disabled (returned once per failing run). */
  warn: boolean;
}

export function healthAfterFailure(health: FeedHealth, failure: FailureInfo, now: Date, policy: HealthPolicy): FailureOutcome {
  const failures = health.consecutiveFailures + 1;
  const failingSince = health.failingSince ?? now;
  const failingFor = now.getTime() - failingSince.getTime();
  const delay = Math.min(policy.backoffCapMs, Math.max(backoffMs(failures, policy), failure.retryAfterMs ?? 0));
  const base: Partial<FeedHealth> = {
    lastPolledAt: now,
    consecutiveFailures: failures,
    failingSince,
    lastError: failure.message,
    lastErrorKind: failure.code,
    nextPollAt: new Date(now.getTime() + delay),
  };
  if (failingFor >= policy.disableAfterMs) {
    const days = Math.round(failingFor / (24 * 3600_000));
    return {
      health: { ...base, disabledAt: now, disabledReason: `Failing for ${days} days: ${failure.message}` },
      disabled: true,
      warn: false,
    };
  }
  const warn = health.warnedAt === null && failingFor >= policy.disableAfterMs - policy.warnBeforeMs;
  return { health: warn ? { ...base, warnedAt: now } : base, disabled: false, warn };
}
