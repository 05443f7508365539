/**
 * A short outlet name for readers, from a feed's title: feeds title themselves with taglines and
 * descriptions ("Engadget is a web magazine with obsessive daily coverage of …", "MacRumors: Mac News
 * and Rumors - All Stories", "Stratechery by Ben Thompson", "The Verge -  Front Pages"). The name is the
 * brand part; when none can be told apart, the site's host. A name a moderator or operator set with
 * `rename` is short already and passes through unchanged.
 */

/** Longest name kept as it is. */
export const MAX_OUTLET_NAME = 32;
const MAX_WORDS = 4;

/** Parts of a title that name the feed, not the outlet. */
const FEED_WORDS =
  /\s*\b(?:RSS(?:\s+Feed)?|Atom(?:\s+Feed)?|Feed|Front\s+Pages?|All\s+(?:Stories|Articles|Posts|News)|Latest\s+(?:Stories|Articles|Posts)|Top\s+Stories)\s*$/i;
/** "X is a web magazine …", "X, the home of …": the description after the name. */
const DESCRIPTION = /^(.{2,40}?)(?:\s+(?:is|are)\s+(?:a|an|the|your)\b|,\s+(?:the|a|an|your)\b)/i;
const SEPARATORS = /\s+[|–—-]\s*|\s*[|–—]\s+|:\s+|\s+::\s+/;

function hostName(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, "") || null;
  } catch {
    return null;
  }
}

function squash(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
}

/**
 * The outlet's short name: the feed title's brand part, else (no title, or only a long description)
 * the host of `siteUrl`, else null.
 */
export function shortOutletName(title: string | null | undefined, siteUrl?: string | null): string | null {
  const host = hostName(siteUrl);
  const brand = host ? squash(host.split(".").slice(0, -1).join("").replace(/^(?:blog|news|feeds?|rss)/, "")) : "";
  let t = (title ?? "").replace(/\s+/g, " ").trim();
  if (!t) return host;
  const described = DESCRIPTION.exec(t);
  if (described?.[1]) t = described[1];
  const parts = t.split(SEPARATORS).map((p) => p.trim()).filter((p) => p.replace(FEED_WORDS, "").trim() !== "");
  // The part naming the site wins ("The Verge - Front Pages" → "The Verge"); else the first part.
  let name = (brand && parts.find((p) => squash(p).includes(brand))) || parts[0] || t;
  name = name.replace(/\s+by\s+\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}$/u, "");
  for (let prev = ""; prev !== name; ) [prev, name] = [name, name.replace(FEED_WORDS, "").trim()];
  name = name.replace(/^[\s\-–—|:]+|[\s\-–—|:]+$/g, "");
  if (!name) return host;
  if (name.length <= MAX_OUTLET_NAME && name.split(" ").length <= MAX_WORDS) return name;
  // A long title: its word that names the host ("Braingle's Newest Brain Teasers" → "Braingle"), else the host.
  const word = name.split(" ").map((w) => w.replace(/['’]s$/, "")).find((w) => brand && squash(w) === brand);
  return word ?? host ?? name.slice(0, MAX_OUTLET_NAME - 1).trimEnd() + "…";
}
