import { readFileSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { clusterDocs } from "../../../src/digest/stories/cluster-docs.js";
import { scoreClustering } from "../../../src/digest/stories/cluster-metrics.js";
import { readLabelledCsv } from "../../../src/digest/stories/labelled-csv.js";
import { StoryClusterer, type ClusterDoc } from "../../../src/digest/stories/story-clusterer.js";
import { loadScenario } from "./scenario-items.js";

const H = 3_600_000;
const T0 = Date.UTC(2024, 10, 26, 8);
const doc = (id: string, title: string, hours = 0, extra: Partial<ClusterDoc> = {}): ClusterDoc => ({
  id,
  title,
  time: T0 + hours * H,
  ...extra,
});

describe("StoryClusterer", () => {
  it("joins exact duplicates by canonical URL and by normalised title", () => {
    const c = new StoryClusterer();
    const a = c.add(doc("a", "Nvidia unveils Blackwell Ultra chips at GTC keynote", 0, { url: "https://x.example/1" }));
    const b = c.add(doc("b", "Completely different words here", 1, { url: "https://x.example/1" }));
    const d = c.add(doc("d", "NVIDIA unveils Blackwell-Ultra chips at GTC keynote!", 2));
    expect(b).toMatchObject({ clusterKey: a.clusterKey, reason: "url" });
    expect(d).toMatchObject({ clusterKey: a.clusterKey, reason: "title" });
  });

  it("joins a syndicated copy with a new headline as a near-duplicate", () => {
    const body =
      "Members of the early access programme shared a working interface to the video model, letting anyone " +
      "generate short clips until the company revoked the keys in the afternoon.";
    const c = new StoryClusterer();
    const a = c.add(doc("a", "Artists leak Sora", 0, { summary: body }));
    const b = c.add(doc("b", "Protest: testers open the video model", 1, { summary: `${body} Updated.` }));
    expect(b).toMatchObject({ clusterKey: a.clusterKey, reason: "near-duplicate" });
  });

  it("groups differently worded reports of one event and keeps other events apart", () => {
    const c = new StoryClusterer();
    const docs = [
      doc("s1", "Artists leak OpenAI Sora video generator in protest"),
      doc("x1", "OpenAI raises $6.6 billion in new funding round"),
      doc("s2", "Sora leaked by protesting artists"),
      doc("x2", "OpenAI closes $6.6 billion funding round at $157 billion valuation"),
      doc("s3", "OpenAI pauses Sora access after artists leak it"),
    ];
    // A realistic window: the company name is common, so it alone must not link stories.
    const background = [
      "OpenAI hires former Instagram executive",
      "OpenAI updates ChatGPT memory feature",
      "Microsoft and OpenAI renegotiate cloud contract",
      "OpenAI opens office in Singapore",
      "Google launches Gemini 2 for developers",
      "Apple delays Siri overhaul to next year",
      "Nvidia stock hits record high",
      "Meta releases Llama 4 weights",
      "Amazon invests in Anthropic again",
      "EU finalises AI Act code of practice",
    ].map((t, i) => doc(`bg${i}`, t, -60 + i));
    // Terms are counted before clustering, as a poll's batch is (IDF from the whole window).
    for (const d of [...background, ...docs]) c.observe(d);
    for (const d of background) c.add(d);
    for (const d of docs) c.add(d);
    const final = (id: string): string => c.clusterKeyOf(id);
    expect(final("s2")).toBe(final("s1"));
    expect(final("s3")).toBe(final("s1"));
    expect(final("x2")).toBe(final("x1"));
    expect(final("x1")).not.toBe(final("s1"));
  });

  it("does not join an item to a story on one shared word, however rare", () => {
    const c = new StoryClusterer();
    const docs = [
      doc("a", "NHTSA opens probe into Waymo robotaxis after 22 incidents", 0, { source: "a" }),
      doc("b", "US safety regulator investigates Waymo robotaxis", 1, { source: "b" }),
      doc("c", "Waymo in Portland", 2, { source: "c" }),
      doc("d", "Waymo robotaxis face a federal safety probe", 3, { source: "d" }),
    ];
    for (const d of docs) c.observe(d);
    const [a, b, x, d] = docs.map((d) => c.add(d));
    expect(b?.clusterKey).toBe(a?.clusterKey);
    expect(d?.clusterKey).toBe(a?.clusterKey);
    expect(x?.clusterKey).not.toBe(a?.clusterKey);
  });

  it("never joins items further apart than the window", () => {
    const c = new StoryClusterer({ windowHours: 24 });
    const a = c.add(doc("a", "Anthropic releases Claude 3.5 Sonnet model", 0));
    const b = c.add(doc("b", "Anthropic releases Claude 3.5 Sonnet model update", 30));
    expect(b.clusterKey).not.toBe(a.clusterKey);
    expect(b.reason).toBe("new");
  });

  it("rebuilds known assignments with forced keys and lets new items join them", () => {
    const c = new StoryClusterer();
    c.add(doc("a", "Mistral releases Codestral coding model"), "story-1");
    c.add(doc("b", "Google Gemini gets a new voice mode"), "story-2");
    const r = c.add(doc("c", "Codestral: Mistral releases a coding model", 1));
    expect(r.clusterKey).toBe("story-1");
    expect(c.members("story-1").map((m) => m.docId).sort()).toEqual(["a", "c"]);
    expect(c.members("story-1")[0]?.centrality).toBeGreaterThan(0);
  });
});

describe("multi-outlet scenario fixtures", () => {
  it("assigns the same stories whether texts are memoised (live runs) or read once (batch runs)", async () => {
    const items = (await loadScenario()).flatMap((f) => f.items);
    const docs = items.map((i) => ({ id: i.id, title: i.title, summary: i.summary, url: i.canonicalUrl, time: i.publishedAt.getTime() }));
    const run = (memo: boolean): string[] => {
      const c = new StoryClusterer(undefined, undefined, memo);
      return docs.map((d) => c.add(d).clusterKey);
    };
    const once = run(false);
    expect(new Set(once).size).toBeGreaterThan(1);
    expect(new Set(once).size).toBeLessThan(docs.length);
    expect(run(true)).toEqual(once);
    expect(run(true)).toEqual(once); // memo now warm
  });

  it("clusters the Sora leak from six outlets into one story and keeps the other OpenAI stories apart", async () => {
    const items = (await loadScenario()).flatMap((f) => f.items);
    const result = clusterDocs(
      items.map((i) => ({ id: i.id, title: i.title, summary: i.summary, url: i.canonicalUrl, time: i.publishedAt.getTime() })),
    );
    const storyOf = new Map(result.map((r) => [r.id, r.story]));
    const byLabel = (label: string): Set<string> =>
      new Set(items.filter((i) => i.label === label).map((i) => storyOf.get(i.id) as string));
    const sora = byLabel("sora-leak");
    expect(sora.size).toBe(1);
    const soraStory = [...sora][0];
    expect(items.filter((i) => storyOf.get(i.id) === soraStory).every((i) => i.label === "sora-leak")).toBe(true);
    expect(byLabel("openai-funding").size).toBe(1);
    expect(byLabel("openai-funding").has(soraStory as string)).toBe(false);
    expect(byLabel("chatgpt-voice-web").has(soraStory as string)).toBe(false);
    expect(byLabel("ltx-video").has(soraStory as string)).toBe(false);
    // Purity: no story mixes two labels.
    const labelsPerStory = new Map<string, Set<string>>();
    for (const i of items) {
      const s = storyOf.get(i.id) as string;
      labelsPerStory.set(s, (labelsPerStory.get(s) ?? new Set()).add(i.label));
    }
    expect([...labelsPerStory.values()].every((l) => l.size === 1)).toBe(true);
  });

  it("groups all 19 labelled items exactly as labelled, the two Nvidia earnings reports included", async () => {
    const items = (await loadScenario()).flatMap((f) => f.items);
    expect(items).toHaveLength(19);
    const result = clusterDocs(
      items.map((i) => ({ id: i.id, title: i.title, summary: i.summary, url: i.canonicalUrl, time: i.publishedAt.getTime() })),
    );
    const story = result.map((r) => r.story);
    const label = items.map((i) => i.label);
    // Same story exactly when same label, for every pair.
    const mismatches: string[] = [];
    for (let a = 0; a < items.length; a++) {
      for (let b = a + 1; b < items.length; b++) {
        if ((story[a] === story[b]) !== (label[a] === label[b])) mismatches.push(`${items[a]?.title} / ${items[b]?.title}`);
      }
    }
    expect(mismatches).toEqual([]);
    const s = scoreClustering(story, label);
    console.log(`scenario: ${s.predictedClusters} stories (true ${s.trueClusters}), B-cubed F1 ${s.bcubedF1.toFixed(3)}`);
    expect(s.bcubedF1).toBe(1);
  });
});

describe("figure evidence (same precise figure, same headline subject)", () => {
  // Two reports of one earnings release: worded apart, but both quote "$35.1 billion" and name Nvidia.
  const earningsA = doc("a", "Nvidia revenue nearly doubles as data-center demand holds up", 0, {
    summary:
      "Nvidia reported quarterly revenue of $35.1 billion, up 94 percent from a year earlier, as cloud companies " +
      "keep buying its accelerators for AI training. The company said its Blackwell chips are in full production.",
  });
  const earningsB = (hours: number, figure = "$35.1bn"): ClusterDoc =>
    doc("b", "Nvidia beats estimates again, but its outlook cools investors", hours, {
      summary:
        `The chipmaker's quarterly sales of ${figure} topped forecasts, but its guidance for the next quarter was ` +
        "only slightly above expectations and shares slipped after hours.",
    });
  const background = [
    "Thrive, Microsoft and Nvidia join OpenAI's funding round",
    "Nvidia unveils a robotics platform for warehouses",
    "Google ships Gemini 2 to developers",
    "Apple delays its Siri overhaul",
  ].map((t, i) => doc(`bg${i}`, t, -5 + i));

  const run = (docs: ClusterDoc[], options?: Partial<ConstructorParameters<typeof StoryClusterer>[0]>) => {
    const c = new StoryClusterer(options);
    for (const d of [...background, ...docs]) c.observe(d);
    for (const d of background) c.add(d);
    return docs.map((d) => c.add(d));
  };

  it("joins differently worded coverage that quotes the same figure and names the same company", () => {
    const [a, b] = run([earningsA, earningsB(0.25)]);
    expect(b).toMatchObject({ clusterKey: a?.clusterKey, reason: "figure" });
  });

  it("reads '$35.1 billion' and '35.1bn' as the same figure", () => {
    const [a, b] = run([earningsA, earningsB(0.25, "35.1 billion dollars")]);
    expect(b?.clusterKey).toBe(a?.clusterKey);
  });

  it("keeps apart same-company news on the same day that quotes a different figure", () => {
    const [a, b] = run([earningsA, earningsB(0.25, "$33.2bn")]);
    expect(b?.clusterKey).not.toBe(a?.clusterKey);
    expect(b?.reason).toBe("new");
  });

  it("does not link by a round figure, which recurs by chance", () => {
    const round = doc("a", "Nvidia revenue nearly doubles as data-center demand holds up", 0, {
      summary: "Nvidia reported quarterly revenue of $30 billion as cloud companies keep buying its accelerators.",
    });
    const [a, b] = run([round, earningsB(0.25, "$30bn")]);
    expect(b?.clusterKey).not.toBe(a?.clusterKey);
  });

  it("does not link by the figure alone when the headlines share no word", () => {
    const other = doc("a", "Chipmaker results lift Asian suppliers", 0, {
      summary: "Suppliers rallied after quarterly revenue of $35.1 billion at the biggest customer beat forecasts.",
    });
    const [a, b] = run([other, earningsB(0.25)]);
    expect(b?.clusterKey).not.toBe(a?.clusterKey);
  });

  it("only looks figureWindowHours around the item, and can be switched off", () => {
    const [a, b] = run([earningsA, earningsB(48)]);
    expect(b?.clusterKey).not.toBe(a?.clusterKey);
    const [c, d] = run([earningsA, earningsB(0.25)], { figureJoinThreshold: 2 });
    expect(d?.clusterKey).not.toBe(c?.clusterKey);
  });
});

const UCI = fileURLToPath(new URL("../../../../shared/clusters/uci-news-dev.csv", import.meta.url));

describe("clustering quality on the labelled UCI news set", () => {
  it.runIf(existsSync(UCI))("beats the title-only baseline (B-cubed F1 0.64) clearly, and holds the engine's 0.836", () => {
    const rows = readLabelledCsv(readFileSync(UCI, "utf8"));
    const assigned = clusterDocs(rows.map((r) => r.doc));
    const s = scoreClustering(
      assigned.map((a) => a.story),
      rows.map((r) => r.story),
    );
    console.log(
      `UCI dev: ${s.items} items, ${s.predictedClusters} stories (true ${s.trueClusters}); B-cubed P=${s.bcubedPrecision.toFixed(3)} ` +
        `R=${s.bcubedRecall.toFixed(3)} F1=${s.bcubedF1.toFixed(3)}; ARI=${s.ari.toFixed(3)} NMI=${s.nmi.toFixed(3)}`,
    );
    // A floor under today's figure (0.836; 0.822 before headline stories sharing two words merged more
    // easily, see stories-share-words.ts), not a target: held-out headline sets score lower.
    expect(s.bcubedF1).toBeGreaterThanOrEqual(0.83);
    expect(s.bcubedPrecision).toBeGreaterThan(0.85);
  });
  if (!existsSync(UCI)) console.log(`skipping the UCI clustering check: ${UCI} is absent`);
});
