/**
 * Engagement a feed carries in its text: aggregator feeds (Hacker News and its clones, Lobsters, many
 * "best of" feeds) write "Score: 412 Comments: 198" or "Points: 295 # Comments: 250" into each item's
 * description. It is read before the summariser throws those lines away, and feeds ranking.
 */
export interface Engagement {
  points: number;
  comments: number;
}

const POINTS = /\b(?:Score|Points):\s*(\d{1,7})\b/i;
const COMMENTS = /(?:^|\s)#?\s?Comments:\s*(\d{1,7})\b/i;

/** The points and comments an item's raw summary reports, or null when it reports none. */
export function readEngagement(summary: string): Engagement | null {
  const p = POINTS.exec(summary);
  const c = COMMENTS.exec(summary);
  if (!p && !c) return null;
  return { points: Number(p?.[1] ?? 0), comments: Number(c?.[1] ?? 0) };
}

/** The most engaged item's figures: one discussion is the signal, not the sum of reposts. */
export function bestEngagement(summaries: readonly string[]): Engagement | null {
  let best: Engagement | null = null;
  for (const s of summaries) {
    const e = readEngagement(s);
    if (e && (!best || e.points + 2 * e.comments > best.points + 2 * best.comments)) best = e;
  }
  return best;
}
