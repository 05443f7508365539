import { describe, expect, it } from "vitest";
import { RateLimiter, type BucketRef } from "./rate-limit.js";

const bucket = (key: string, limit = 2, windowMs = 1000): BucketRef => ({ key, hash: "h", config: { limit, windowMs } });
const opts = (enforce: boolean, globalPerSecond = 3) => ({
  globalPerSecond,
  channelBucket: { limit: 2, windowMs: 1000 },
  routeBucket: { limit: 100, windowMs: 1000 },
  enforce,
});

describe("RateLimiter", () => {
  it("counts down X-RateLimit-Remaining and refuses the request past the bucket with 429 data", () => {
    const rl = new RateLimiter(opts(true, 100));
    const a = rl.check({ countsGlobally: true, bucket: bucket("c1") }, 1000);
    const b = rl.check({ countsGlobally: true, bucket: bucket("c1") }, 1100);
    const c = rl.check({ countsGlobally: true, bucket: bucket("c1") }, 1200);
    expect(a.headers["X-RateLimit-Remaining"]).toBe("1");
    expect(b.headers["X-RateLimit-Remaining"]).toBe("0");
    expect(b.headers["X-RateLimit-Reset-After"]).toBe("0.900");
    expect(c.ok).toBe(false);
    if (c.ok) return;
    expect(c.body).toMatchObject({ global: false, retry_after: 0.8 });
    expect(c.headers["Retry-After"]).toBe("0.800");
    expect(c.headers["X-RateLimit-Global"]).toBeUndefined();
    // Another channel has its own bucket.
    expect(rl.check({ countsGlobally: true, bucket: bucket("c2") }, 1200).ok).toBe(true);
    // The window slides: once the first hit is 1 s old a slot frees.
    expect(rl.check({ countsGlobally: true, bucket: bucket("c1") }, 2000).ok).toBe(true);
    expect(rl.stats()).toMatchObject({ accepted: 4, limited: 1, limitedGlobal: 0, overCapAccepted: 0 });
  });

  it("applies the global cap across buckets with the global headers", () => {
    const rl = new RateLimiter(opts(true, 3));
    for (let i = 0; i < 3; i++) expect(rl.check({ countsGlobally: true, bucket: bucket(`k${i}`) }, 500).ok).toBe(true);
    const d = rl.check({ countsGlobally: true, bucket: bucket("k9") }, 600);
    expect(d.ok).toBe(false);
    expect(d.headers).toMatchObject({ "X-RateLimit-Global": "true", "X-RateLimit-Scope": "global", "Retry-After": "0.900" });
    // Interaction callbacks do not count against the global cap.
    expect(rl.check({ countsGlobally: false, bucket: bucket("cb") }, 600).ok).toBe(true);
    expect(rl.stats().limitedGlobal).toBe(1);
  });

  it("in observe mode accepts over-cap requests and counts each of them", () => {
    const rl = new RateLimiter(opts(false, 3));
    for (let i = 0; i < 5; i++) expect(rl.check({ countsGlobally: true, bucket: bucket(`k${i}`) }, 100 + i).ok).toBe(true);
    // 5 within one second against a cap of 3: two were over.
    expect(rl.stats()).toMatchObject({ accepted: 5, limited: 0, overCapAccepted: 2 });
    // Same bucket over its own limit of 2 (spread out so the global window stays clear).
    const rl2 = new RateLimiter(opts(false, 100));
    for (let i = 0; i < 4; i++) rl2.check({ countsGlobally: true, bucket: bucket("same") }, i * 10);
    expect(rl2.stats().overCapAccepted).toBe(2);
  });
});
