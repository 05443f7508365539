/**
 * A delivery world for the ledger's fault tests: N Telegram destinations due now, stories whose digest
 * renders into a chosen number of parts, seeded into a real store, and the fake Bot API's chats. The
 * figures (duplicates, losses) are read back from what the fake received.
 */
import type { Store } from "../../../src/core/ports.js";
import type { Story } from "../../../src/core/types.js";
import { ensureBuiltinTopics } from "../../../src/digest/seed-topics.js";
import type { FakeTelegram } from "../../fakes/telegram/fake-telegram.js";

export interface WorldOptions {
  destinations: number;
  /** Stories in each digest; with long summaries, each Telegram message holds two of them. */
  stories: number;
  summaryChars: number;
  /** First private chat id (users are 1 … N upward from it). */
  firstChat?: number;
}

export async function seedTelegramWorld(store: Store, fake: FakeTelegram, o: WorldOptions): Promise<number[]> {
  await seedStories(store, o);
  return seedDestinations(store, fake, o.destinations, o.firstChat ?? 500_000);
}

/** The stories every digest carries (once per database). */
export async function seedStories(store: Store, o: Pick<WorldOptions, "stories" | "summaryChars">): Promise<void> {
  const now = new Date();
  await ensureBuiltinTopics(store, now);
  const feed = (await store.feeds.add({ url: "http://127.0.0.1:9/feed", scope: { kind: "global" } }, now)).id;
  const stories: Story[] = Array.from({ length: o.stories }, (_, i) => ({
    id: `st${i}`,
    headlineItemId: `st${i}-i`,
    title: `OpenAI story number ${i}`,
    url: `https://news.example/${i}`,
    summary: `Story ${i}: ${"lorem ipsum dolor sit amet ".repeat(Math.ceil(o.summaryChars / 27))}`.slice(0, o.summaryChars),
    imageUrl: null,
    sources: [{ name: "Example", url: `https://news.example/${i}`, feedId: feed, itemId: `st${i}-i` }],
    topics: [{ topicId: "openai", confidence: 1 }],
    score: 100 - i,
    firstSeenAt: new Date(now.getTime() - 3_600_000),
    lastSeenAt: new Date(now.getTime() - 3_600_000),
  }));
  await store.stories.saveMany(stories);
}

/** `count` private chats from `first` on, each a destination whose digest is due now. */
export async function seedDestinations(store: Store, fake: FakeTelegram, count: number, first: number): Promise<number[]> {
  const created = new Date(Date.now() - 2 * 86_400_000);
  const chats: number[] = [];
  for (let i = 0; i < count; i++) {
    const id = first + i;
    fake.addUser({ id, first_name: `Reader ${i}` });
    await store.destinations.upsert({ platform: "telegram", chatId: String(id), kind: "channel", timeOfDay: "00:00", timeZone: "UTC" }, created);
    chats.push(id);
  }
  return chats;
}

export interface DeliveryFigures {
  /** Messages the bot posted to these chats. */
  messages: number;
  /** Messages posted more than once (same chat, same text). */
  duplicated: number;
  /** Most copies of one message in one chat, minus one. */
  worstInOneChat: number;
  /** Chats missing a part of the digest, judged against the most parts any chat received. */
  incomplete: number;
  parts: number;
}

export function figures(fake: FakeTelegram, chats: readonly number[]): DeliveryFigures {
  let messages = 0;
  let duplicated = 0;
  let worstInOneChat = 0;
  const distinct: number[] = [];
  for (const chat of chats) {
    const texts = fake.messages(chat).filter((m) => m.fromBot).map((m) => m.sourceText);
    const unique = new Set(texts);
    messages += texts.length;
    duplicated += texts.length - unique.size;
    const counts = new Map<string, number>();
    for (const t of texts) counts.set(t, (counts.get(t) ?? 0) + 1);
    worstInOneChat = Math.max(worstInOneChat, ...[...counts.values()].map((c) => c - 1), 0);
    distinct.push(unique.size);
  }
  const parts = Math.max(0, ...distinct);
  return { messages, duplicated, worstInOneChat, incomplete: distinct.filter((d) => d < parts).length, parts };
}
