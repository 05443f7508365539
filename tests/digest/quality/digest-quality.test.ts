/**
 * The "Must show" figures, measured on the shared material when it is present (skipped with a
 * printed reason otherwise): the dev scenario's AI filter, topics, ranking agreement and summaries, and
 * every real feed's summaries and outlet names.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseScenario } from "../../../src/digest/eval/scenario-file.js";
import { readFeed } from "../../../src/digest/ingest/read-feed.js";
import { evaluateDigestQuality } from "../../../src/digest/quality/digest-quality.js";
import { toLabelledItems } from "../../../src/digest/quality/labelled-scenario.js";
import { assembleStory } from "../../../src/digest/stories/assemble-story.js";
import { shortOutletName, MAX_OUTLET_NAME } from "../../../src/digest/stories/outlet-name.js";
import { summaryDefects } from "../../../src/digest/stories/summary-checks.js";
import { extractiveSummarizer } from "../../../src/digest/stories/summarizer.js";
import { BUILTIN_TOPICS } from "../../../src/digest/stories/topic-catalog.js";
import { TopicMatcher } from "../../../src/digest/stories/topic-matcher.js";

const SHARED = new URL("../../../../shared/", import.meta.url);
const SCENARIO = new URL("scenarios/ai-events-dev.jsonl", SHARED);
const FEEDS = new URL("feeds/", SHARED);

const hasScenario = existsSync(SCENARIO);
const hasFeeds = existsSync(FEEDS);
if (!hasScenario) console.log(`skipping scenario quality: ${SCENARIO.pathname} is absent`);
if (!hasFeeds) console.log(`skipping feed summaries: ${FEEDS.pathname} is absent`);

describe.skipIf(!hasScenario)("digest quality on the dev scenario", () => {
  it("meets the AI filter, topic, ranking and summary targets", async () => {
    const items = toLabelledItems(parseScenario(readFileSync(SCENARIO, "utf8")));
    const r = await evaluateDigestQuality(items, new TopicMatcher(BUILTIN_TOPICS));
    expect(r.aiStories.precision).toBeGreaterThanOrEqual(0.95);
    expect(r.aiStories.recall).toBeGreaterThanOrEqual(0.9);
    expect(r.aiItems.precision).toBeGreaterThanOrEqual(0.95);
    expect(r.aiItems.recall).toBeGreaterThanOrEqual(0.9);
    expect(r.topics.precision).toBeGreaterThanOrEqual(0.85);
    expect(r.topics.recall).toBeGreaterThanOrEqual(0.8);
    expect(r.ranking.pairs).toBeGreaterThan(50);
    expect(r.ranking.agreement).toBeGreaterThanOrEqual(0.9);
    // Every story of the scenario: no summary with boilerplate, a credit, a byline or a cut sentence,
    // and most stories still get one.
    expect(r.summaries.defects).toEqual([]);
    expect(r.summaries.withSummary / r.summaries.stories).toBeGreaterThan(0.9);
  });
});

describe.skipIf(!hasFeeds)("summaries and outlet names on a real day of each feed", () => {
  it("no story's summary is boilerplate, a credit, a byline or a cut sentence; outlet names are short", async () => {
    const names: string[] = [];
    let summaries = 0;
    const files = readdirSync(FEEDS).filter((f) => /\.(rss|atom|rdf|xml)$/.test(f)).sort();
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const url = `https://${file.replace(/\W+/g, "-")}.example/feed`;
      let read;
      try {
        read = await readFeed(readFileSync(new URL(file, FEEDS)), { feedId: file, url, now: new Date("2026-12-04T00:00:00Z") });
      } catch {
        continue; // a feed that fails to parse fails with its own error (the ingest corpus test)
      }
      const name = shortOutletName(read.feed.title, read.feed.siteUrl ?? url);
      if (name) names.push(name);
      for (const it of read.items) {
        const item = { ...it, firstSeenAt: it.publishedAt, storyId: null };
        const story = await assembleStory(`st_${it.id}`, [{ item, centrality: 1, topics: [] }], new Map(), {
          now: new Date("2026-12-04T00:00:00Z"),
          summarizer: extractiveSummarizer,
        });
        if (!story.summary) continue;
        summaries++;
        expect(summaryDefects(story.summary), `${file}: ${story.summary}`).toEqual([]);
      }
    }
    expect(summaries).toBeGreaterThan(100);
    for (const n of names) {
      expect(n.length, n).toBeLessThanOrEqual(MAX_OUTLET_NAME);
      expect(n.split(" ").length, n).toBeLessThanOrEqual(4);
    }
    expect(names).toEqual(expect.arrayContaining(["Engadget", "The Verge", "MacRumors", "Stratechery"]));
  });
});
