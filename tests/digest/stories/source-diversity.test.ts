import { describe, expect, it } from "vitest";
import { StoryClusterer, type ClusterDoc } from "../../../src/digest/stories/story-clusterer.js";

const H = 3_600_000;
const T0 = Date.UTC(2024, 4, 13, 6);
const doc = (id: string, source: string, hours: number, title: string, summary = ""): ClusterDoc => ({
  id,
  source,
  title,
  summary,
  time: T0 + hours * H,
});

// Two outlets on one pledge at a summit, then the first outlet's next item: another company's pledge.
const docs = [
  doc("a1", "wire", 0, "Microsoft to invest 4 billion euros in French cloud and AI infrastructure"),
  doc("b1", "daily", 1, "4 billion euros from Microsoft for French data centres and AI skills"),
  doc("a2", "wire", 2, "Amazon pledges 1.2 billion euros for French cloud and logistics"),
];

function run(options: ConstructorParameters<typeof StoryClusterer>[0] = {}): StoryClusterer {
  const c = new StoryClusterer(options);
  for (const d of docs) c.observe(d);
  for (const d of docs) c.add(d);
  return c;
}

describe("source diversity", () => {
  it("keeps an outlet's next item of the day out of a story it largely wrote", () => {
    const c = run();
    expect(c.clusterKeyOf("b1")).toBe(c.clusterKeyOf("a1"));
    expect(c.clusterKeyOf("a2")).not.toBe(c.clusterKeyOf("a1"));
  });

  it("is what keeps it out: without the penalty the item joins on its shared words", () => {
    const c = run({ sameSourcePenalty: 0 });
    expect(c.clusterKeyOf("a2")).toBe(c.clusterKeyOf("a1"));
  });

  it("lets another outlet's item with the same words join", () => {
    const c = new StoryClusterer();
    const other = { ...(docs[2] as ClusterDoc), source: "other" };
    for (const d of [docs[0], docs[1], other] as ClusterDoc[]) c.observe(d);
    for (const d of [docs[0], docs[1], other] as ClusterDoc[]) c.add(d);
    expect(c.clusterKeyOf("a2")).toBe(c.clusterKeyOf("a1"));
  });
});
