/**
 * A member cannot grow the process without bound through what they type. The repro: /settings with the
 * same valid zone in ever new capitalisations ("eUrOpE/bErLiN") cached one Intl.DateTimeFormat per
 * spelling, outside the JS heap: 20,000 calls added 854 MB. Now spellings map to canonical zones and
 * every cache keyed by user input is bounded.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BoundedCache } from "../../src/core/bounded-cache.js";
import { canonicalTimeZone } from "../../src/core/commands/arg-schemas.js";
import { isValidTimeZone, nextDigestAt, wallTime, zoneCacheSizes } from "../../src/core/schedule.js";
import { harness, type Harness } from "./commands/command-fixture.js";

const ZONES = ["Europe/Berlin", "America/New_York", "Asia/Kolkata", "Asia/Calcutta", "US/Eastern", "Australia/Sydney", "UTC", "Etc/GMT+5"];

/** A random capitalisation of a random zone. */
const spelling = fc.tuple(fc.constantFrom(...ZONES), fc.array(fc.boolean(), { minLength: 32, maxLength: 32 })).map(([z, flips]) =>
  [...z].map((c, i) => (flips[i] ? c.toUpperCase() : c.toLowerCase())).join(""),
);

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(async () => {
  await h.close();
});

describe("time zones typed by members", () => {
  it("map every capitalisation to one canonical zone", () => {
    expect(canonicalTimeZone("eUrOpE/bErLiN")).toBe("Europe/Berlin");
    expect(canonicalTimeZone("utc")).toBe("UTC");
    expect(wallTime("eUrOpE/bErLiN", Date.UTC(2026, 0, 1, 12))).toEqual(wallTime("Europe/Berlin", Date.UTC(2026, 0, 1, 12)));
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
  });

  it("4,000 /settings calls and 20,000 schedule look-ups with new spellings keep the caches bounded and memory flat", async () => {
    const spellings = fc.sample(spelling, { numRuns: 20_000, seed: 42 });
    expect(new Set(spellings).size).toBeGreaterThan(5_000); // mostly new spellings
    // Warm up: the caches fill with the canonical zones, the runtime settles.
    for (const z of spellings.slice(0, 300)) await h.run("settings", { time: "07:30", zone: z });
    const before = process.memoryUsage().rss;
    // Before the fix, 3,000 /settings calls alone added 220 MB.
    for (const z of spellings.slice(0, 4_000)) {
      const reply = await h.text("settings", { time: "07:30", zone: z });
      expect(reply).not.toMatch(/unknown time zone/);
    }
    for (const z of spellings) {
      expect(isValidTimeZone(z)).toBe(true);
      nextDigestAt("07:30", z, new Date());
    }
    const grown = (process.memoryUsage().rss - before) / 1024 / 1024;
    console.log(`zone fuzz: RSS grew ${grown.toFixed(1)} MB over 4,000 /settings calls and 20,000 look-ups`);
    const sizes = zoneCacheSizes();
    expect(sizes.formatters).toBeLessThanOrEqual(ZONES.length + 50);
    expect(sizes.spellings).toBeLessThanOrEqual(1000);
    // Before the fix: +854 MB for 20,000 /settings calls. A bounded process grows by a few MB of heap at most.
    expect(grown, `RSS grew ${grown.toFixed(0)} MB`).toBeLessThan(100);
  }, 300_000);
});

describe("BoundedCache", () => {
  it("never holds more than its cap, forgetting the least recently used first", () => {
    const c = new BoundedCache<string, number>(3);
    c.set("a", 1);
    c.set("b", 2);
    c.set("c", 3);
    expect(c.get("a")).toBe(1); // a is now the youngest
    c.set("d", 4);
    expect(c.get("b")).toBeUndefined();
    expect([c.get("a"), c.get("c"), c.get("d")]).toEqual([1, 3, 4]);
    fc.assert(fc.property(fc.array(fc.string(), { maxLength: 500 }), (keys) => {
      const cache = new BoundedCache<string, string>(50);
      for (const k of keys) cache.set(k, k);
      return cache.size <= 50;
    }));
  });
});
