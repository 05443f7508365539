import { describe, expect, it } from "vitest";
import { SHARED_WORDS_MERGE } from "../../../src/digest/stories/stories-share-words.js";
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

  it("gives headline stories sharing one word (the company) no merge discount", () => {
    // A market day, a recall of one company, and the same company's unrelated hire.
    const market = [
      "Stocks edge higher as investors await inflation data", "Oil prices slip on weaker demand outlook", "Bank shares rally after earnings beat",
      "Retail sales rise more than expected in April", "Dollar steady ahead of central bank meeting", "Gold climbs to two-week high",
      "Airline raises full-year profit forecast", "Chipmaker shares fall on supply warning", "Housing starts drop for second month",
      "Consumer confidence improves in May", "Carmaker opens new plant in Texas", "Tech giant unveils new laptop lineup",
      "Singer announces world tour dates", "Film tops weekend box office again", "Streaming service raises prices",
      "Actor joins cast of sequel", "Band releases surprise album", "Festival lineup revealed",
    ].map((t, i) => doc(`m${i}`, `m${i}`, t, -30 + i));
    const recall = [
      doc("r1", "wire", "Zorvex recalls 40,000 electric scooters over battery fires in three states", 0),
      doc("r2", "daily", "Battery fires force a Zorvex recall of electric scooters sold since March", 1),
      doc("r3", "ledger", "Zorvex electric scooter recall covers models with faulty battery packs", 2),
      doc("r4", "chain", "Retailers pull Zorvex scooters from shelves across Europe pending safety checks", 3),
      doc("r5", "times", "Big chains stop selling Zorvex scooters while inspectors test stock", 4),
      doc("r6", "herald", "Zorvex scooters vanish from store shelves as chains await inspectors", 5),
    ];
    const hire = [doc("h1", "globe", "Zorvex names new chief financial officer", 3.5), doc("h2", "post", "Zorvex hires CFO from rival", 4.5)];
    const run = (mergeThreshold?: number): StoryClusterer => {
      const c = new StoryClusterer(mergeThreshold === undefined ? {} : { mergeThreshold });
      const all = [...market, ...recall, ...hire].sort((a, b) => a.time - b.time);
      for (const d of all) c.observe(d);
      for (const d of all) c.add(d);
      return c;
    };
    // The hire's story reaches 0.2 against the recall's on the company alone: above the discounted
    // threshold (0.25 x SHARED_WORDS_MERGE = 0.175), and still apart, as it shares one word only.
    expect(0.25 * SHARED_WORDS_MERGE).toBeLessThan(0.2);
    const loose = run(0.2);
    expect(loose.clusterKeyOf("h1")).toBe(loose.clusterKeyOf("r1"));
    const c = run();
    expect(c.clusterKeyOf("h1")).not.toBe(c.clusterKeyOf("r1"));
    expect(c.clusterKeyOf("h2")).not.toBe(c.clusterKeyOf("r1"));
    expect(c.clusterKeyOf("r6")).toBe(c.clusterKeyOf("r1"));
  });
});
