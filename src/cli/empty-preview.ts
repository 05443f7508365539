/**
 * Why `newsdesk digest preview` came out empty, in the operator's terms: no feeds, nothing fetched in
 * the window, items that arrived as backlog (older than 48 hours when first seen, so never news),
 * items not grouped into stories yet, or stories that the topics or scopes left out.
 */
import { plural } from "../core/commands/plural.js";
import type { Store } from "../core/ports.js";
import { BACKLOG_AFTER_MS, newsTime } from "../digest/stories/assemble-story.js";

/** Items examined at most: the counts say "at least" beyond it, and memory stays bounded. */
const MAX_ITEMS = 50_000;

function at(d: Date): string {
  return d.toISOString().replace(/:\d\d\.\d{3}Z$/, "Z");
}

export async function explainEmptyPreview(store: Store, opts: { since: Date; topics: readonly string[] }): Promise<string[]> {
  const { since } = opts;
  const window = `since ${at(since)}`;
  const feeds = await store.feeds.list({ includeDisabled: true });
  if (feeds.length === 0) return ["Why: there are no feeds yet. Add one with 'newsdesk feeds add <url>' or 'newsdesk opml import <file>'."];
  const items = await store.items.listSince(since, { limit: MAX_ITEMS });
  const atLeast = items.length === MAX_ITEMS ? "at least " : "";
  const lines: string[] = [];
  if (items.length === 0) {
    const polled = feeds.map((f) => f.health.lastSuccessAt?.getTime() ?? 0).reduce((a, b) => Math.max(a, b), 0);
    lines.push(
      `Why: no items were first seen ${window} (${plural(feeds.length, "feed")}; ${polled ? `last successful poll ${at(new Date(polled))}` : "never polled successfully"}).`,
      "Poll with 'newsdesk feeds poll --once'.",
    );
    return lines;
  }
  // Undated items of a feed's first poll are backlog too (see `newsTime`): judged with their feed.
  const feedOf = new Map(feeds.map((f) => [f.id, f]));
  const isBacklog = (i: (typeof items)[number]): boolean => newsTime(i, feedOf.get(i.feedId)) < since.getTime();
  const undatedBacklog = items.filter((i) => i.dateIsFallback && isBacklog(i)).length;
  const backlog = items.filter((i) => !i.dateIsFallback && isBacklog(i)).length;
  const ungrouped = items.filter((i) => i.storyId === null).length;
  const stories = await store.stories.listSince(since);
  lines.push(`Why: ${atLeast}${plural(items.length, "item")} first seen ${window}:`);
  if (backlog > 0) {
    lines.push(
      `  ${plural(backlog, "item")} ${backlog === 1 ? "was" : "were"} older than ${BACKLOG_AFTER_MS / 3_600_000} hours when first seen and count${backlog === 1 ? "s" : ""} as backlog, never as news`,
    );
  }
  if (undatedBacklog > 0) {
    lines.push(
      `  ${plural(undatedBacklog, "item")} without a date came with ${undatedBacklog === 1 ? "its" : "their"} feed's first poll and count${undatedBacklog === 1 ? "s" : ""} as backlog (of unknown age), never as news`,
    );
  }
  if (ungrouped > 0) {
    lines.push(`  ${plural(ungrouped, "item")} ${ungrouped === 1 ? "is" : "are"} not grouped into stories yet ('newsdesk feeds poll --once' groups them)`);
  }
  if (stories.length === 0) lines.push(`  0 new stories ${window}`);
  else if (opts.topics.length > 0) lines.push(`  ${plural(stories.length, "story", "stories")} ${window}, none on ${opts.topics.join(", ")}`);
  else lines.push(`  ${plural(stories.length, "story", "stories")} ${window}, none eligible (from communities' own feeds, or backlog only)`);
  return lines;
}
