import { describe, expect, it } from "vitest";
import { ESTABLISHED_FRAGMENT_COSINE, FRAGMENT_COSINE, fragmentFloor } from "../../../src/digest/stories/fragment-floor.js";
import type { ClusterDoc, StoryClusterer } from "../../../src/digest/stories/story-clusterer.js";
import { clusterBatch, dayBackground, doc } from "./merge-fixtures.js";

// The day's other news, from the same outlets: the name below is rare in this window.
const background = dayBackground(25, 0.8);

// Three outlets make Zephyr 3 the subject of their headlines: an established event.
const main = [
  doc("m1", "wire", 0, "Northwind Labs releases Zephyr 3 and says it beats larger open models", "The lab published Zephyr 3 with 12 billion parameters and a vision variant under a permissive licence."),
  doc("m2", "daily", 1, "Zephyr 3: a 12B open model with a vision variant"),
  doc("m3", "letter", 2, "Zephyr 3 speaks German, French and Spanish too", "Northwind says the open model was trained with data in several European languages."),
];
// Another outlet's own wording of the event, its subject the same name (centroid cosine 0.167).
const fragment = doc("f1", "tech", 3, "Gulf state steps up its ambitions with Zephyr", "The state-backed research centre says it is efficient enough to run on a single graphics processor.");

const run = (docs: ClusterDoc[]): StoryClusterer => clusterBatch(background, docs);

describe("fragment floor", () => {
  it("asks less overlap of a fragment headlining the name of an event several outlets headline", () => {
    expect(fragmentFloor(3, 1, true)).toBe(ESTABLISHED_FRAGMENT_COSINE);
    expect(fragmentFloor(1, 4, true)).toBe(ESTABLISHED_FRAGMENT_COSINE);
    expect(ESTABLISHED_FRAGMENT_COSINE).toBeLessThan(FRAGMENT_COSINE);
  });

  it("keeps the usual floor for two small pieces or a piece that only mentions the name", () => {
    expect(fragmentFloor(1, 1, true)).toBe(FRAGMENT_COSINE);
    expect(fragmentFloor(2, 1, true)).toBe(FRAGMENT_COSINE);
    expect(fragmentFloor(3, 1, false)).toBe(FRAGMENT_COSINE);
  });

  it("merges another outlet's own wording of an event three outlets headline", () => {
    const c = run([...main, fragment]);
    expect(c.clusterKeyOf("m2")).toBe(c.clusterKeyOf("m1"));
    expect(c.clusterKeyOf("m3")).toBe(c.clusterKeyOf("m1"));
    expect(c.clusterKeyOf("f1")).toBe(c.clusterKeyOf("m1"));
  });

  it("keeps the usual floor while fewer outlets headline it", () => {
    const c = run([...main.slice(0, 2), fragment]);
    expect(c.clusterKeyOf("m2")).toBe(c.clusterKeyOf("m1"));
    expect(c.clusterKeyOf("f1")).not.toBe(c.clusterKeyOf("m1"));
  });
});
