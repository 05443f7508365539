/**
 * A story's coverage for readers: how many outlets, which had it first and when (in the destination's
 * time zone), and its primary source. Renderers turn it into "8 outlets · first: TechWire, 15:10 ·
 * primary source: openai.com" (`coverageLine` in src/core) within their own limits.
 */
import type { Story, StoryCoverage } from "../core/types.js";
import { formatInZone, knownZoneOr } from "../core/zoned-format.js";

/** Local "HH:MM", with the short weekday when the day differs from the digest's date ("Tue 15:10"). */
export function localTime(at: Date, timeZone: string, digestDate: string): string {
  const zone = knownZoneOr(timeZone);
  const time = formatInZone("clock", at, zone);
  if (formatInZone("day", at, zone) === digestDate) return time;
  return `${formatInZone("weekday", at, zone)} ${time}`;
}

export function storyCoverage(story: Story, timeZone: string, digestDate: string): StoryCoverage {
  let first: { name: string; at: number } | null = null;
  for (const s of story.sources) {
    const at = s.publishedAt ? Date.parse(s.publishedAt) : Number.NaN;
    if (Number.isFinite(at) && (!first || at < first.at)) first = { name: s.name, at };
  }
  return {
    outlets: new Set(story.sources.map((s) => s.feedId)).size,
    first: first ? { name: first.name, time: localTime(new Date(first.at), timeZone, digestDate) } : null,
    primary: story.sources.find((s) => s.primaryHost)?.primaryHost ?? null,
  };
}
