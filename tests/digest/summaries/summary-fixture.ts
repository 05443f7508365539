/**
 * Test helpers for grounded summaries: a SQLite store holding a few stories whose items say known
 * things, and a logger that keeps what it was told.
 */
import type { Logger } from "../../../src/core/logger.js";
import type { Store } from "../../../src/core/ports.js";
import type { NewItem, Story } from "../../../src/core/types.js";
import { AI_NEWS_TAG } from "../../../src/digest/stories/ai-filter.js";
import { openStore } from "../../../src/store/open-store.js";

export interface LogEntry {
  level: "debug" | "info" | "warn" | "error";
  msg: string;
  obj: object;
}

export function recordingLogger(entries: LogEntry[] = []): Logger & { entries: LogEntry[] } {
  const at =
    (level: LogEntry["level"]) =>
    (a: object | string, b?: string): void => {
      entries.push(typeof a === "string" ? { level, msg: a, obj: {} } : { level, msg: b ?? "", obj: a });
    };
  const logger = { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error"), child: () => logger, entries };
  return logger;
}

export interface StoryText {
  outlet: string;
  title: string;
  text: string;
}

export const NOW = new Date("2026-11-24T08:00:00Z");

/** A store with one feed per outlet and one story per entry of `stories` (score = its position from the end). */
export async function storiesStore(stories: StoryText[][]): Promise<{ store: Store; stories: Story[] }> {
  const store = await openStore("sqlite::memory:");
  const feeds = new Map<string, string>();
  const out: Story[] = [];
  for (const [si, texts] of stories.entries()) {
    const items: NewItem[] = [];
    for (const [k, t] of texts.entries()) {
      let feedId = feeds.get(t.outlet);
      if (!feedId) {
        feedId = (await store.feeds.add({ url: `https://${t.outlet.toLowerCase().replace(/\W/g, "")}.example/feed`, scope: { kind: "global" }, title: t.outlet }, NOW)).id;
        feeds.set(t.outlet, feedId);
      }
      items.push({
        id: `s${si}-i${k}`,
        feedId,
        hash: `s${si}-i${k}`,
        guid: null,
        url: `https://${t.outlet.toLowerCase().replace(/\W/g, "")}.example/${si}/${k}`,
        canonicalUrl: `https://${t.outlet.toLowerCase().replace(/\W/g, "")}.example/${si}/${k}`,
        title: t.title,
        summary: t.text,
        contentHash: `c${si}-${k}`,
        imageUrl: null,
        author: null,
        publishedAt: new Date(NOW.getTime() - 3_600_000),
        dateIsFallback: false,
      });
    }
    await store.items.upsertMany(items, NOW);
    const story: Story = {
      id: `story-${si}`,
      headlineItemId: items[0]!.id,
      title: texts[0]!.title,
      url: items[0]!.url,
      summary: `Extractive summary ${si}.`,
      imageUrl: null,
      sources: items.map((i, k) => ({ name: texts[k]!.outlet, url: i.url, feedId: i.feedId, itemId: i.id })),
      // Tagged as AI news, so a destination following no topic selects it (as the engine tags these).
      topics: [{ topicId: AI_NEWS_TAG, confidence: 1 }],
      score: stories.length - si,
      firstSeenAt: new Date(NOW.getTime() - 3_600_000),
      lastSeenAt: new Date(NOW.getTime() - 3_600_000),
    };
    await store.stories.save(story);
    out.push(story);
  }
  return { store, stories: out };
}

export const MICROSOFT: StoryText[] = [
  {
    outlet: "GlobalPost",
    title: "Microsoft to invest 4 billion euros in French cloud and AI infrastructure",
    text: "The pledge is Microsoft's largest ever in France and includes a new data-centre campus in eastern France. It was announced at the Choose France summit.",
  },
  {
    outlet: "EuroDigital",
    title: "Microsoft will train 1 million French people in AI skills",
    text: "Microsoft will also support 2,500 AI start-ups in France by 2027. The training covers one million people.",
  },
];

export const OPENAI: StoryText[] = [
  {
    outlet: "Model Wire",
    title: "OpenAI unveils GPT-4o, a faster multimodal model",
    text: "GPT-4o handles text, audio and images in real time and will be free for all ChatGPT users. OpenAI showed the model at a livestream.",
  },
];

export const GOOGLE: StoryText[] = [
  {
    outlet: "Pixel Post",
    title: "Google brings AI Overviews to search in the US",
    text: "AI Overviews will reach more than a billion people by the end of the year, Google said at its I/O conference.",
  },
];

export const ARM: StoryText[] = [
  {
    outlet: "AsiaTech Brief",
    title: "Arm plans to launch own AI chips in 2025",
    text: "The SoftBank-owned chip designer will set up an AI chip division and aim to have a prototype by spring 2025.",
  },
];
