import { describe, expect, it } from "vitest";
import { isBeatWord, isCommonWord } from "../../../src/digest/stories/common-word.js";
import { StoryClusterer, type ClusterDoc } from "../../../src/digest/stories/story-clusterer.js";

const T0 = Date.parse("2024-05-14T08:00:00Z");
const H = 3_600_000;
const doc = (id: string, source: string, title: string, hours: number, summary: string): ClusterDoc => ({ id, source, title, summary, time: T0 + hours * H });

describe("capitalised common words", () => {
  it("are told from rare names by the prior", () => {
    expect(isCommonWord("search")).toBe(true);
    expect(isCommonWord("french")).toBe(true);
    expect(isCommonWord("waymo")).toBe(false);
    expect(isCommonWord("falcon")).toBe(false);
  });

  it("do not make a company's analysis piece and its launch one event", () => {
    // The company makes other news all day: its name is in too many items to tell stories apart.
    const other = ["opens an office in Lisbon", "hires a new chief of design", "settles a patent dispute", "updates its phone app", "cuts prices of storage", "sponsors a football club", "adds a dark mode to mail", "loses a tax appeal", "signs a chip supply deal", "hosts a hackathon", "retires an old laptop line", "fixes a bug in its router", "moves its headquarters"];
    const noise = other.map((what, k) => doc(`n${k}`, `outlet${k}`, `Zentrix ${what}`, -20 + k, `The company said on Monday that it ${what.replace(/s /, " ")}.`));
    // The launch names "Search" as a product and shares it and the company with the analysis of the
    // company's earnings hours before: on a small window "Search" is in one story, on a large one in dozens.
    const docs = [
      doc("analysis", "column", "Zentrix Earnings, Zentrix Cloud Crushes, Search Advertising and LLMs", 0, "Zentrix announced a massive increase in capital spending that blew away expectations; the results explain why the quarter went so well."),
      doc("launch", "wire", "Zentrix is putting generated answers at the top of search for everyone", 9, "Overviews, the generated summaries Zentrix has been testing as the Search Generative Experience, start rolling out to users in the US this week, with more countries later."),
    ];
    const c = new StoryClusterer();
    for (const d of [...noise, ...docs]) c.observe(d);
    for (const d of noise) c.add(d);
    const [a, b] = docs.map((d) => c.add(d));
    expect(b?.clusterKey).not.toBe(a?.clusterKey);
  });

  it("the digest's beat word is no name, however few stories hold it yet", () => {
    expect(isBeatWord("ai")).toBe(true);
    expect(isBeatWord("waymo")).toBe(false);
    // A fresh window: "AI" is in one story only, and "summit" and "talks" are one kind of event; a
    // name would have joined the investment pledge to the talks on that alone.
    const docs = [
      doc("talks", "euro", "Lakeville becomes venue for Northland-Southland talks on AI", 0, "The city, already home to many agencies, hosts the first round of a dialogue the two presidents agreed in November, and diplomats hope"),
      doc("pledge", "wire", "Zentrix to invest 4 billion euros in Vandorian cloud and AI infrastructure", 2, "The pledge, announced as President Ludo Varenne hosts his annual Choose Vandoria summit, is Zentrix's largest ever in the country, with a data-centre campus and training."),
    ];
    const c = new StoryClusterer();
    const [a, b] = docs.map((d) => c.add(d));
    expect(b?.clusterKey).not.toBe(a?.clusterKey);
  });
});
