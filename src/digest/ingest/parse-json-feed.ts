/** JSON Feed 1.0/1.1 (https://jsonfeed.org/version/1.1) through a small zod schema. */
import { z } from "zod";
import { NotAFeedError, parseError } from "./ingest-errors.js";
import type { ParsedFeed, RawEntry } from "./raw-feed.js";

const author = z.object({ name: z.string().optional() }).loose();

const item = z
  .object({
    id: z.union([z.string(), z.number()]).optional(),
    url: z.string().optional(),
    external_url: z.string().optional(),
    title: z.string().optional(),
    content_html: z.string().optional(),
    content_text: z.string().optional(),
    summary: z.string().optional(),
    image: z.string().optional(),
    banner_image: z.string().optional(),
    date_published: z.string().optional(),
    date_modified: z.string().optional(),
    authors: z.array(author).optional(),
    author: author.optional(),
  })
  .loose();

const jsonFeed = z
  .object({
    version: z.string().startsWith("https://jsonfeed.org/version/"),
    title: z.string().optional(),
    home_page_url: z.string().optional(),
    feed_url: z.string().optional(),
    // One bad item must not lose the feed: items are validated one by one below.
    items: z.array(z.unknown()),
  })
  .loose();

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
    const parsed = item.safeParse(raw);
    if (!parsed.success) continue;
    const i = parsed.data;
    entries.push({
      guid: i.id === undefined ? null : String(i.id),
      link: i.url ?? i.external_url ?? null,
      title: i.title ?? null,
      summary: i.summary ?? null,
      content: i.content_html ?? i.content_text ?? null,
      author: i.authors?.[0]?.name ?? i.author?.name ?? null,
      dates: [i.date_published ?? null, i.date_modified ?? null],
      images: [i.image, i.banner_image].filter((x): x is string => typeof x === "string"),
    });
  }
  return {
    format: "json",
    title: feed.data.title ?? null,
    siteUrl: feed.data.home_page_url ?? null,
    baseUrl: null,
    ttlMinutes: null,
    entries,
  };
}
