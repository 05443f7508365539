/**
 * How a follow-up is worded on every platform: "Update: …" for a development of a story the reader
 * got, "Follows: <headline>, 3 days ago" for one they did not. Renderers format these into their
 * own markup; the words stay the same everywhere.
 */
import type { DigestStory, StoryFollowUp } from "./types.js";

export const UPDATE_LABEL = "Update";
export const FOLLOWS_LABEL = "Follows";

/** "earlier today", "yesterday", "3 days ago": the earlier story's age on the digest's date. */
export function ageOn(earlierAt: string, digestDate: string): string {
  const then = Date.parse(`${earlierAt.slice(0, 10)}T00:00:00Z`);
  const day = Date.parse(`${digestDate}T00:00:00Z`);
  const days = Number.isFinite(then) && Number.isFinite(day) ? Math.round((day - then) / 86_400_000) : Number.NaN;
  if (!Number.isFinite(days) || days <= 0) return "earlier today";
  if (days === 1) return "yesterday";
  return `${days} days ago`;
}

/** Stories shown in the digest's numbered list (new stories and "follows") and the updates sent as replies. */
export function splitUpdates(stories: readonly DigestStory[]): { listed: DigestStory[]; updates: (DigestStory & { followUp: StoryFollowUp })[] } {
  const listed: DigestStory[] = [];
  const updates: (DigestStory & { followUp: StoryFollowUp })[] = [];
  for (const s of stories) {
    if (s.followUp?.kind === "update") updates.push(s as DigestStory & { followUp: StoryFollowUp });
    else listed.push(s);
  }
  return { listed, updates };
}

/** The header's note on updates and more coverage, or "" when there is none. */
export function followUpNote(updates: number, moreCoverage: number): string {
  const parts: string[] = [];
  if (updates > 0) parts.push(`${updates} ${updates === 1 ? "update" : "updates"} to stories you already have, posted as replies.`);
  if (moreCoverage > 0) parts.push(`${moreCoverage} ${moreCoverage === 1 ? "story" : "stories"} you already have got more coverage.`);
  return parts.join(" ");
}
