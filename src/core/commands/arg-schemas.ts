/**
 * Zod schemas for the arguments commands share. Their messages are shown to users after the
 * argument's name ("time: must be HH:MM (24-hour), e.g. 07:30"), so they are short and specific.
 */
import { z } from "zod";
import { isValidTimeZone } from "../schedule.js";
import { fail, quote } from "./fail.js";

/** "7:30" is accepted and normalised to "07:30"; seconds or 12-hour forms are refused. */
export function normaliseTimeOfDay(raw: string): string | null {
  const m = /^([01]?\d|2[0-3])[:.h]([0-5]\d)$/.exec(raw.trim());
  return m ? `${m[1]!.padStart(2, "0")}:${m[2]}` : null;
}

export const TIME_MESSAGE = "must be HH:MM (24-hour), e.g. 07:30";

/** Canonical IANA name for a zone typed in any case ("europe/berlin" → "Europe/Berlin"), or null. */
export function canonicalTimeZone(raw: string): string | null {
  const tz = raw.trim();
  if (!isValidTimeZone(tz)) return null;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export function unknownZoneMessage(raw: string): string {
  return `unknown time zone '${quote(raw)}' (use an IANA name such as Europe/Berlin or UTC)`;
}

/** A topic id or name, or several separated by commas. */
export const topicSchema = z.string().trim().min(1, "name a topic (see /topics)").max(200, "too long (at most 200 characters)");

/** A filter word or phrase: plain text, matched as words (never a regular expression). */
export const wordSchema = z
  .string()
  .trim()
  .min(1, "give a word or phrase")
  .max(80, "too long (at most 80 characters)")
  .transform((w) => w.replace(/\s+/g, " ").toLowerCase());

export const urlSchema = z
  .string()
  .trim()
  .max(2000, "too long (at most 2000 characters)")
  .transform((raw, ctx) => {
    // People paste "example.com/feed": assume https.
    const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(raw) ? raw : `https://${raw}`;
    let u: URL;
    try {
      u = new URL(withScheme);
    } catch {
      ctx.addIssue({ code: "custom", message: "not a web address (e.g. https://example.com/feed.xml)" });
      return z.NEVER;
    }
    if (u.protocol !== "http:" && u.protocol !== "https:") {
      ctx.addIssue({ code: "custom", message: "only http:// and https:// addresses are allowed" });
      return z.NEVER;
    }
    if (!u.hostname.includes(".") && u.hostname !== "localhost") {
      ctx.addIssue({ code: "custom", message: "not a web address (e.g. https://example.com/feed.xml)" });
      return z.NEVER;
    }
    return u.toString();
  });

/** A short free-form word, checked by the command itself (e.g. time and zone in either order). */
export const looseSchema = z.string().trim().max(100, "too long (at most 100 characters)");

/** Sort up to two words into a time and a zone, whatever their order; refuse what is neither. */
export function timeAndZone(words: (string | undefined)[]): { timeOfDay?: string; timeZone?: string } {
  const out: { timeOfDay?: string; timeZone?: string } = {};
  for (const w of words) {
    if (w === undefined || w.trim() === "") continue;
    const t = normaliseTimeOfDay(w);
    if (t !== null && out.timeOfDay === undefined) {
      out.timeOfDay = t;
      continue;
    }
    const tz = canonicalTimeZone(w);
    if (tz !== null && out.timeZone === undefined) {
      out.timeZone = tz;
      continue;
    }
    // Starts with a digit: a time was meant; otherwise a zone.
    fail(/^\d/.test(w.trim()) ? `time ${TIME_MESSAGE}` : unknownZoneMessage(w));
  }
  return out;
}

