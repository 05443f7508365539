/**
 * Zod schemas for the arguments commands share. Their messages are shown to users after the
 * argument's name ("time: must be HH:MM (24-hour), e.g. 07:30"), so they are short and specific.
 */
import { z } from "zod";
import { canonicalZoneName, isValidTimeZone } from "../schedule.js";
import { fail, quote } from "./fail.js";
import { plainText } from "./plain-text.js";

/** "7:30" is accepted and normalised to "07:30"; seconds or 12-hour forms are refused. */
export function normaliseTimeOfDay(raw: string): string | null {
  const m = /^([01]?\d|2[0-3])[:.h]([0-5]\d)$/.exec(raw.trim());
  return m ? `${m[1]!.padStart(2, "0")}:${m[2]}` : null;
}

export const TIME_MESSAGE = "must be HH:MM (24-hour), e.g. 07:30";

/**
 * Abbreviations people type, mapped to the zone they mean: the runtime's own links are surprising
 * (EST → America/Panama, no DST; CET → Europe/Brussels).
 */
export const ZONE_ABBREVIATIONS: Readonly<Record<string, string>> = {
  EST: "America/New_York", EDT: "America/New_York", ET: "America/New_York",
  CST: "America/Chicago", CDT: "America/Chicago", CT: "America/Chicago",
  MST: "America/Denver", MDT: "America/Denver",
  PST: "America/Los_Angeles", PDT: "America/Los_Angeles", PT: "America/Los_Angeles",
  CET: "Europe/Berlin", CEST: "Europe/Berlin",
  GMT: "Europe/London", BST: "Europe/London",
  IST: "Asia/Kolkata", JST: "Asia/Tokyo",
  AEST: "Australia/Sydney", AEDT: "Australia/Sydney",
};

/** Canonical IANA name for a zone typed in any case ("europe/berlin" → "Europe/Berlin"), or null. */
export function canonicalTimeZone(raw: string): string | null {
  // Returned as written: ICU would turn Asia/Kolkata back into Asia/Calcutta.
  const abbreviated = ZONE_ABBREVIATIONS[raw.trim().toUpperCase()];
  if (abbreviated !== undefined) return isValidTimeZone(abbreviated) ? abbreviated : null;
  const tz = raw.trim();
  if (!isValidTimeZone(tz)) return null;
  try {
    // From schedule's bounded, case-blind table: no new ICU formatter per spelling.
    return canonicalZoneName(tz);
  } catch {
    return null;
  }
}

export function unknownZoneMessage(raw: string): string {
  return `unknown time zone '${quote(raw)}' (use an IANA name such as Europe/Berlin or UTC)`;
}

/** A topic id or name, or several separated by commas. */
export const topicSchema = z.string().trim().min(1, "name a topic (see /topics)").max(200, "too long (at most 200 characters)");

/**
 * Mirrors the digest's tokeniser (src/digest/stories/text-tokens.ts): a-z, 0-9, and letters of
 * scripts with case (or Latin-1/Extended). Other characters (emoji, CJK) separate words, so a
 * word made only of them could never match anything.
 */
function isWordChar(code: number): boolean {
  if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57)) return true;
  if (code < 128) return false;
  const ch = String.fromCharCode(code);
  return ch.toLowerCase() !== ch.toUpperCase() || (code >= 0x00c0 && code <= 0x024f);
}

/** Whether the digest can ever match this word or phrase (it holds at least one word character). */
export function isMatchable(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (isWordChar(word.charCodeAt(i))) return true;
  return false;
}

export function unmatchableMessage(word: string): string {
  return `'${quote(word)}' can't be matched: use letters or digits`;
}

/** A filter word or phrase: plain text, matched as words (never a regular expression). */
export const wordSchema = z
  .string()
  .overwrite(plainText)
  .trim()
  .min(1, "give a word or phrase")
  .max(80, "too long (at most 80 characters)")
  .transform((w, ctx) => {
    if (!isMatchable(w)) {
      ctx.addIssue({ code: "custom", message: unmatchableMessage(w) });
      return z.NEVER;
    }
    return w.replace(/\s+/g, " ").toLowerCase();
  });

export const urlSchema = z
  .string()
  .trim()
  .max(2000, "too long (at most 2000 characters)")
  .transform((raw, ctx) => {
    // People paste "example.com/feed" or "host:8080/feed": assume https. "host:" followed by a port
    // is a host, not a scheme.
    const hasScheme = /^[a-z][a-z0-9+.-]*:/i.test(raw) && !/^[^/:?#]+:\d+(?:[/?#]|$)/.test(raw);
    const withScheme = hasScheme ? raw : `https://${raw}`;
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

