/**
 * Discord's message and embed limits, and cutting text to them without splitting a character.
 */
import { escapeMarkdown } from "discord.js";

export const EmbedLimits = {
  embedsPerMessage: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  /** Sum of every embed's title, description, field names/values, footer and author in one message. */
  totalPerMessage: 6000,
  content: 2000,
} as const;

/** Discord counts characters (code points); counting UTF-16 units instead never undercounts. */
export function textLength(s: string): number {
  return s.length;
}

/** Cut to at most `max` UTF-16 units (so also ≤ max characters), ending with "…" when cut. */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  let cut = s.slice(0, Math.max(0, max - 1));
  // Never leave half a surrogate pair behind.
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/**
 * Control characters and bidi overrides (U+202E can make a headline read backwards or hide a link's
 * real text) removed from feed text; line breaks and tabs stay for the whitespace rules below, and
 * zero-width joiners stay because emoji sequences need them.
 */
export function stripControls(s: string): string {
  // Matching control characters is the point here.
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, "");
}

/**
 * Text shown as Discord markdown: escaped so it renders as written, then cut to the limit. Whitespace
 * runs become one space; with `multiline` (our own replies: status, settings) line breaks are kept,
 * at most one blank line in a row, since those replies are laid out in lines.
 */
export function safeText(s: string, max: number, o: { multiline?: boolean } = {}): string {
  // escapeMarkdown is slow on long text: cut first (escaping only lengthens), then cut again.
  const head = stripControls(s.slice(0, max + 32));
  const flat = o.multiline
    ? head
        .replace(/\r\n?/g, "\n")
        .split("\n")
        .map((line) => line.replace(/\s+/g, " ").trim())
        .join("\n")
        .replace(/\n{3,}/g, "\n\n")
        .trim()
    : head.replace(/\s+/g, " ").trim();
  return truncate(escapeMarkdown(flat, { heading: true, bulletedList: true, numberedList: true, maskedLink: true }), max);
}

/** Embed and link URLs must be http(s); anything else is dropped rather than failing the message. */
export function httpUrl(u: string): string | undefined {
  try {
    const p = new URL(u);
    return p.protocol === "http:" || p.protocol === "https:" ? p.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** A markdown link whose URL cannot end the link early. */
export function mdLink(label: string, url: string): string {
  const u = httpUrl(url);
  if (!u) return label;
  return `[${label}](${u.replace(/\)/g, "%29").replace(/\(/g, "%28").replace(/ /g, "%20")})`;
}
