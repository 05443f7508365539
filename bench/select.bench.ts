/**
 * Bulk digest selection: 10,000 destinations (random topics, filters, delivered sets) over one
 * prepared list of 2,000 stories of the last day. Target ≤ 3 s.
 */
import type { Story } from "../src/core/types.js";
import { prepareStories, selectForMany, type DestinationInputs } from "../src/digest/select-stories.js";
import { BUILTIN_TOPICS } from "../src/digest/stories/topic-catalog.js";
import { verdict } from "./verdict.js";

export async function run(): Promise<void> {
  const now = new Date("2024-11-26T20:00:00Z");
  let seed = 7;
  const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  const topicIds = BUILTIN_TOPICS.map((t) => t.id);
  const words = ["openai", "sora", "chips", "nvidia", "robot", "funding", "llama", "agents", "policy", "voice mode"];
  const stories: Story[] = Array.from({ length: 2_000 }, (_, i) => ({
    id: `s${i}`,
    headlineItemId: `i${i}`,
    title: `Story ${i} about ${words[i % words.length]} and ${words[(i * 7) % words.length]}`,
    url: `https://x.example/${i}`,
    summary: `Summary of story ${i} with ${words[(i * 3) % words.length]} details.`,
    imageUrl: null,
    sources: [{ name: `Outlet ${i % 40}`, url: `https://x.example/${i}`, feedId: `f${i % 40}`, itemId: `i${i}` }],
    topics: [0, 1].map((k) => ({ topicId: topicIds[(i + k * 5) % topicIds.length] as string, confidence: 0.5 + rand() / 2 })),
    score: rand() * 5,
    firstSeenAt: new Date(now.getTime() - rand() * 30 * 3_600_000),
    lastSeenAt: new Date(now.getTime() - rand() * 24 * 3_600_000),
  }));
  const destinations: DestinationInputs[] = Array.from({ length: 10_000 }, (_, i) => ({
    destination: { id: `d${i}`, lastDigestAt: i % 3 ? null : new Date(now.getTime() - 20 * 3_600_000), maxStories: 10 },
    topics: i % 4 === 0 ? [] : topicIds.filter(() => rand() < 0.15),
    filters:
      i % 5 === 0
        ? [
            { destinationId: `d${i}`, mode: "include", word: words[i % words.length] as string },
            { destinationId: `d${i}`, mode: "exclude", word: "robot" },
          ]
        : [],
    delivered: new Set(Array.from({ length: 20 }, () => `s${Math.floor(rand() * 2_000)}`)),
  }));
  const started = performance.now();
  const prepared = prepareStories(stories);
  const selections = selectForMany(prepared, destinations, now);
  const ms = performance.now() - started;
  const total = [...selections.values()].reduce((n, s) => n + s.stories.length, 0);
  console.log(
    `select digests for ${destinations.length} destinations over ${stories.length} stories: ${ms.toFixed(0)} ms ` +
      `(target ≤ 3000 ms), ${(total / destinations.length).toFixed(1)} stories each on average`,
  );
  verdict("select for 10,000 destinations", ms / 1000, 3, { better: "lower", unit: "s", digits: 2 });
}
