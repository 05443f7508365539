/**
 * Feed dates come as ISO 8601 / RFC 3339 (Atom, dc:date, dcterms), RFC 822 (RSS) with named or odd
 * zones, and assorted local forms. Date.parse is not used: V8 accepts "0" (the year 2000), "-1",
 * "31 Feb 2024" (rolled into March) and "Sun, Dec x 2012" (the stray "x" ignored). Instead ISO forms
 * are matched exactly, and everything else is read token by token: a weekday, day, month name,
 * year, time, AM/PM and a zone, each recognised or the whole string refused. A date we cannot trust
 * is null, and the item falls back to first-seen time.
 */
import { wallTime } from "../../core/schedule.js";

/** Zone abbreviations as fixed offsets in minutes. */
const FIXED_ZONES: Record<string, number> = {
  UTC: 0, UT: 0, GMT: 0, Z: 0, BST: 60, IST: 330, CET: 60, CEST: 120, MET: 60, MEST: 120, EET: 120, EEST: 180,
  WET: 0, WEST: 60, MSK: 180, JST: 540, KST: 540, HKT: 480, SGT: 480, AEST: 600, AEDT: 660, ACST: 570,
  AWST: 480, NZST: 720, NZDT: 780, EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360,
  PST: -480, PDT: -420, AKST: -540, AKDT: -480, HST: -600,
};
/** Generic US zone names ("16:31:00 ET"): standard or daylight time as it was on that date. */
const REGION_ZONES: Record<string, string> = {
  ET: "America/New_York", CT: "America/Chicago", MT: "America/Denver", PT: "America/Los_Angeles",
  AKT: "America/Anchorage", HT: "Pacific/Honolulu",
};

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11,
  november: 11, dec: 12, december: 12,
  // Localised month names (German, French, Spanish, Italian, Dutch, Portuguese): feeds from CMSs set
  // to those languages write them in RFC 822 dates ("Di, 26 Nov 2024", "26 mars 2024").
  januar: 1, januari: 1, janvier: 1, janv: 1, enero: 1, ene: 1, gennaio: 1, gen: 1, janeiro: 1,
  februar: 2, februari: 2, février: 2, fevrier: 2, févr: 2, fevr: 2, febrero: 2, febbraio: 2, fevereiro: 2, fev: 2,
  märz: 3, mär: 3, mrz: 3, maart: 3, mars: 3, marzo: 3, março: 3, marco: 3,
  avril: 4, avr: 4, abril: 4, abr: 4, aprile: 4,
  mai: 5, mei: 5, mayo: 5, maggio: 5, mag: 5, maio: 5,
  juni: 6, juin: 6, junio: 6, giugno: 6, giu: 6, junho: 6,
  juli: 7, juillet: 7, juil: 7, julio: 7, luglio: 7, lug: 7, julho: 7,
  augustus: 8, août: 8, aout: 8, agosto: 8, ago: 8,
  septembre: 9, septiembre: 9, setiembre: 9, settembre: 9, setembro: 9, set: 9,
  oktober: 10, okt: 10, octobre: 10, octubre: 10, ottobre: 10, ott: 10, outubro: 10, out: 10,
  novembre: 11, noviembre: 11, novembro: 11,
  dezember: 12, dez: 12, décembre: 12, decembre: 12, déc: 12, diciembre: 12, dic: 12, dicembre: 12, dezembro: 12,
};
/** Words that may sit between the parts of a date ("26 de noviembre de 2024", "um 10:00 Uhr"). */
const FILLERS = new Set(["at", "of", "-", "de", "del", "um", "uhr", "à", "le"]);
const WEEKDAYS = /^(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(day|sday|nesday|rsday|urday)?$/i;

const EARLIEST = Date.UTC(1995, 0, 1);
/** Clock skew and time zones mislabelled by a few hours are common; days ahead is absurd. */
const MAX_FUTURE_MS = 36 * 3600_000;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Offset of an IANA zone from UTC (ms) at instant `t`; throws RangeError for unknown zones. Through
 * core's wallTime: zone names come from feed text in any capitalisation, and its formatter cache is
 * keyed by the canonical name, so a hostile feed cannot grow it (the #16 item 2 bug, at ingest).
 */
function zoneOffsetMs(zone: string, t: number): number {
  const w = wallTime(zone, t);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(t / 1000) * 1000;
}

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  /** Offset in minutes, or an IANA zone name, or null for UTC. */
  zone: number | string | null;
}

function build(p: Parts): Date | null {
  if (p.month < 1 || p.month > 12 || p.day < 1 || p.day > daysIn(p.year, p.month)) return null;
  if (p.hour > 24 || p.minute > 59 || p.second > 60 || (p.hour === 24 && (p.minute > 0 || p.second > 0))) return null;
  const local = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, Math.min(p.second, 59), p.ms);
  if (typeof p.zone === "string") {
    try {
      const guess = local - zoneOffsetMs(p.zone, local);
      return new Date(local - zoneOffsetMs(p.zone, guess));
    } catch {
      return null;
    }
  }
  return new Date(local - (p.zone ?? 0) * 60_000);
}

/** "+0100", "-05:00", "+01", "GMT+2", "UTC-03:30", "Etc/GMT+5" … as minutes east of UTC, else undefined. */
function offsetMinutes(token: string): number | string | undefined {
  const upper = token.toUpperCase();
  if (upper in FIXED_ZONES) return FIXED_ZONES[upper];
  if (upper in REGION_ZONES) return REGION_ZONES[upper];
  const m = /^(?:GMT|UTC|UT)?([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(token);
  if (m) {
    const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
    return minutes > 14 * 60 ? undefined : (m[1] === "-" ? -1 : 1) * minutes;
  }
  // POSIX-style Etc zones are inverted: Etc/GMT+5 is five hours behind UTC.
  const etc = /^Etc\/(?:GMT|UTC|UCT|Zulu|Universal|Greenwich)(?:([+-])(\d{1,2}))?$/i.exec(token);
  if (etc) return etc[1] ? (etc[1] === "+" ? -1 : 1) * Number(etc[2]) * 60 : 0;
  if (/^[A-Za-z]+\/[A-Za-z_]+(?:\/[A-Za-z_]+)?$/.test(token)) return token;
  return undefined;
}

const ISO = /^(\d{4})[-/](\d{2})[-/](\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** W3C-DTF's reduced precisions: "2003-12" is 1 December 2003, "2003" its first of January. */
const YEAR_MONTH = /^(\d{4})(?:-(\d{2}))?$/;

function parseIso(s: string): Date | null | undefined {
  const ym = YEAR_MONTH.exec(s);
  if (ym) {
    const year = Number(ym[1]);
    return year < 1900 ? null : build({ year, month: Number(ym[2] ?? 1), day: 1, hour: 0, minute: 0, second: 0, ms: 0, zone: null });
  }
  const m = ISO.exec(s);
  if (!m) return undefined;
  const zone = m[8] ? offsetMinutes(m[8]) : null;
  if (zone === undefined) return null;
  return build({
    year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: Number(m[4] ?? 0), minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0), ms: m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) % 1000 : 0, zone,
  });
}

/** RFC 822 and its relatives, token by token; any unrecognised token refuses the whole string. */
function parseTokens(s: string): Date | null {
  const tokens = s.replace(/\([^)]*\)/g, " ").replace(/,/g, " ").split(/\s+/).filter(Boolean);
  let day: number | null = null;
  let month: number | null = null;
  let year: number | null = null;
  let time: [number, number, number] | null = null;
  let zone: number | string | null = null;
  let pm: boolean | null = null;
  // A leading word and a comma is a weekday, in whatever language ("Mi, 20 Nov 2024").
  const localWeekday = /^[\p{L}]{2,}\.?,/u.test(s);
  for (const [i, raw] of tokens.entries()) {
    const t = raw.replace(/\.$/, "");
    const lower = t.toLowerCase();
    if (i === 0 && (WEEKDAYS.test(t) || localWeekday)) continue;
    if (WEEKDAYS.test(t) && day === null) continue;
    if (lower in MONTHS && month === null) month = MONTHS[lower]!;
    else if (/^\d{1,2}:\d{1,2}(?::\d{1,2}(?:\.\d+)?)?$/.test(t) && time === null) {
      const [h, m, sec] = t.split(":");
      time = [Number(h), Number(m), Math.floor(Number(sec ?? 0))];
    } else if (/^\d{1,2}:\d{2}(?::\d{2})?[+-]\d{2}:?\d{2}$/.test(t) && time === null) {
      const at = t.search(/[+-]/);
      const [h, m, sec] = t.slice(0, at).split(":");
      time = [Number(h), Number(m), Number(sec ?? 0)];
      zone = offsetMinutes(t.slice(at)) ?? null;
    } else if (/^(am|pm|a\.m|p\.m)$/i.test(t) && pm === null) pm = lower.startsWith("p");
    else if (/^\d{4}$/.test(t) && year === null) year = Number(t);
    else if (/^\d{1,2}(st|nd|rd|th)?$/i.test(t) && day === null) day = parseInt(t, 10);
    else if (/^\d{2}$/.test(t) && year === null && day !== null) year = Number(t) + (Number(t) < 50 ? 2000 : 1900);
    else if (FILLERS.has(lower)) continue;
    else {
      const z = offsetMinutes(t);
      if (z === undefined || zone !== null) return null;
      zone = z;
    }
  }
  if (day === null || month === null || year === null) return null;
  const [h, minute, second] = time ?? [0, 0, 0];
  let hour = h;
  if (pm !== null) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  return build({ year, month, day, hour, minute, second, ms: 0, zone });
}

/** Parse one raw date string, or null when it is not a date. */
export function parseFeedDate(raw: string | null | undefined): Date | null {
  if (!raw) return null;
  const s = raw.trim().replace(/\s+/g, " ");
  if (!s || s.length > 100) return null;
  const iso = parseIso(s);
  if (iso !== undefined) return iso;
  return parseTokens(s);
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
