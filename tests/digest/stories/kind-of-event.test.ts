import { describe, expect, it } from "vitest";
import { StoryClusterer, type ClusterDoc } from "../../../src/digest/stories/story-clusterer.js";

const H = 3_600_000;
const T0 = Date.UTC(2024, 4, 13, 6);
const doc = (id: string, source: string, hours: number, title: string, summary = ""): ClusterDoc => ({ id, source, title, summary, time: T0 + hours * H });

// The day's other news: the company's name is rare in this window.
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
].map((t, i) => doc(`bg${i}`, ["wire", "daily", "tech", "letter"][i % 4] as string, -20 + i, t));

const probe = [
  doc("p1", "wire", 0, "US safety regulator investigates Zorvex after 22 robotaxi incidents", "The agency's defects office said Zorvex vehicles were involved in collisions with gates and chains."),
  doc("p2", "daily", 1, "Zorvex faces federal probe over unexpected driving behaviour", "Several incidents involved Zorvex vehicles with nobody behind the wheel, the regulator said."),
];

function run(docs: ClusterDoc[]): StoryClusterer {
  const c = new StoryClusterer();
  const all = [...background, ...docs];
  for (const d of all) c.observe(d);
  for (const d of all) c.add(d);
  c.settle(all.map((d) => d.id));
  return c;
}

describe("kinds of event", () => {
  it("keep the company's other news apart from its event's story: a pilot launched is not the probe", () => {
    const pilot = doc("o1", "tech", 2, "Zorvex robotaxis get couriers to close their doors", "The companies launched a pilot in Atlanta: when a door is left open after a ride, a nearby courier is paid to shut it so the vehicle can drive on.");
    const c = run([...probe, pilot]);
    expect(c.clusterKeyOf("p2")).toBe(c.clusterKeyOf("p1"));
    expect(c.clusterKeyOf("o1")).not.toBe(c.clusterKeyOf("p1"));
  });

  it("still merge a fragment that names no kind of event (an explainer of the probe)", () => {
    const explainer = doc("f1", "tech", 2, "Gates, chains and wrong lanes: what is in the Zorvex file", "The agency describes Zorvex robotaxis hitting gates and chains an attentive human would avoid.");
    const c = run([...probe, explainer]);
    expect(c.clusterKeyOf("f1")).toBe(c.clusterKeyOf("p1"));
  });
});
