/** A limit of `limit` requests per sliding `windowMs`. */
export interface BucketConfig {
  limit: number;
  windowMs: number;
}

export interface RateLimitOptions {
  /** Requests per second across the whole bot (Discord: 50). Interaction callbacks are exempt, as on Discord. */
  globalPerSecond: number;
  /** Per-channel bucket for POST /channels/:id/messages (Discord: about 5 per 5 s). */
  channelBucket: BucketConfig;
  /** Every other route, per route and major parameter. */
  routeBucket: BucketConfig;
  /**
   * When false, over-cap requests are accepted (and counted in `overCapAccepted`) instead of getting 429:
   * lets a benchmark check that a sender paces itself without the fake's help.
   */
  enforce: boolean;
}

export const DEFAULT_RATE_LIMITS: RateLimitOptions = {
  globalPerSecond: 50,
  channelBucket: { limit: 5, windowMs: 5000 },
  routeBucket: { limit: 1000, windowMs: 1000 },
  enforce: true,
};

export interface RateLimitStats {
  /** Requests that passed the limiter. */
  accepted: number;
  /** 429s sent (global + bucket). */
  limited: number;
  limitedGlobal: number;
  /** Accepted requests that made a window exceed its cap, recomputed from the accepted log. */
  overCapAccepted: number;
}

export interface BucketRef {
  /** e.g. "channel:123" — the window that is counted. */
  key: string;
  /** The X-RateLimit-Bucket hash shared by all keys of this route, as Discord does. */
  hash: string;
  config: BucketConfig;
}

export type Decision =
  | { ok: true; headers: Record<string, string> }
  | { ok: false; headers: Record<string, string>; body: Record<string, unknown> };

class SlidingWindow {
  private hits: number[] = [];
  constructor(readonly config: BucketConfig) {}

  private prune(now: number): void {
    const from = now - this.config.windowMs;
    let i = 0;
    while (i < this.hits.length && (this.hits[i] ?? 0) <= from) i++;
    if (i > 0) this.hits.splice(0, i);
  }

  used(now: number): number {
    this.prune(now);
    return this.hits.length;
  }

  /** Ms until the oldest hit leaves the window (a slot frees). */
  resetAfterMs(now: number): number {
    this.prune(now);
    const oldest = this.hits[0];
    return oldest === undefined ? 0 : Math.max(0, oldest + this.config.windowMs - now);
  }

  add(now: number): void {
    this.hits.push(now);
  }
}

const secs = (ms: number) => (ms / 1000).toFixed(3);

/** Discord-style global and per-bucket limits with the headers discord.js's queue paces itself by. */
export class RateLimiter {
  private readonly global: SlidingWindow;
  private readonly buckets = new Map<string, SlidingWindow>();
  private readonly acceptedLog: { t: number; global: boolean; key: string; config: BucketConfig }[] = [];
  private limited = 0;
  private limitedGlobal = 0;

  constructor(readonly options: RateLimitOptions) {
    this.global = new SlidingWindow({ limit: options.globalPerSecond, windowMs: 1000 });
  }

  check(req: { countsGlobally: boolean; bucket: BucketRef }, now: number): Decision {
    const { enforce } = this.options;
    if (req.countsGlobally && enforce && this.global.used(now) >= this.global.config.limit) {
      this.limited += 1;
      this.limitedGlobal += 1;
      const retry = Math.max(1, this.global.resetAfterMs(now));
      return {
        ok: false,
        headers: { "Retry-After": secs(retry), "X-RateLimit-Global": "true", "X-RateLimit-Scope": "global" },
        body: { message: "You are being rate limited.", retry_after: retry / 1000, global: true, code: 0 },
      };
    }
    let window = this.buckets.get(req.bucket.key);
    if (!window) {
      window = new SlidingWindow(req.bucket.config);
      this.buckets.set(req.bucket.key, window);
    }
    const { limit } = window.config;
    if (enforce && window.used(now) >= limit) {
      this.limited += 1;
      const retry = Math.max(1, window.resetAfterMs(now));
      return {
        ok: false,
        headers: {
          ...this.bucketHeaders(req.bucket.hash, limit, 0, retry, now),
          "Retry-After": secs(retry),
          "X-RateLimit-Scope": "user",
        },
        body: { message: "You are being rate limited.", retry_after: retry / 1000, global: false, code: 0 },
      };
    }
    window.add(now);
    if (req.countsGlobally) this.global.add(now);
    this.acceptedLog.push({ t: now, global: req.countsGlobally, key: req.bucket.key, config: window.config });
    const remaining = Math.max(0, limit - window.used(now));
    return { ok: true, headers: this.bucketHeaders(req.bucket.hash, limit, remaining, window.resetAfterMs(now), now) };
  }

  private bucketHeaders(hash: string, limit: number, remaining: number, resetAfterMs: number, now: number) {
    return {
      "X-RateLimit-Limit": String(limit),
      "X-RateLimit-Remaining": String(remaining),
      "X-RateLimit-Reset": secs(now + resetAfterMs),
      "X-RateLimit-Reset-After": secs(resetAfterMs),
      "X-RateLimit-Bucket": hash,
    };
  }

  stats(): RateLimitStats {
    return {
      accepted: this.acceptedLog.length,
      limited: this.limited,
      limitedGlobal: this.limitedGlobal,
      overCapAccepted: this.auditOverCap(),
    };
  }

  /** Independent of the live windows: replays the accepted log and counts requests beyond any cap. */
  private auditOverCap(): number {
    const over = new Set<number>();
    const scan = (indices: number[], limit: number, windowMs: number) => {
      let start = 0;
      for (let end = 0; end < indices.length; end++) {
        const tEnd = this.acceptedLog[indices[end] ?? 0]?.t ?? 0;
        while ((this.acceptedLog[indices[start] ?? 0]?.t ?? 0) <= tEnd - windowMs) start++;
        if (end - start + 1 > limit) over.add(indices[end] ?? 0);
      }
    };
    const byKey = new Map<string, number[]>();
    const globalIdx: number[] = [];
    this.acceptedLog.forEach((e, i) => {
      if (e.global) globalIdx.push(i);
      const list = byKey.get(e.key) ?? [];
      list.push(i);
      byKey.set(e.key, list);
    });
    scan(globalIdx, this.options.globalPerSecond, 1000);
    for (const [, idx] of byKey) {
      const first = this.acceptedLog[idx[0] ?? 0];
      if (first) scan(idx, first.config.limit, first.config.windowMs);
    }
    return over.size;
  }
}
