/**
 * Feed dates come in RFC 822 (with named or odd zones), ISO 8601, and assorted local forms. Date.parse
 * handles most; the rest are repaired here. A date we cannot trust falls back to first-seen time.
 */

/** Zone abbreviations Date.parse does not know, as offsets. */
const ZONES: Record<string, string> = {
  UTC: "+0000", UT: "+0000", GMT: "+0000", Z: "+0000", BST: "+0100", CET: "+0100", CEST: "+0200",
  MET: "+0100", MEST: "+0200", EET: "+0200", EEST: "+0300", WET: "+0000", WEST: "+0100",
  MSK: "+0300", IST: "+0530", JST: "+0900", KST: "+0900", HKT: "+0800", SGT: "+0800",
  AEST: "+1000", AEDT: "+1100", ACST: "+0930", AWST: "+0800", NZST: "+1200", NZDT: "+1300",
  EST: "-0500", EDT: "-0400", CST: "-0600", CDT: "-0500", MST: "-0700", MDT: "-0600", PST: "-0800",
  PDT: "-0700", AKST: "-0900", AKDT: "-0800", HST: "-1000",
};

const EARLIEST = Date.UTC(1995, 0, 1);
/** Clock skew and time zones mislabelled by a few hours are common; days ahead is absurd. */
const MAX_FUTURE_MS = 36 * 3600_000;

function attempt(s: string): Date | null {
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : new Date(t);
}

/** Parse one raw date string, or null when it is not a date. */
export function parseFeedDate(raw: string | null | undefined): Date | null {
  if (!raw) return null;
  let s = raw.trim().replace(/\s+/g, " ");
  if (!s) return null;
  // Bare ISO date-time without zone ("2024-11-26 16:42:00"): read as UTC, not server-local time.
  if (/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s)) return attempt(`${s.replace(" ", "T")}Z`);
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return attempt(`${s}T00:00:00Z`);
  const direct = attempt(s);
  if (direct) return direct;
  // Drop the weekday (often wrong or localised), swap named zones for offsets, fix "+01:00"-less forms.
  s = s.replace(/^[A-Za-z\u00c0-\u024f]{2,}\.?,?\s*/, "");
  s = s.replace(/\b([A-Z]{1,5})$/, (m) => ZONES[m] ?? m);
  s = s.replace(/(\d{1,2}:\d{2}(?::\d{2})?)\s*([+-])(\d{1,2}):?(\d{2})$/, (_m, t: string, sign: string, h: string, mm: string) => `${t} ${sign}${h.padStart(2, "0")}${mm}`);
  return attempt(s);
}

/** A date worth showing: not before 1995 and not more than a day and a half ahead of `now`. */
export function isPlausibleDate(d: Date, now: Date): boolean {
  const t = d.getTime();
  return t >= EARLIEST && t <= now.getTime() + MAX_FUTURE_MS;
}

/** The first plausible date among candidates, else null. */
export function pickDate(candidates: readonly (string | null | undefined)[], now: Date): Date | null {
  for (const c of candidates) {
    const d = parseFeedDate(c);
    if (d && isPlausibleDate(d, now)) return d;
  }
  return null;
}
