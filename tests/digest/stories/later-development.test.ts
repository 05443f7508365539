import { describe, expect, it } from "vitest";
import type { Cluster, DocEntry } from "../../../src/digest/stories/cluster-state.js";
import { DEVELOPMENT_GAP_MS, developsFrom, laterDevelopment } from "../../../src/digest/stories/later-development.js";

const H = 3_600_000;
// Only the fields the rule reads; the rest of a story or document plays no part in it.
const item = (hours: number, develops: boolean, undated = false): DocEntry => ({ time: hours * H, develops, undated }) as unknown as DocEntry;
const story = (members: number[], docs: DocEntry[]): Cluster => {
  const dated = members.map((m) => docs[m] as DocEntry).filter((d) => !d.undated);
  return { members, timeSum: dated.reduce((s, d) => s + d.time, 0), dated: dated.length } as unknown as Cluster;
};

describe("later developments", () => {
  const gapHours = DEVELOPMENT_GAP_MS / H;
  const docs = [
    item(0, false), // the event
    item(2, false),
    item(gapHours + 4, true), // its development, the next day
    item(gapHours + 6, true),
    item(-30, false, true), // an undated piece from a feed's first poll, about the development
    item(gapHours + 5, false), // same-day coverage that announces nothing
  ];
  const event = story([0, 1], docs);

  it("a story of developments announced after the event broke develops from it", () => {
    expect(laterDevelopment(docs[2] as DocEntry, event)).toBe(true);
    expect(developsFrom(docs, story([2, 3], docs), event)).toBe(true);
  });

  it("an undated member says nothing either way", () => {
    expect(developsFrom(docs, story([4, 2, 3], docs), event)).toBe(true);
    expect(developsFrom(docs, story([4], docs), event)).toBe(false);
  });

  it("one dated member that is no development makes the story more coverage", () => {
    expect(developsFrom(docs, story([2, 5], docs), event)).toBe(false);
  });
});
