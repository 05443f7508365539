import { describe, expect, it } from "vitest";
import type { ClusterDoc, StoryClusterer } from "../../../src/digest/stories/story-clusterer.js";
import { clusterBatch, dayBackground, doc, H, T0 } from "./merge-fixtures.js";

// The day's other news, from the same outlets: the name below is rare in this window.
const background = dayBackground(25, 0.8);

const main = [
  doc("m1", "wire", 0, "Northwind Labs releases Zephyr 3 and says it beats larger open models", "The lab published Zephyr 3 with 12 billion parameters and a vision variant under a permissive licence."),
  doc("m2", "daily", 1, "Zephyr 3: a 12B open model with a vision variant"),
];
const fragment = (over: Partial<ClusterDoc> = {}): ClusterDoc => ({
  ...doc("f1", "tech", 3, "Zephyr 3 reads charts and receipts, and a mixture-of-experts version is next", "Hands-on: the model describes photos of documents well and stumbles on handwriting."),
  ...over,
});

const run = (docs: ClusterDoc[], settle: boolean): StoryClusterer => clusterBatch(background, docs, settle);

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
