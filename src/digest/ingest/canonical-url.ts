/**
 * URL helpers: make feed links absolute and reduce them to a canonical form for dedupe, so the same
 * article reached through a tracking link or another fragment hashes the same.
 */

/** Query parameters that only track the click, never select content. */
const TRACKING_PARAMS = new Set([
  "fbclid", "gclid", "dclid", "gclsrc", "msclkid", "yclid", "twclid", "igshid", "mc_cid", "mc_eid",
  "_ga", "_gl", "ref", "ref_src", "ref_url", "cmpid", "ncid", "sr_share", "spm", "wt_mc", "wt_zmc",
  "src", "source", "ito", "guccounter", "guce_referrer", "guce_referrer_sig", "__twitter_impression",
  "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "rss", "at_medium", "at_campaign",
]);

function isTrackingParam(name: string): boolean {
  const n = name.toLowerCase();
  return n.startsWith("utm_") || n.startsWith("hsa_") || TRACKING_PARAMS.has(n);
}

/** Absolute http(s) URL for `href` resolved against `base`, or null (other schemes and junk refused). */
export function resolveUrl(href: string | null | undefined, base?: string | null): string | null {
  if (!href) return null;
  const trimmed = href.trim();
  if (!trimmed) return null;
  let u: URL;
  try {
    u = base ? new URL(trimmed, base) : new URL(trimmed);
  } catch {
    return null;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return null;
  return u.href;
}

type Params = [string, string][];

function keptParams(u: URL): Params | null {
  return u.search ? [...u.searchParams.entries()].filter(([k]) => !isTrackingParam(k)) : null;
}

/** Display form of a parsed URL; sets u.search to the kept parameters. */
function displayOf(u: URL, kept: Params | null): string {
  if (!kept) return u.href;
  u.search = kept.length ? new URLSearchParams(kept).toString() : "";
  return u.href;
}

/** Canonical form of a parsed URL; mutates u. */
function canonicalOf(u: URL, kept: Params | null): string {
  u.hash = "";
  if (u.hostname.startsWith("www.")) u.hostname = u.hostname.slice(4);
  if (kept) {
    const sorted = [...kept].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    u.search = sorted.length ? new URLSearchParams(sorted).toString() : "";
  }
  if (u.protocol === "http:") u.protocol = "https:";
  return u.href;
}

/**
 * Canonical form for dedupe: lower-case host (URL does that), no fragment, no default port, no
 * tracking parameters, remaining parameters sorted. Not for display: the original link is kept.
 */
export function canonicalUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url.trim();
  }
  return canonicalOf(u, keptParams(u));
}

/**
 * The link shown to readers: the feed's own URL (host, scheme, fragment and parameter order kept, so
 * it still resolves) without the click-tracking parameters.
 */
export function displayUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url.trim();
  }
  return displayOf(u, keptParams(u));
}

/** displayUrl and canonicalUrl of one link from a single parse (normalising does both per item). */
export function urlForms(url: string): { display: string; canonical: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    const t = url.trim();
    return { display: t, canonical: t };
  }
  const kept = keptParams(u);
  const display = displayOf(u, kept);
  return { display, canonical: canonicalOf(u, kept) };
}
