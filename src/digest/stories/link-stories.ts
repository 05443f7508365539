/**
 * The store-backed step after clustering: stories created or grown in this run are compared with the
 * stories of the last days by the follow-up linker, and each one's link (if any) is stored. Failing
 * here loses nothing: the stories are saved already, they only go without a link until the next run.
 */
import { describeError } from "../../core/errors.js";
import type { Logger } from "../../core/logger.js";
import type { Store } from "../../core/ports.js";
import type { Item, Story, StoryLink } from "../../core/types.js";
import { newsTime } from "./assemble-story.js";
import { DEFAULT_LINKER_OPTIONS, linkStories, type LinkerOptions, type LinkerStory } from "./follow-up-linker.js";
import { boilerplateCleaner } from "./strip-boilerplate.js";

export interface LinkRunResult {
  followups: number;
  same: number;
  error?: string;
}

export async function linkNewStories(
  deps: { store: Store; logger: Logger },
  opts: { now: Date; storyIds: readonly string[]; options?: Partial<LinkerOptions> },
): Promise<LinkRunResult> {
  const { store, logger } = deps;
  if (opts.storyIds.length === 0) return { followups: 0, same: 0 };
  try {
    const o = { ...DEFAULT_LINKER_OPTIONS, ...opts.options };
    const since = new Date(opts.now.getTime() - o.maxAgeMs);
    const pool = await store.stories.listSince(since);
    const byId = new Map(pool.map((s) => [s.id, s]));
    const missing = opts.storyIds.filter((id) => !byId.has(id));
    for (const s of await store.stories.getMany(missing)) byId.set(s.id, s);
    const items = new Map<string, Item[]>();
    for (const item of await store.items.listSince(since)) {
      if (!item.storyId) continue;
      let list = items.get(item.storyId);
      if (!list) items.set(item.storyId, (list = []));
      list.push(item);
    }
    // The linker compares stories as the clusterer does, without each feed's template text: a
    // "Continue reading" or "Score: … Comments: …" line is a capitalised word or a figure shared by
    // every story of that feed, not a name two stories have in common.
    const feedTitles = new Map((await store.feeds.list({ includeDisabled: true })).map((f) => [f.id, f.title]));
    const strip = boilerplateCleaner([...items.values()].flat(), feedTitles);
    const toLinker = async (s: Story): Promise<LinkerStory> => {
      // A story older than the item window keeps its items: load them (targets and a few others only).
      const members = items.get(s.id) ?? (await store.items.listByStory(s.id));
      const dated = members.filter((m) => !m.dateIsFallback).map((m) => newsTime(m));
      return {
        id: s.id,
        firstSeen: dated.length ? Math.min(...dated) : null,
        items: members.length ? members.map((m) => ({ title: m.title, summary: strip(m), undated: m.dateIsFallback })) : [{ title: s.title, summary: s.summary }],
      };
    };
    const stories = new Map<string, LinkerStory>();
    for (const s of byId.values()) stories.set(s.id, await toLinker(s));
    const targets = opts.storyIds.flatMap((id) => stories.get(id) ?? []);
    const linked = await store.storyLinks.forStories([...stories.keys()]);
    const unlinked = new Set([...stories.keys()].filter((id) => !linked.has(id)));
    const decisions = linkStories(targets, [...stories.values()], o, unlinked);
    const links: StoryLink[] = decisions.flatMap((d) => {
      const earlier = byId.get(d.earlierStoryId);
      const at = stories.get(d.earlierStoryId)?.firstSeen;
      if (!earlier || at === null || at === undefined) return [];
      return [
        {
          storyId: d.storyId,
          earlierStoryId: d.earlierStoryId,
          kind: d.kind,
          score: d.score,
          earlierTitle: earlier.title,
          earlierUrl: earlier.url,
          earlierFirstSeenAt: new Date(at),
          createdAt: opts.now,
        },
      ];
    });
    await store.storyLinks.saveMany(links);
    const followups = links.filter((l) => l.kind === "followup").length;
    if (links.length) logger.info({ followups, same: links.length - followups }, "linked stories to earlier ones");
    return { followups, same: links.length - followups };
  } catch (err) {
    logger.error({ err: describeError(err) }, "linking stories failed");
    return { followups: 0, same: 0, error: describeError(err) };
  }
}
