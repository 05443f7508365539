import { describe, expect, it } from "vitest";
import { StoryClusterer, type ClusterDoc } from "../../../src/digest/stories/story-clusterer.js";

const T0 = Date.parse("2024-05-15T12:00:00Z");
const H = 3_600_000;
const doc = (id: string, source: string, hours: number, title: string, summary: string): ClusterDoc => ({ id, source, title, summary, time: T0 + hours * H });

// A policy roadmap told by four outlets. The senators' own announcement ("early") comes after the
// first piece, which names the same majority leader but no kind of event, and before the pieces that
// make the story one of a release: when it comes, no story has its kind of event.
const first = doc("s1", "wire", 0, "Corvallo's working group asks for $8 billion but stops short of new drone rules", "The bipartisan group's roadmap, the product of months of closed hearings, urges spending on airspace research and leaves regulation to committees.");
const early = doc("early", "globe", 1.5, "Lawmakers unveil long-awaited plan for unmanned aircraft", "Majority leader Corvallo and senators Ameline, Brasco and Tivert released a report setting out priorities for pilots, insurers, towns and airspace research.");
const second = doc("s2", "daily", 2, "Consumer groups say the drone roadmap goes easy on delivery companies", "Privacy advocates argued that the roadmap is mostly about funding the industry and says little about noise, surveillance or liability.");
const release = doc("s3", "ledger", 3, "Working group releases its drone policy roadmap", "The document lists funding priorities and asks committees to write the rules for delivery drones.");

/** Each document in its own batch (an hourly poll each), settled after it as the live path does. */
function polled(batches: ClusterDoc[][]): StoryClusterer {
  const c = new StoryClusterer();
  for (const batch of batches) {
    for (const d of batch) c.observe(d);
    for (const d of batch) c.add(d);
    c.settle(batch.map((d) => d.id));
  }
  return c;
}

describe("a lone item placed again on evidence once its event's story formed", () => {
  it("joins the story that now shares its name and its kind of event", () => {
    const c = polled([[first], [early], [second], [release]]);
    expect(c.clusterKeyOf("s2")).toBe(c.clusterKeyOf("s1"));
    expect(c.clusterKeyOf("s3")).toBe(c.clusterKeyOf("s1"));
    // It stayed alone when it came (no story had an unveiling or a release) and joins after the release.
    expect(polled([[first], [early], [second]]).clusterKeyOf("early")).not.toBe(polled([[first], [early], [second]]).clusterKeyOf("s1"));
    expect(c.clusterKeyOf("early")).toBe(c.clusterKeyOf("s1"));
  });

  it("leaves an item of an outlet already in the story apart (an outlet writes one piece per event)", () => {
    const sameOutlet = { ...early, source: "ledger" };
    const c = polled([[first], [sameOutlet], [second], [release]]);
    expect(c.clusterKeyOf("early")).not.toBe(c.clusterKeyOf("s1"));
  });

  it("leaves an undated item apart (its time is only when it was first seen)", () => {
    const c = polled([[first], [{ ...early, undated: true }], [second], [release]]);
    expect(c.clusterKeyOf("early")).not.toBe(c.clusterKeyOf("s1"));
  });
});
