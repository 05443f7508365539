/**
 * Test helper: one full digest built by the real engine (topic matcher, story assembly with its
 * summariser, ranking and coverage, selection order, buildDigest) from a fixed set of feed items, so
 * the platform golden tests render exactly what a channel would get.
 */
import type { DigestDoc, Item } from "../../src/core/types.js";
import { buildDigest } from "../../src/digest/build-digest.js";
import { prepareStories } from "../../src/digest/select-stories.js";
import { assembleStory, type FeedInfo } from "../../src/digest/stories/assemble-story.js";
import { extractiveSummarizer } from "../../src/digest/stories/summarizer.js";
import { BUILTIN_TOPICS } from "../../src/digest/stories/topic-catalog.js";
import { TopicMatcher } from "../../src/digest/stories/topic-matcher.js";

export const GOLDEN_NOW = new Date("2024-05-14T06:00:00Z");

const FEEDS = new Map<string, FeedInfo>([
  ["techwire", { title: "TechWire – Technology news, every hour - All Stories", sourceWeight: 1, siteUrl: "https://techwire.example/" }],
  ["circuit", { title: "The Circuit", sourceWeight: 1, siteUrl: "https://thecircuit.example/" }],
  ["ledger", { title: "Daily Ledger is the business paper of record for the tech economy", sourceWeight: 1, siteUrl: "https://dailyledger.example/" }],
  ["hn", { title: "HackerFront: Best Stories", sourceWeight: 1, siteUrl: "https://news.hackerfront.example/" }],
  ["gadget", { title: "GadgetDaily", sourceWeight: 1, siteUrl: "https://gadgetdaily.example/" }],
]);

let n = 0;
function item(feedId: string, at: string, title: string, summary: string, url: string): Item {
  n++;
  return {
    id: `it_${n}`,
    feedId,
    hash: `h${n}`,
    guid: null,
    url,
    canonicalUrl: url,
    title,
    summary,
    contentHash: `c${n}`,
    imageUrl: null,
    author: null,
    publishedAt: new Date(at),
    dateIsFallback: false,
    firstSeenAt: new Date(at),
    storyId: null,
  };
}

function stories(): Item[][] {
  n = 0;
  return [
    [
      item("techwire", "2024-05-13T17:10:00Z", "OpenAI unveils GPT-4o, a faster model that talks, sees and is free for everyone",
        "OpenAI's new flagship model reasons across audio, vision and text in real time. Free ChatGPT users get access too. The post OpenAI unveils GPT-4o appeared first on TechWire.",
        "https://techwire.example/2024/05/13/openai-gpt-4o"),
      item("circuit", "2024-05-13T17:40:00Z", "'It feels like AI from the movies': Altman bets on a voice assistant you can interrupt",
        "Illustration by Maya Ortiz / The Circuit In the launch stream, OpenAI staff cut the assistant off mid-sentence and asked it to sound more dramatic. Altman called it the best computer interface he had used.",
        "https://thecircuit.example/news/240513/gpt-4o-voice"),
      item("ledger", "2024-05-13T18:05:00Z", "Half the price, twice the speed: what GPT-4o changes for developers",
        "In the API, GPT-4o costs 50% less than GPT-4 Turbo and comes with rate limits five times higher, OpenAI says. For startups reselling access to OpenAI models, margins could",
        "https://dailyledger.example/technology/2024/may/13/gpt-4o-api-price"),
      item("hn", "2024-05-13T18:20:00Z", "Hello GPT-4o",
        "Score: 1843 Comments: 1297 By: zxcvbnm_ Discussion: https://news.hackerfront.example/item?id=40762881",
        "https://openai.com/index/hello-gpt-4o/"),
    ],
    [
      item("gadget", "2024-05-13T21:00:00Z", "Google answers Sora with Veo, a video model that makes 1080p clips over a minute long",
        "Google DeepMind's Veo turns text, image or video prompts into high-definition footage. Access starts through a waitlist in VideoFX.",
        "https://gadgetdaily.example/2024/05/google-veo.html"),
      item("circuit", "2024-05-13T21:30:00Z", "Veo is Google's bid to catch up in AI video",
        "Photo by Ana Kessler / The Circuit Demo clips show stable characters and smooth camera moves. Google did not say what Veo was trained on.",
        "https://thecircuit.example/news/240514/veo"),
    ],
    [
      item("hn", "2024-05-14T02:15:00Z", "Show HF: a <b>tiny</b> @everyone \u202EAI agent\u202C that files your <i>bugs</i> & tests",
        "Article URL: https://github.com/example/agent Comments URL: https://news.hackerfront.example/item?id=1 Points: 212 # Comments: 88",
        "https://github.com/example/agent"),
    ],
    [
      item("techwire", "2024-05-13T09:00:00Z", "Walmart cuts hundreds of corporate jobs and asks staff to relocate",
        "The retailer told employees in smaller offices to move to its Arkansas headquarters.",
        "https://techwire.example/2024/05/13/walmart-jobs"),
    ],
  ];
}

/** The digest a channel following no topic gets at GOLDEN_NOW (Europe/Berlin), best first. */
export async function goldenDigest(): Promise<DigestDoc> {
  const matcher = new TopicMatcher(BUILTIN_TOPICS);
  const built = [];
  for (const [i, items] of stories().entries()) {
    const members = items.map((it) => {
      const a = matcher.analyse(it.title, it.summary, it.url);
      return { item: it, centrality: 0.5, topics: a.topics, gated: a.gated, ai: a.ai };
    });
    built.push(await assembleStory(`st_golden_${i}`, members, FEEDS, { now: GOLDEN_NOW, summarizer: extractiveSummarizer }));
  }
  // What selection does for a channel following no topic: AI stories only, best first.
  const prepared = prepareStories(built).filter((p) => p.ai);
  const topics = new Map(BUILTIN_TOPICS.map((t) => [t.id, t]));
  return buildDigest(
    prepared.map((p) => p.story),
    topics,
    { date: "2024-05-14", maxStories: 10, timeZone: "Europe/Berlin" },
  );
}
