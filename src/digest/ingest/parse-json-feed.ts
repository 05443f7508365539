/** JSON Feed 1.0/1.1 (https://jsonfeed.org/version/1.1) through a small zod schema. */
import { z } from "zod";
import { NotAFeedError, parseError } from "./ingest-errors.js";
import type { ParsedFeed, RawEntry } from "./raw-feed.js";

/**
 * The document must be a JSON Feed (version URL, items array); each item field is then read on its
 * own, so one wrongly typed optional field (`"authors": "x"`) drops that field, not the item.
 */
const jsonFeed = z
  .object({
    version: z.string().startsWith("https://jsonfeed.org/version/"),
    items: z.array(z.unknown()),
  })
  .loose();

type Loose = Record<string, unknown>;

function str(o: Loose, key: string): string | null {
  const v = o[key];
  return typeof v === "string" ? v : null;
}

function personName(v: unknown): string | null {
  if (!v || typeof v !== "object" || Array.isArray(v)) return null;
  const name = (v as Loose).name;
  return typeof name === "string" && name.trim() ? name : null;
}

function authorOf(i: Loose): string | null {
  const list = i.authors;
  if (Array.isArray(list)) {
    for (const a of list) {
      const n = personName(a);
      if (n) return n;
    }
  }
  return personName(i.author);
}

function idOf(i: Loose): string | null {
  const id = i.id;
  return typeof id === "string" || (typeof id === "number" && Number.isFinite(id)) ? String(id) : null;
}

export function looksLikeJson(text: string): boolean {
  return /^\s*[{[]/.test(text.slice(0, 64));
}

export function parseJsonFeed(text: string): ParsedFeed {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw parseError("The feed is not valid JSON", err);
  }
  const feed = jsonFeed.safeParse(data);
  if (!feed.success) throw new NotAFeedError("The document is JSON but not a JSON Feed", null);
  const entries: RawEntry[] = [];
  for (const raw of feed.data.items) {
    // Not an object: kept as an empty entry so normalising counts it as skipped.
    const i = raw && typeof raw === "object" && !Array.isArray(raw) ? (raw as Loose) : {};
    entries.push({
      guid: idOf(i),
      link: str(i, "url") ?? str(i, "external_url"),
      title: str(i, "title"),
      summary: str(i, "summary"),
      content: str(i, "content_html") ?? str(i, "content_text"),
      author: authorOf(i),
      dates: [str(i, "date_published"), str(i, "date_modified")],
      images: [str(i, "image"), str(i, "banner_image")].filter((x): x is string => x !== null),
    });
  }
  const top = feed.data as Loose;
  return {
    format: "json",
    title: str(top, "title"),
    siteUrl: str(top, "home_page_url"),
    baseUrl: null,
    ttlMinutes: null,
    entries,
    warnings: [],
  };
}
