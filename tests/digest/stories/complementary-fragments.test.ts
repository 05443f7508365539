import { describe, expect, it } from "vitest";
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

const main = [
  doc("m1", "wire", 0, "Northwind Labs releases Zephyr 3 and says it beats larger open models", "The lab published Zephyr 3 with 12 billion parameters and a vision variant under a permissive licence."),
  doc("m2", "daily", 1, "Zephyr 3: a 12B open model with a vision variant"),
];
const fragment = (over: Partial<ClusterDoc> = {}): ClusterDoc => ({
  ...doc("f1", "tech", 3, "Zephyr 3 reads charts and receipts, and a mixture-of-experts version is next", "Hands-on: the model describes photos of documents well and stumbles on handwriting."),
  ...over,
});

function run(docs: ClusterDoc[], settle: boolean): StoryClusterer {
  const c = new StoryClusterer();
  const all = [...background, ...docs];
  for (const d of all) c.observe(d);
  for (const d of all) c.add(d);
  if (settle) c.settle(all.map((d) => d.id));
  return c;
}

describe("complementary fragments", () => {
  it("merges a fragment another outlet wrote in the same hours about the story's rare name", () => {
    const before = run([...main, fragment()], false);
    expect(before.clusterKeyOf("m2")).toBe(before.clusterKeyOf("m1"));
    expect(before.clusterKeyOf("f1")).not.toBe(before.clusterKeyOf("m1"));
    const after = run([...main, fragment()], true);
    expect(after.clusterKeyOf("f1")).toBe(after.clusterKeyOf("m1"));
  });

  it("keeps apart a second piece by an outlet already in the story: its next news", () => {
    const c = run([...main, fragment({ source: "daily" })], true);
    expect(c.clusterKeyOf("f1")).not.toBe(c.clusterKeyOf("m1"));
  });

  it("keeps apart a piece told many hours later", () => {
    const c = run([...main, fragment({ time: T0 + 12 * H })], true);
    expect(c.clusterKeyOf("f1")).not.toBe(c.clusterKeyOf("m1"));
  });

  it("keeps apart a story that only partly names it: other news about the same thing", () => {
    const [g1, g2] = [
      doc("g1", "tech", 2, "Artists say Zephyr 3 copied their portfolios without consent", "An illustrators' group accuses the lab of scraping portfolios for training."),
      doc("g2", "letter", 3, "Illustrators accuse Northwind of scraping their portfolios", "The artists' group wants its work removed from the training data of the open model."),
    ];
    const c = run([...main, g1, g2], true);
    expect(c.clusterKeyOf("g2")).toBe(c.clusterKeyOf("g1"));
    expect(c.clusterKeyOf("g1")).not.toBe(c.clusterKeyOf("m1"));
  });
});
