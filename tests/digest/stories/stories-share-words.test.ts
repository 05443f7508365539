import { describe, expect, it } from "vitest";
import { StoryClusterer, type ClusterDoc } from "../../../src/digest/stories/story-clusterer.js";

const T0 = Date.parse("2024-05-14T08:00:00Z");
const H = 3_600_000;
const doc = (id: string, source: string, title: string, hours: number, summary?: string): ClusterDoc => ({ id, source, title, time: T0 + hours * H, ...(summary ? { summary } : {}) });

describe("merging stories", () => {
  it("does not merge a headline sharing only the company into the company's event", () => {
    // An aggregator's link names the company and a city; the probe's story is about the company too.
    const docs = [
      doc("link", "aggregator", "Zorvex in Portland", 0),
      doc("p1", "wire", "US safety regulator investigates Zorvex after 22 robotaxi incidents", 2, "The agency said Zorvex vehicles were involved in collisions with gates and chains and drove on the wrong side of the road."),
      doc("p2", "daily", "Zorvex faces federal probe over unexpected driving behaviour", 3, "The regulator said several incidents involved Zorvex vehicles with nobody behind the wheel; the company said it was proud of its record."),
      doc("p3", "ledger", "Inside the regulator's Zorvex file: gates, chains and wrong lanes", 4, "The agency describes Zorvex robotaxis hitting objects an attentive human would avoid."),
      doc("p4", "globe", "Zorvex robotaxis under federal investigation", 5, "A preliminary evaluation is the first step in the regulator's defect process for the Zorvex fleet."),
      doc("p5", "post", "Zorvex probe widens as regulator counts more incidents", 6, "Zorvex said it works with the regulator on the incidents involving its vehicles."),
    ];
    const c = new StoryClusterer();
    for (const d of docs) c.observe(d);
    for (const d of docs) c.add(d);
    expect(c.clusterKeyOf("link")).not.toBe(c.clusterKeyOf("p1"));
  });
});
