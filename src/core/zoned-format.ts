/**
 * Dates and clock times in a reader's time zone, through one bounded set of formatters.
 *
 * Why a cache: each `Intl.DateTimeFormat` holds ~40 KB of ICU data outside the JS heap, which V8 does
 * not count, so a formatter built per call is freed only when a collection happens to run. Building a
 * few per story per destination let a delivery run to 10,000 members grow the process by ~1 GB
 * (`npm run bench live-memory`, traced with heaptrack to `DateFormatSymbols`). One formatter per
 * (style, canonical zone) is enough: zones are canonicalised first (see schedule.ts), so at most a few
 * thousand exist, and the cache is bounded whatever members type.
 */
import { BoundedCache } from "./bounded-cache.js";
import { canonicalZoneName } from "./schedule.js";

const STYLES = {
  /** "2024-11-26" */
  day: ["en-CA", { year: "numeric", month: "2-digit", day: "2-digit" }],
  /** "15:10" */
  clock: ["en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }],
  /** "Tue" */
  weekday: ["en-GB", { weekday: "short" }],
  /** "Tuesday 26 November 2024" (the caller drops the comma some ICU versions put after the weekday) */
  longDate: ["en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric" }],
} as const satisfies Record<string, readonly [string, Intl.DateTimeFormatOptions]>;

export type ZonedStyle = keyof typeof STYLES;

const formatters = new BoundedCache<string, Intl.DateTimeFormat>(2000);

/** `at` in `timeZone` (any capitalisation or alias ICU knows); throws RangeError for an unknown zone. */
export function formatInZone(style: ZonedStyle, at: Date, timeZone: string): string {
  const zone = canonicalZoneName(timeZone);
  const key = `${style} ${zone}`;
  let f = formatters.get(key);
  if (!f) {
    const [locale, options] = STYLES[style];
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone: zone });
    formatters.set(key, f);
  }
  return f.format(at);
}

/** The zone itself when the runtime knows it, else UTC (a stored zone from an older runtime, say). */
export function knownZoneOr(timeZone: string, fallback = "UTC"): string {
  try {
    return canonicalZoneName(timeZone);
  } catch {
    return fallback;
  }
}

/** Number of cached formatters, for the bounded-memory test. */
export function zonedFormatterCount(): number {
  return formatters.size;
}
