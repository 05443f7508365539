import { describe, expect, it } from "vitest";
import type { ClusterDoc, StoryClusterer } from "../../../src/digest/stories/story-clusterer.js";
import { clusterBatch, dayBackground, doc } from "./merge-fixtures.js";

// The day's other news: the company's name is rare in this window.
const background = dayBackground(20, 1);

const probe = [
  doc("p1", "wire", 0, "US safety regulator investigates Zorvex after 22 robotaxi incidents", "The agency's defects office said Zorvex vehicles were involved in collisions with gates and chains."),
  doc("p2", "daily", 1, "Zorvex faces federal probe over unexpected driving behaviour", "Several incidents involved Zorvex vehicles with nobody behind the wheel, the regulator said."),
];

const run = (docs: ClusterDoc[]): StoryClusterer => clusterBatch(background, docs);

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
