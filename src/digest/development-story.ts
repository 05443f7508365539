/**
 * Updates from inside a delivered story (issue 11): a development the clusterer put into a story a
 * destination already received (see `mergedDevelopments`) is shown to it as an entry of its own that
 * replies to the story, instead of nothing (the story is delivered) or the whole story again.
 */
import type { Store } from "../core/ports.js";
import type { Item, Story } from "../core/types.js";
import { DEFAULT_LINKER_OPTIONS } from "./stories/follow-up-linker.js";
import { mergedDevelopments } from "./stories/merged-developments.js";
import { shortOutletName } from "./stories/outlet-name.js";

/** The id of the entry that shows development `itemId` of story `storyId`: marked delivered once shown. */
export const updateId = (storyId: string, itemId: string): string => `${storyId}+${itemId}`;

/** The development as a story: its headline, link, summary and outlet; the story's topics and score. */
export function developmentStory(story: Story, dev: Item): Story {
  // An outlet not among the story's sources yet is named by its host, as outlet names fall back to.
  const name = story.sources.find((x) => x.feedId === dev.feedId)?.name ?? shortOutletName(null, dev.url) ?? dev.url;
  const { cited: _cited, ...rest } = story;
  return {
    ...rest,
    id: updateId(story.id, dev.id),
    headlineItemId: dev.id,
    title: dev.title,
    url: dev.url,
    summary: dev.summary,
    imageUrl: dev.imageUrl,
    sources: [{ name, url: dev.url, feedId: dev.feedId, itemId: dev.id, publishedAt: dev.publishedAt.toISOString() }],
    firstSeenAt: dev.firstSeenAt,
    lastSeenAt: dev.firstSeenAt,
  };
}

/**
 * Developments inside the stories some destination received. Only a story that kept growing a
 * follow-up gap after it broke can hold one, so few stories' items are read.
 */
export async function loadDevelopments(
  store: Store,
  stories: readonly Story[],
  received: (storyId: string) => boolean,
): Promise<Map<string, Item[]>> {
  const out = new Map<string, Item[]>();
  for (const s of stories) {
    if (!received(s.id) || s.lastSeenAt.getTime() - s.firstSeenAt.getTime() < DEFAULT_LINKER_OPTIONS.followUpMinGapMs) continue;
    const found = mergedDevelopments(await store.items.listByStory(s.id));
    if (found.length) out.set(s.id, found);
  }
  return out;
}
