/**
 * Which stories a destination gets: seen since its previous digest (or the last 24 h), matching its
 * followed topics (every AI story if it follows none), passing its include/exclude keyword filters, never
 * delivered to it before, best first. `selectStories` is pure over in-memory data so thousands of
 * destinations are selected in bulk from one prepared story list; `selectForDestination` loads the
 * inputs from the store.
 */
import type { Store } from "../core/ports.js";
import type { Destination, Item, KeywordFilter, Story, StoryLink } from "../core/types.js";
import { isAiStory, realTopics } from "./stories/ai-filter.js";
import { developmentStory, loadDevelopments, updateId } from "./development-story.js";
import { tokenize } from "./stories/text-tokens.js";
import { storiesFor } from "./topic-index.js";
import { MATCH_TOPIC_CONFIDENCE } from "./stories/topic-matcher.js";

export const DEFAULT_LOOKBACK_HOURS = 24;
export const DEFAULT_MAX_STORIES = 10;
// Below MATCH_TOPIC_CONFIDENCE a topic tag is kept on the story but does not select it. It lives with
// the tagger (which scores against it); re-exported here, where selection uses it.
export { MATCH_TOPIC_CONFIDENCE };

/**
 * Best first: score, then the editor's signals themselves — more outlets, a primary source, fresher —
 * then the headline alphabetically, so equal stories never come out in id (i.e. hash) order.
 */
export function compareStories(a: Story, b: Story): number {
  const primary = (s: Story): number => (s.sources.some((x) => x.primaryHost) ? 1 : 0);
  return (
    b.score - a.score ||
    b.sources.length - a.sources.length ||
    primary(b) - primary(a) ||
    b.lastSeenAt.getTime() - a.lastSeenAt.getTime() ||
    a.title.localeCompare(b.title) ||
    a.id.localeCompare(b.id)
  );
}

/** Most topics a story is filed under, as an editor tags a story with one to three (and a digest shows three). */
export const MAX_STORY_TOPICS = 3;

/**
 * The topics that put a story in a follower's digest: its strongest `MAX_STORY_TOPICS` with confidence
 * ≥ MATCH_TOPIC_CONFIDENCE. A weaker tag, or a fourth one (an aside), stays on the story but selects nothing.
 */
export function selectingTopics(story: Pick<Story, "topics">): Set<string> {
  return new Set(
    realTopics(story.topics)
      .filter((t) => t.confidence >= MATCH_TOPIC_CONFIDENCE)
      .sort((a, b) => b.confidence - a.confidence || a.topicId.localeCompare(b.topicId))
      .slice(0, MAX_STORY_TOPICS)
      .map((t) => t.topicId),
  );
}

/** A story with what selection needs precomputed once, shared by every destination. */
export interface PreparedStory {
  story: Story;
  lastSeen: number;
  topicIds: ReadonlySet<string>;
  /** AI news on its own evidence (see `isAiStory`): what a destination following no topic gets. */
  ai: boolean;
  /** Tokens of title + summary + source names, space-joined with a leading/trailing space. */
  text: string;
  tokens: ReadonlySet<string>;
  /** Feeds the story's sources came from (for community-scoped feeds). */
  feedIds: readonly string[];
}

/** Sort best-first and precompute; do this once per run, not per destination. */
export function prepareStories(stories: readonly Story[]): PreparedStory[] {
  return [...stories]
    .sort(compareStories)
    .map((story) => {
      const tokens = tokenize(`${story.title} ${story.summary} ${story.sources.map((s) => s.name).join(" ")}`);
      return {
        story,
        lastSeen: story.lastSeenAt.getTime(),
        // A weak, incidental match (confidence below MATCH_TOPIC_CONFIDENCE) does not put a story in
        // that topic's digests.
        topicIds: selectingTopics(story),
        ai: isAiStory(story, MATCH_TOPIC_CONFIDENCE),
        text: ` ${tokens.join(" ")} `,
        tokens: new Set(tokens),
        feedIds: [...new Set(story.sources.map((s) => s.feedId))],
      };
    });
}

export interface SelectionSpec {
  /** Stories last seen before this are old news for the destination. */
  since: Date;
  /** Followed topic ids; empty: every AI story (`isAiStory`). */
  topics: readonly string[];
  /** Keep only stories mentioning one of these words/phrases (none: no restriction). */
  include: readonly string[];
  /** Drop stories mentioning any of these. */
  exclude: readonly string[];
  /** Story ids already delivered to the destination. */
  delivered: ReadonlySet<string>;
  maxStories: number;
  /**
   * Feed id → the community that added it (null: a global feed). When given, a story is shown only
   * if one of its sources is a global feed or a feed of `communityId`: a community's own feeds feed
   * only that community's digests. Omitted: no restriction.
   */
  feedScope?: ReadonlyMap<string, string | null>;
  communityId?: string | null;
  /**
   * Links of stories to earlier ones (story id → link). A "same" story whose earlier story the
   * destination received (or gets in this digest) is left out and counted in `moreCoverage`; a
   * follow-up is marked in `followUps`.
   */
  links?: ReadonlyMap<string, StoryLink>;
  /**
   * Developments that joined a story after it broke (story id → items, see `mergedDevelopments`). To
   * a destination that received the story, one first seen since `since` is shown as an update.
   */
  developments?: ReadonlyMap<string, readonly Item[]>;
}

export interface SelectedFollowUp {
  /** "update": the destination received `earlierStoryId`; "follows": it did not. */
  kind: "update" | "follows";
  /** The story developed: the one delivered (update), else the link's earlier story. */
  earlierStoryId: string;
  link: StoryLink;
}

export interface Selection {
  stories: Story[];
  /** Stories that matched but did not fit. */
  more: number;
  /** Selected stories that develop an earlier one, by story id. */
  followUps?: Map<string, SelectedFollowUp>;
  /** Stories left out because the destination already has them (they only gained coverage). */
  moreCoverage?: number;
  /** Their ids. */
  moreCoverageIds?: string[];
}

/** Hops followed along links (a chain longer than this is cut: links are never cyclic, but bounded anyway). */
const MAX_CHAIN = 8;

/** The first story along `id`'s chain of "same" links that `has` accepts (`id` itself included). */
function sameChainFind(id: string, links: ReadonlyMap<string, StoryLink> | undefined, has: (id: string) => boolean): string | null {
  let cur: string | undefined = id;
  for (let hop = 0; cur !== undefined && hop < MAX_CHAIN; hop++) {
    if (has(cur)) return cur;
    const l: StoryLink | undefined = links?.get(cur);
    cur = l?.kind === "same" ? l.earlierStoryId : undefined;
  }
  return null;
}

export function selectStories(prepared: readonly PreparedStory[], spec: SelectionSpec): Selection {
  const since = spec.since.getTime();
  const topics = new Set(spec.topics);
  const include = spec.include.map(compileWord);
  const exclude = spec.exclude.map(compileWord);
  const candidates: PreparedStory[] = [];
  // Updates: the newest development of a delivered story not shown yet, by update id → story id.
  const updates = new Map<string, Story>();
  for (const at of storiesFor(prepared, topics)) {
    let p = prepared[at] as PreparedStory;
    if (p.lastSeen < since) continue;
    if (spec.delivered.has(p.story.id)) {
      const dev = (spec.developments?.get(p.story.id) ?? [])
        .filter((i) => i.firstSeenAt.getTime() >= since && !spec.delivered.has(updateId(p.story.id, i.id)))
        .at(-1);
      if (!dev) continue;
      updates.set(updateId(p.story.id, dev.id), p.story);
      p = { ...p, story: developmentStory(p.story, dev), lastSeen: dev.firstSeenAt.getTime() };
    }
    if (spec.feedScope && !visibleTo(p, spec.feedScope, spec.communityId ?? null)) continue;
    if (include.length && !include.some((w) => w(p))) continue;
    if (exclude.some((w) => w(p))) continue;
    candidates.push(p);
  }
  const ranked = topics.size ? rankForTopics(candidates, topics) : candidates;
  const links = spec.links ?? new Map<string, StoryLink>();
  if (links.size === 0 && updates.size === 0) {
    const out = ranked.slice(0, spec.maxStories).map((p) => p.story);
    return { stories: out, more: ranked.length - out.length };
  }
  // Never the same story twice: more coverage of a story the destination received, or of one in
  // this very digest, is left out (whatever their scores' order).
  const ids = new Set(ranked.map((p) => p.story.id));
  const seen = (id: string) => spec.delivered.has(id) || ids.has(id);
  const out: Story[] = [];
  const followUps = new Map<string, SelectedFollowUp>();
  let matched = 0;
  const moreCoverageIds: string[] = [];
  for (const p of ranked) {
    const link = links.get(p.story.id);
    if (link?.kind === "same" && sameChainFind(link.earlierStoryId, links, seen)) {
      if (sameChainFind(link.earlierStoryId, links, (id) => spec.delivered.has(id))) moreCoverageIds.push(p.story.id);
      continue;
    }
    matched++;
    if (out.length >= spec.maxStories) continue;
    out.push(p.story);
    const developed = updates.get(p.story.id);
    if (developed) {
      const link: StoryLink = {
        storyId: p.story.id,
        earlierStoryId: developed.id,
        kind: "followup",
        score: 1,
        earlierTitle: developed.title,
        earlierUrl: developed.url,
        earlierFirstSeenAt: developed.firstSeenAt,
        createdAt: p.story.firstSeenAt,
      };
      followUps.set(p.story.id, { kind: "update", earlierStoryId: developed.id, link });
    } else if (link?.kind === "followup") {
      const got = sameChainFind(link.earlierStoryId, links, (id) => spec.delivered.has(id));
      followUps.set(p.story.id, { kind: got ? "update" : "follows", earlierStoryId: got ?? link.earlierStoryId, link });
    }
  }
  return { stories: out, more: matched - out.length, followUps, moreCoverage: moreCoverageIds.length, moreCoverageIds };
}

/**
 * For a destination that follows topics, a story squarely in them outranks one that only touches them:
 * score × (0.75 + 0.5 × the best confidence among the followed topics), so a 0.5 tag costs a quarter of
 * the score and a 1.0 tag gains a quarter. Stable: equal values keep the global order.
 */
function rankForTopics(stories: PreparedStory[], topics: ReadonlySet<string>): PreparedStory[] {
  const fit = (p: PreparedStory): number => {
    let best = 0;
    for (const t of p.story.topics) if (topics.has(t.topicId) && t.confidence > best) best = t.confidence;
    return p.story.score * (0.75 + 0.5 * best);
  };
  return stories
    .map((p, i) => ({ p, i, v: fit(p) }))
    .sort((a, b) => b.v - a.v || a.i - b.i)
    .map((x) => x.p);
}

function visibleTo(p: PreparedStory, scope: ReadonlyMap<string, string | null>, communityId: string | null): boolean {
  for (const f of p.feedIds) {
    const owner = scope.get(f);
    // Unknown feeds (removed since) count as no source: a removed community feed leaks to no one.
    if (owner === null || (owner !== undefined && owner === communityId)) return true;
  }
  return false;
}

/** A filter word as a token (set lookup) or a phrase (token sequence); never a regular expression. */
function compileWord(word: string): (p: PreparedStory) => boolean {
  const toks = tokenize(word);
  if (toks.length === 0) return () => false;
  if (toks.length === 1) {
    const t = toks[0] as string;
    return (p) => p.tokens.has(t) || p.tokens.has(`${t}s`);
  }
  const phrase = ` ${toks.join(" ")} `;
  return (p) => p.text.includes(phrase);
}

/** Per-destination inputs gathered in bulk (see `loadSelectionInputs`). */
export interface DestinationInputs {
  destination: Pick<Destination, "id" | "lastDigestAt" | "maxStories"> & { communityId?: string | null };
  topics: readonly string[];
  filters: readonly KeywordFilter[];
  delivered: ReadonlySet<string>;
  feedScope?: ReadonlyMap<string, string | null>;
  links?: ReadonlyMap<string, StoryLink>;
  developments?: ReadonlyMap<string, readonly Item[]>;
}

export function specFor(inputs: DestinationInputs, now: Date, lookbackHours = DEFAULT_LOOKBACK_HOURS): SelectionSpec {
  const d = inputs.destination;
  return {
    since: d.lastDigestAt ?? new Date(now.getTime() - lookbackHours * 3_600_000),
    topics: inputs.topics,
    include: inputs.filters.filter((f) => f.mode === "include").map((f) => f.word),
    exclude: inputs.filters.filter((f) => f.mode === "exclude").map((f) => f.word),
    delivered: inputs.delivered,
    maxStories: d.maxStories > 0 ? d.maxStories : DEFAULT_MAX_STORIES,
    ...(inputs.feedScope ? { feedScope: inputs.feedScope, communityId: d.communityId ?? null } : {}),
    ...(inputs.links ? { links: inputs.links } : {}),
    ...(inputs.developments?.size ? { developments: inputs.developments } : {}),
  };
}

/** Bulk: one prepared story list, every destination's selection. */
export function selectForMany(
  prepared: readonly PreparedStory[],
  destinations: readonly DestinationInputs[],
  now: Date,
  lookbackHours = DEFAULT_LOOKBACK_HOURS,
): Map<string, Selection> {
  const out = new Map<string, Selection>();
  for (const d of destinations) out.set(d.destination.id, selectStories(prepared, specFor(d, now, lookbackHours)));
  return out;
}

/** Load what selection needs for these destinations (stories since the earliest cut-off, in bulk). */
export async function loadSelectionInputs(
  store: Store,
  destinations: readonly Destination[],
  now: Date,
  lookbackHours = DEFAULT_LOOKBACK_HOURS,
): Promise<{ prepared: PreparedStory[]; inputs: DestinationInputs[] }> {
  const fallback = now.getTime() - lookbackHours * 3_600_000;
  const earliest = Math.min(fallback, ...destinations.map((d) => d.lastDigestAt?.getTime() ?? fallback));
  // One query per table, not per destination: delivered stories are loaded for the whole window
  // (a story last seen after the cut-off was delivered, if at all, after its first sighting).
  const [stories, topics, filters, feedScope] = await Promise.all([
    store.stories.listSince(new Date(earliest)),
    store.subscriptions.listAll(),
    store.filters.listAll(),
    loadFeedScope(store),
  ]);
  const links = await loadLinks(store, stories);
  // Delivered stories are loaded back to the earliest story a link points at, so an update knows
  // that its original was received days ago.
  const linkedAt = [...links.values()].map((l) => l.earlierFirstSeenAt.getTime());
  const firstSeen = Math.min(earliest, ...stories.map((s) => s.firstSeenAt.getTime()), ...linkedAt);
  const delivered = stories.length ? await store.deliveries.deliveredSince(new Date(firstSeen)) : new Map<string, Set<string>>();
  const received = new Set<string>();
  for (const ids of delivered.values()) for (const id of ids) received.add(id);
  const developments = await loadDevelopments(store, stories, (id) => received.has(id));
  const inputs: DestinationInputs[] = [];
  for (const destination of destinations) {
    inputs.push({
      destination,
      topics: topics.get(destination.id) ?? [],
      filters: filters.get(destination.id) ?? [],
      delivered: delivered.get(destination.id) ?? new Set(),
      feedScope,
      links,
      developments,
    });
  }
  return { prepared: prepareStories(stories), inputs };
}

/**
 * Links of these stories and, transitively, of the earlier stories they point at (a few hops), so a
 * chain "follow-up → more coverage → original" resolves to the original the destination received.
 */
export async function loadLinks(store: Store, stories: readonly Story[]): Promise<Map<string, StoryLink>> {
  const links = new Map<string, StoryLink>();
  let ask = stories.map((s) => s.id);
  for (let hop = 0; ask.length > 0 && hop < MAX_CHAIN; hop++) {
    const found = await store.storyLinks.forStories(ask);
    ask = [];
    for (const [id, l] of found) {
      links.set(id, l);
      if (!links.has(l.earlierStoryId)) ask.push(l.earlierStoryId);
    }
  }
  return links;
}

/** Feed id → owning community (null for global feeds), disabled feeds included. */
export async function loadFeedScope(store: Store): Promise<Map<string, string | null>> {
  const feeds = await store.feeds.list({ includeDisabled: true });
  return new Map(feeds.map((f) => [f.id, f.scope.kind === "global" ? null : f.scope.communityId]));
}

/** The selection for one destination, now. */
export async function selectForDestination(store: Store, destination: Destination, now: Date): Promise<Selection> {
  const { prepared, inputs } = await loadSelectionInputs(store, [destination], now);
  const input = inputs[0];
  if (!input) return { stories: [], more: 0 };
  return selectStories(prepared, specFor(input, now));
}
