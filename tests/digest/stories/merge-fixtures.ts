/**
 * Shared fixtures of the story-merging tests: items of one morning, and the day's unrelated news
 * from the same outlets, so the names the tests use are rare in the window.
 */
import { StoryClusterer, type ClusterDoc } from "../../../src/digest/stories/story-clusterer.js";

export const H = 3_600_000;
export const T0 = Date.UTC(2024, 4, 13, 6);

export const doc = (id: string, source: string, hours: number, title: string, summary = ""): ClusterDoc => ({ id, source, title, summary, time: T0 + hours * H });

const HEADLINES = [
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
];

/** The first `count` of the day's other headlines, from four outlets in turn, `stepHours` apart from 20 h before T0. */
export function dayBackground(count: number, stepHours: number): ClusterDoc[] {
  return HEADLINES.slice(0, count).map((t, i) => doc(`bg${i}`, ["wire", "daily", "tech", "letter"][i % 4] as string, -20 + i * stepHours, t));
}

/** Clusters `docs` after `background` as one batch, then (unless told not to) settles it as the live engine does. */
export function clusterBatch(background: readonly ClusterDoc[], docs: readonly ClusterDoc[], settle = true): StoryClusterer {
  const c = new StoryClusterer();
  const all = [...background, ...docs];
  for (const d of all) c.observe(d);
  for (const d of all) c.add(d);
  if (settle) c.settle(all.map((d) => d.id));
  return c;
}
