/**
 * A feed's title is shown on every story, so it is cleaned like an item title (markup stripped,
 * entities decoded, controls removed, whitespace collapsed), and a short outlet name is derived
 * from it for places with little room ("Ars Technica - All content" → "Ars Technica").
 */
import { cutAtSentence, scanHtml } from "./clean-text.js";

/** Longest feed title stored; longer ones are cut at a word. */
export const MAX_FEED_TITLE = 300;

/** The title as plain text, or null when nothing readable is left. */
export function cleanFeedTitle(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const text = scanHtml(raw).text;
  return text ? cutAtSentence(text, MAX_FEED_TITLE) : null;
}

/** Title parts that name the feed, not the outlet. */
const GENERIC =
  /^(?:the )?(?:rss|atom|feeds?|rss feeds?|rss 2\.0|news ?feeds?|home|index|main|front page|blogs?|the blog|news|latest|latest (?:news|posts|articles|stories|updates)|all (?:content|posts|stories|articles|news|entries)|articles|posts|stories|entries|top stories|headlines|comments(?: for .*)?|updates|podcasts?|en|en-us)$/i;
const SEPARATORS = /\s+[-–—|»·:]\s+|\s*[|»·]\s*|:\s+/;

function compact(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

/** The distinctive label of a host: "www.technologyreview.com" → "technologyreview". */
function hostLabel(siteUrl: string | null | undefined): string | null {
  if (!siteUrl) return null;
  try {
    const parts = new URL(siteUrl).hostname.replace(/^(?:www|feeds?|rss|blog|news)\./, "").split(".");
    const label = parts.length > 2 && parts[parts.length - 2]!.length <= 3 ? parts[parts.length - 3] : parts[parts.length - 2];
    return label ? compact(label) : null;
  } catch {
    return null;
  }
}

/**
 * A short name for the outlet: the part of the title that matches the site's host name, else the
 * first part that is not generic ("RSS", "Latest news", "Blog"), with " RSS"/" Feed" suffixes dropped.
 * Falls back to the host name, then null.
 */
export function outletName(title: string | null | undefined, siteUrl?: string | null): string | null {
  const host = hostLabel(siteUrl);
  const clean = cleanFeedTitle(title);
  if (clean) {
    const parts = clean
      .split(SEPARATORS)
      .map((p) => p.replace(/[\s\-–—|»·:]+$/, "").replace(/\s+(?:rss|atom)?\s*(?:feed|rss)$/i, "").trim())
      .filter((p) => p && !GENERIC.test(p));
    const byHost = host && host.length >= 3 ? parts.find((p) => compact(p).includes(host) || host.includes(compact(p))) : undefined;
    const chosen = byHost ?? parts[0];
    if (chosen) return cutAtSentence(chosen, 60);
  }
  if (!siteUrl) return null;
  try {
    return new URL(siteUrl).hostname.replace(/^www\./, "");
  } catch {
    return null;
  }
}
