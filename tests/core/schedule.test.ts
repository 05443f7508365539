import { describe, expect, it } from "vitest";
import {
  findDue,
  isValidTimeZone,
  latestSlot,
  localDateKey,
  nextDigestAt,
  zonedInstant,
  type SchedulableDestination,
} from "../../src/core/schedule.js";

const iso = (t: number | Date) => new Date(t).toISOString();

describe("zoned times", () => {
  it("maps ordinary local times across zones", () => {
    expect(iso(zonedInstant("Europe/Berlin", 2026, 11, 24, 8, 0))).toBe("2026-11-24T07:00:00.000Z");
    expect(iso(zonedInstant("Asia/Kolkata", 2026, 11, 24, 8, 0))).toBe("2026-11-24T02:30:00.000Z");
    expect(iso(zonedInstant("America/Los_Angeles", 2026, 7, 1, 8, 0))).toBe("2026-07-01T15:00:00.000Z");
    expect(iso(zonedInstant("UTC", 2026, 1, 1, 0, 0))).toBe("2026-01-01T00:00:00.000Z");
  });

  it("a 02:30 digest on a spring-forward day still happens, once, just after the jump", () => {
    // Berlin jumps 02:00 → 03:00 on 2026-03-29 (01:00Z).
    const t = zonedInstant("Europe/Berlin", 2026, 3, 29, 2, 30);
    expect(iso(t)).toBe("2026-03-29T01:30:00.000Z"); // 03:30 CEST
    const ny = zonedInstant("America/New_York", 2026, 3, 8, 2, 30);
    expect(iso(ny)).toBe("2026-03-08T07:30:00.000Z"); // 03:30 EDT
  });

  it("a time that happens twice on a fall-back day maps to the first occurrence", () => {
    // Berlin: 03:00 CEST → 02:00 CET on 2026-10-25; 02:30 exists at 00:30Z and 01:30Z.
    expect(iso(zonedInstant("Europe/Berlin", 2026, 10, 25, 2, 30))).toBe("2026-10-25T00:30:00.000Z");
    expect(iso(zonedInstant("America/New_York", 2026, 11, 1, 1, 30))).toBe("2026-11-01T05:30:00.000Z");
  });

  it("computes keys, next and latest slots", () => {
    expect(localDateKey("Pacific/Auckland", new Date("2026-11-24T12:00:00Z"))).toBe("2026-11-25");
    expect(localDateKey("America/Los_Angeles", new Date("2026-11-24T03:00:00Z"))).toBe("2026-11-23");
    expect(iso(nextDigestAt("08:00", "Europe/Berlin", new Date("2026-11-24T06:59:00Z")))).toBe("2026-11-24T07:00:00.000Z");
    expect(iso(nextDigestAt("08:00", "Europe/Berlin", new Date("2026-11-24T07:00:00Z")))).toBe("2026-11-25T07:00:00.000Z");
    const s = latestSlot("08:00", "Europe/Berlin", new Date("2026-11-24T06:00:00Z"));
    expect(s.key).toBe("2026-11-23");
    expect(iso(s.at)).toBe("2026-11-23T07:00:00.000Z");
    expect(latestSlot("08:00", "Europe/Berlin", new Date("2026-12-01T07:00:00Z")).key).toBe("2026-12-01");
    expect(latestSlot("00:00", "UTC", new Date("2026-03-01T00:00:00Z")).key).toBe("2026-03-01");
  });

  it("validates zones", () => {
    expect(isValidTimeZone("Europe/Berlin")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
  });
});

describe("findDue", () => {
  const dest = (over: Partial<SchedulableDestination>): SchedulableDestination => ({
    id: "d",
    timeOfDay: "08:00",
    timeZone: "Europe/Berlin",
    active: true,
    lastDigestAt: null,
    createdAt: new Date("2026-01-01T00:00:00Z"),
    ...over,
  });

  it("is due once the local time has come, and not again after the digest", () => {
    const before = new Date("2026-11-24T06:59:00Z");
    const at = new Date("2026-11-24T07:00:00Z");
    const d = dest({ lastDigestAt: new Date("2026-11-23T07:00:30Z") });
    expect(findDue([d], before)).toEqual([]);
    expect(findDue([d], at).map((x) => x.key)).toEqual(["2026-11-24"]);
    expect(findDue([{ ...d, lastDigestAt: new Date("2026-11-24T07:00:10Z") }], new Date("2026-11-24T07:01:00Z"))).toEqual(
      [],
    );
  });

  it("sends a missed digest once after downtime, not once per missed day", () => {
    const d = dest({ lastDigestAt: new Date("2026-11-20T07:00:30Z") });
    const due = findDue([d], new Date("2026-11-24T05:00:00Z"));
    expect(due).toHaveLength(1);
    expect(due[0]!.key).toBe("2026-11-23");
  });

  it("skips inactive destinations and ones created after the slot", () => {
    const now = new Date("2026-11-24T09:00:00Z");
    expect(findDue([dest({ active: false })], now)).toEqual([]);
    expect(findDue([dest({ createdAt: new Date("2026-11-24T08:30:00Z") })], now)).toEqual([]);
  });

  it("sends exactly once across a fall-back day when ticking every minute", () => {
    let d = dest({ timeOfDay: "02:30", lastDigestAt: new Date("2026-10-24T00:30:00Z") });
    let sent = 0;
    for (let t = Date.parse("2026-10-24T22:00:00Z"); t < Date.parse("2026-10-25T04:00:00Z"); t += 60_000) {
      const due = findDue([d], new Date(t));
      if (due.length) {
        sent++;
        d = { ...d, lastDigestAt: new Date(t) };
      }
    }
    expect(sent).toBe(1);
  });

  it("sends exactly once across a spring-forward day when ticking every minute", () => {
    let d = dest({ timeOfDay: "02:30", lastDigestAt: new Date("2026-03-28T01:30:00Z") });
    const sentAt: string[] = [];
    for (let t = Date.parse("2026-03-28T22:00:00Z"); t < Date.parse("2026-03-29T04:00:00Z"); t += 60_000) {
      if (findDue([d], new Date(t)).length) {
        sentAt.push(iso(t));
        d = { ...d, lastDigestAt: new Date(t) };
      }
    }
    expect(sentAt).toEqual(["2026-03-29T01:30:00.000Z"]);
  });

  it("picks up a changed time at the next tick", () => {
    const d = dest({ lastDigestAt: new Date("2026-11-23T07:00:30Z") });
    const now = new Date("2026-11-24T06:00:00Z");
    expect(findDue([d], now)).toEqual([]);
    expect(findDue([{ ...d, timeOfDay: "06:30", timeZone: "UTC" }], now)).toEqual([]);
    expect(findDue([{ ...d, timeOfDay: "05:30", timeZone: "UTC" }], now)).toHaveLength(1);
  });
});
