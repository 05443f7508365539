/**
 * Later developments stay out of the event's story (issue 11 and the clusterer's side of it).
 *
 * An item this long after the mean time of a story's items whose headline announces a development
 * (a response, a reaction, a clarification, a readout, a launch date: `announcesDevelopment`) is the
 * next event, not more coverage of this one: it joins only as a copy (URL, title, near-duplicate),
 * never on similarity, names or figures. Why: a development repeats the event's names and words
 * ("After Geneva AI talks, Beijing protests …"), so it passes every similarity test, and once inside
 * the event's story the follow-up linker cannot present it as a development. The gap is the
 * linker's own (a development comes later), measured from the mean of the dated items rather than
 * the first one, so one early or undated item (whose time is only when it was first seen) does not
 * move it; same-day coverage that says "after" or "still" keeps joining.
 */
import type { Cluster, DocEntry } from "./cluster-state.js";
import { DEFAULT_LINKER_OPTIONS } from "./follow-up-linker.js";

export const DEVELOPMENT_GAP_MS = DEFAULT_LINKER_OPTIONS.followUpMinGapMs;

/** Count a member's time towards when its story broke (undated members say nothing about it). */
export function countTime(c: Cluster, d: DocEntry): void {
  if (d.undated) return;
  c.timeSum += d.time;
  c.dated++;
}

/** The item is a development announced well after the story broke. */
export function laterDevelopment(doc: DocEntry, c: Cluster): boolean {
  return doc.develops && !doc.undated && c.dated > 0 && doc.time - c.timeSum / c.dated >= DEVELOPMENT_GAP_MS;
}

/**
 * Every dated item of story `late` (at least one) is a development announced well after story
 * `early` broke. Undated members say nothing either way, as for `countTime`: an undated follow-up
 * from a feed's first poll ("After Sutskever, Leike: who is left …") made its story look
 * undevelopmental, and the Leike resignation merged into the Sutskever exit.
 */
export function developsFrom(docs: readonly DocEntry[], late: Cluster, early: Cluster): boolean {
  let dated = 0;
  for (const m of late.members) {
    const d = docs[m] as DocEntry;
    if (d.undated) continue;
    if (!laterDevelopment(d, early)) return false;
    dated++;
  }
  return dated > 0;
}
