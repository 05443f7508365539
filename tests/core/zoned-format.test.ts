/**
 * Dates in a reader's zone go through one bounded set of formatters. The repro: a delivery run to
 * 10,000 members built four Intl.DateTimeFormat per story per destination (story coverage lines), and
 * the ICU memory behind them, invisible to the GC's heuristics, grew the process past 1 GB
 * (`npm run bench live-memory`, traced with heaptrack).
 */
import { describe, expect, it } from "vitest";
import { formatInZone, knownZoneOr, zonedFormatterCount } from "../../src/core/zoned-format.js";
import { localTime } from "../../src/digest/story-coverage.js";
import { digestTitle, localDate } from "../../src/digest/build-digest.js";

const at = new Date(Date.UTC(2024, 10, 26, 14, 10)); // Tue 26 Nov 2024 14:10 UTC

describe("formatInZone", () => {
  it("formats in the zone, whatever its capitalisation or alias", () => {
    expect(formatInZone("day", at, "Europe/Berlin")).toBe("2024-11-26");
    expect(formatInZone("clock", at, "eUrOpE/bErLiN")).toBe("15:10");
    expect(formatInZone("clock", at, "Asia/Calcutta")).toBe("19:40");
    expect(formatInZone("day", at, "Pacific/Kiritimati")).toBe("2024-11-27");
    expect(formatInZone("weekday", at, "Pacific/Kiritimati")).toBe("Wed");
  });

  it("refuses an unknown zone, and knownZoneOr falls back", () => {
    expect(() => formatInZone("day", at, "Mars/Olympus")).toThrow(RangeError);
    expect(knownZoneOr("Mars/Olympus")).toBe("UTC");
    expect(knownZoneOr("europe/paris")).toBe("Europe/Paris");
  });

  it("reuses one formatter per style and zone over 30,000 story lines in many spellings", () => {
    const zones = ["Europe/Berlin", "EUROPE/BERLIN", "America/New_York", "Asia/Tokyo", "UTC", "Mars/Olympus"];
    for (let i = 0; i < 30_000; i++) localTime(new Date(at.getTime() + i * 60_000), zones[i % zones.length]!, "2024-11-26");
    // 4 canonical zones (Mars/Olympus reads as UTC) × 3 styles at most, plus what other tests made.
    expect(zonedFormatterCount()).toBeLessThanOrEqual(4 * 3 + 4);
  });

  it("keeps the digest's local date and title as before", () => {
    expect(localDate(at, "America/Los_Angeles")).toBe("2024-11-26");
    expect(localDate(new Date(Date.UTC(2024, 10, 26, 23, 30)), "Asia/Tokyo")).toBe("2024-11-27");
    expect(digestTitle("2024-11-26")).toBe("AI news — Tuesday 26 November 2024");
    expect(localTime(at, "Europe/Berlin", "2024-11-26")).toBe("15:10");
    expect(localTime(at, "Europe/Berlin", "2024-11-27")).toBe("Tue 15:10");
  });
});
