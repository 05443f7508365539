import { describe, expect, it } from "vitest";
import { ESTABLISHED_FRAGMENT_COSINE, FRAGMENT_COSINE, fragmentFloor } from "../../../src/digest/stories/fragment-floor.js";
import { StoryClusterer, type ClusterDoc } from "../../../src/digest/stories/story-clusterer.js";

const H = 3_600_000;
const T0 = Date.UTC(2024, 4, 13, 6);
const doc = (id: string, source: string, hours: number, title: string, summary = ""): ClusterDoc => ({ id, source, title, summary, time: T0 + hours * H });

// The day's other news, from the same outlets: the name below is rare in this window.
const background = [
  "Central bank holds rates as inflation cools",
  "Chipmaker shares slide after weak forecast",
  "City council approves new bike lanes downtown",
  "Streaming service raises prices again",
  "Airline cancels flights as storms hit the coast",
  "Retailer posts record holiday sales",
  "Regulators fine bank over money laundering lapses",
  "Electric carmaker recalls thousands of vehicles",
  "Court blocks merger of two grocery chains",
  "Oil prices rise on supply worries",
  "Startup raises funding for battery recycling",
  "Phone maker unveils foldable with bigger screen",
  "Game studio delays its next big release",
  "Union reaches deal with port operators",
  "Social network tests paid verification in Europe",
  "Cloud provider opens data centre in Spain",
  "Satellite firm launches broadband in Africa",
  "Pharmaceutical group wins approval for obesity drug",
  "Housing starts fall for a third month",
  "Cybersecurity firm warns of new ransomware wave",
  "Football club sold to investment group",
  "Browser maker adds tab groups on mobile",
  "Shipping giant cuts jobs as demand slows",
  "Music label signs deal with video platform",
  "Food delivery app expands to ten new cities",
].map((t, i) => doc(`bg${i}`, ["wire", "daily", "tech", "letter"][i % 4] as string, -20 + i * 0.8, t));

// Three outlets make Zephyr 3 the subject of their headlines: an established event.
const main = [
  doc("m1", "wire", 0, "Northwind Labs releases Zephyr 3 and says it beats larger open models", "The lab published Zephyr 3 with 12 billion parameters and a vision variant under a permissive licence."),
  doc("m2", "daily", 1, "Zephyr 3: a 12B open model with a vision variant"),
  doc("m3", "letter", 2, "Zephyr 3 speaks German, French and Spanish too", "Northwind says the open model was trained with data in several European languages."),
];
// Another outlet's own wording of the event, its subject the same name (centroid cosine 0.167).
const fragment = doc("f1", "tech", 3, "Gulf state steps up its ambitions with Zephyr", "The state-backed research centre says it is efficient enough to run on a single graphics processor.");

function run(docs: ClusterDoc[]): StoryClusterer {
  const c = new StoryClusterer();
  const all = [...background, ...docs];
  for (const d of all) c.observe(d);
  for (const d of all) c.add(d);
  c.settle(all.map((d) => d.id));
  return c;
}

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
