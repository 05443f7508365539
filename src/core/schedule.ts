/**
 * Schedule maths: when is a destination's local digest time, in its IANA zone, DST-correct.
 * Pure functions over Intl; no timers here (the cron wiring lives in src/digest/scheduler.ts).
 *
 * - A local time that does not exist (spring-forward gap, e.g. 02:30 in Europe/Berlin on the last
 *   Sunday of March) maps to the instant the clocks jump over it, shifted by the gap: still once.
 * - A local time that exists twice (fall-back) maps to its first occurrence: only once.
 */
import { BoundedCache } from "./bounded-cache.js";

/**
 * One formatter per canonical zone. Zones arrive as typed by members ("eUrOpE/bErLiN" is valid), and an
 * Intl.DateTimeFormat holds ICU memory outside the JS heap: caching one per spelling let 20,000 commands
 * add 850 MB. So spellings are mapped to the canonical name first (the runtime's zone list, case-blind;
 * ICU for aliases), and both caches are bounded. ~600 IANA names fit in either.
 */
const formatters = new BoundedCache<string, Intl.DateTimeFormat>(1000);
const spellings = new BoundedCache<string, string>(1000);
let zonesByLowerCase: Map<string, string> | undefined;

function makeFormatter(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
}

/** The canonical name of a zone in any capitalisation (or an alias ICU knows); throws RangeError if unknown. */
export function canonicalZoneName(timeZone: string): string {
  zonesByLowerCase ??= new Map(["UTC", ...Intl.supportedValuesOf("timeZone")].map((z) => [z.toLowerCase(), z]));
  const lower = timeZone.toLowerCase();
  const listed = zonesByLowerCase.get(lower) ?? spellings.get(lower);
  if (listed !== undefined) return listed;
  // Aliases (Asia/Kolkata, US/Eastern) are not in the list: ICU names them once per alias (keyed in
  // lower case, so capitalisations share the entry); an unknown zone throws and is not remembered.
  const canonical = new Intl.DateTimeFormat("en-US", { timeZone }).resolvedOptions().timeZone;
  spellings.set(lower, canonical);
  return canonical;
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  const cached = formatters.get(timeZone);
  if (cached) return cached;
  const canonical = canonicalZoneName(timeZone);
  let f = formatters.get(canonical);
  if (!f) {
    f = makeFormatter(canonical);
    formatters.set(canonical, f);
  }
  return f;
}

/** Sizes of the zone caches, for the bounded-memory test. */
export function zoneCacheSizes(): { formatters: number; spellings: number } {
  return { formatters: formatters.size, spellings: spellings.size };
}

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone || timeZone.length > 64) return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isValidTimeOfDay(t: string): boolean {
  return TIME_OF_DAY.test(t);
}

/** The wall-clock time in a zone at an instant. */
export function wallTime(timeZone: string, at: number): WallTime {
  const parts = formatter(timeZone).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute"), second: get("second") };
}

/** Local minus UTC, in ms, at an instant. */
function offsetAt(timeZone: string, at: number): number {
  const w = wallTime(timeZone, at);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(at / 1000) * 1000;
}

/** The instant at which the wall clock in `timeZone` shows the given local date and time (see header). */
export function zonedInstant(timeZone: string, year: number, month: number, day: number, hour: number, minute: number): number {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const before = offsetAt(timeZone, asUtc - 12 * 3_600_000);
  const after = offsetAt(timeZone, asUtc + 12 * 3_600_000);
  const candidates = [...new Set([before, after])]
    .map((off) => asUtc - off)
    .filter((t) => {
      const w = wallTime(timeZone, t);
      return w.year === year && w.month === month && w.day === day && w.hour === hour && w.minute === minute;
    });
  if (candidates.length > 0) return Math.min(...candidates);
  // In a gap: interpret with the offset in force before it, which lands just past the jump.
  return asUtc - before;
}

function parseTime(timeOfDay: string): [number, number] {
  const m = TIME_OF_DAY.exec(timeOfDay);
  if (!m) throw new RangeError(`invalid time of day ${timeOfDay}`);
  return [Number(m[1]), Number(m[2])];
}

/** "YYYY-MM-DD" of the local date in a zone: the digest key of that day. */
export function localDateKey(timeZone: string, at: Date): string {
  const w = wallTime(timeZone, at.getTime());
  return `${w.year}-${String(w.month).padStart(2, "0")}-${String(w.day).padStart(2, "0")}`;
}

function slotOn(timeZone: string, y: number, m: number, d: number, timeOfDay: string): number {
  const [hh, mm] = parseTime(timeOfDay);
  // Normalise day overflow (d-1 → previous month) through Date.UTC.
  const n = new Date(Date.UTC(y, m - 1, d));
  return zonedInstant(timeZone, n.getUTCFullYear(), n.getUTCMonth() + 1, n.getUTCDate(), hh, mm);
}

export interface Slot {
  /** The instant of the scheduled digest. */
  at: Date;
  /** Its local date, used as the digest key. */
  key: string;
}

/** The most recent scheduled slot at or before `now` (today's if its time has come, else yesterday's). */
export function latestSlot(timeOfDay: string, timeZone: string, now: Date): Slot {
  const w = wallTime(timeZone, now.getTime());
  const today = slotOn(timeZone, w.year, w.month, w.day, timeOfDay);
  if (today <= now.getTime()) return { at: new Date(today), key: keyOf(w.year, w.month, w.day) };
  const y = new Date(Date.UTC(w.year, w.month - 1, w.day - 1));
  const at = slotOn(timeZone, y.getUTCFullYear(), y.getUTCMonth() + 1, y.getUTCDate(), timeOfDay);
  return { at: new Date(at), key: keyOf(y.getUTCFullYear(), y.getUTCMonth() + 1, y.getUTCDate()) };
}

/** The first scheduled slot strictly after `after`. */
export function nextDigestAt(timeOfDay: string, timeZone: string, after: Date): Date {
  const w = wallTime(timeZone, after.getTime());
  for (let i = 0; i < 3; i++) {
    const t = slotOn(timeZone, w.year, w.month, w.day + i, timeOfDay);
    if (t > after.getTime()) return new Date(t);
  }
  throw new Error("unreachable: no slot within three days");
}

function keyOf(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

export interface SchedulableDestination {
  id: string;
  timeOfDay: string;
  timeZone: string;
  active: boolean;
  lastDigestAt: Date | null;
  createdAt: Date;
}

export interface DueDigest<D> {
  destination: D;
  key: string;
  slot: Date;
}

/**
 * Destinations whose digest is due at `now`: active, their latest slot has passed, no digest was
 * completed since that slot, and they existed before it (a channel set at 10:00 for 08:00 waits for
 * tomorrow). After downtime this yields one digest (the latest slot), not one per missed day.
 * Slots are computed once per (zone, time) pair, so 10,000 destinations cost a handful of Intl calls.
 */
export function findDue<D extends SchedulableDestination>(destinations: readonly D[], now: Date): DueDigest<D>[] {
  const slots = new Map<string, Slot>();
  const out: DueDigest<D>[] = [];
  for (const d of destinations) {
    if (!d.active) continue;
    const k = `${d.timeZone}|${d.timeOfDay}`;
    let slot = slots.get(k);
    if (!slot) {
      slot = latestSlot(d.timeOfDay, d.timeZone, now);
      slots.set(k, slot);
    }
    const t = slot.at.getTime();
    if (d.createdAt.getTime() > t) continue;
    if (d.lastDigestAt && d.lastDigestAt.getTime() >= t) continue;
    out.push({ destination: d, key: slot.key, slot: slot.at });
  }
  return out;
}
