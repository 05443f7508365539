/**
 * Autocomplete for arguments that declare a source (Discord autocomplete; usable by any adapter).
 * At most 25 suggestions (Discord's limit); names and values at most 100 characters.
 */
import { cutText } from "../cut-text.js";
import type { Store } from "../ports.js";
import type { Topic } from "../types.js";
import type { CommandDeps, Place } from "./context.js";
import type { AutocompleteSource } from "./define-command.js";
import { findDm } from "./resolve-destination.js";
import { topicIdLabel, topicLabel } from "./resolve-topic.js";

export interface CompleteContext {
  store: Store;
  communityId: string | null;
  /** The destination(s) whose follows "followed-topic" lists (e.g. the member's DM, a channel's). */
  destinationId?: string | string[];
}

export interface Suggestion {
  name: string;
  value: string;
}

const MAX = 25;
/** Discord's choice names hold 100 characters; cut whole graphemes (a lone surrogate is refused). */
const cut = (s: string) => cutText(s, 100);

/** Prefix matches first, then substring matches, each in the given order. */
function rank<T>(xs: readonly T[], prefix: string, keys: (x: T) => string[]): T[] {
  const q = prefix.trim().toLowerCase();
  if (q === "") return xs.slice(0, MAX);
  const starts: T[] = [];
  const contains: T[] = [];
  for (const x of xs) {
    const ks = keys(x).map((k) => k.toLowerCase());
    if (ks.some((k) => k.startsWith(q) || k.split(/[\s/_-]+/).some((w) => w.startsWith(q)))) starts.push(x);
    else if (ks.some((k) => k.includes(q))) contains.push(x);
  }
  return [...starts, ...contains].slice(0, MAX);
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return "";
  }
}

const topicSuggestions = (topics: Topic[], prefix: string): Suggestion[] =>
  rank(topics, prefix, (t) => [t.id, t.name]).map((t) => ({ name: cut(topicLabel(t)), value: cut(t.id) }));

let zones: string[] | null = null;
function timeZones(): string[] {
  // Some runtimes omit UTC from the list; it is the most common answer.
  zones ??= ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")];
  return zones;
}

export async function complete(source: AutocompleteSource, prefix: string, ctx: CompleteContext): Promise<Suggestion[]> {
  const comma = prefix.lastIndexOf(",");
  if (comma >= 0 && source !== "timezone" && source !== "feed") {
    // Several comma-separated topics: complete the last one, keep the ones before it.
    const head = `${prefix.slice(0, comma + 1).trim()} `;
    return (await completeOne(source, prefix.slice(comma + 1), ctx))
      .map((s) => ({ name: cut(`${head}${s.name}`), value: `${head.trim()}${s.value}` }))
      .filter((s) => s.value.length <= 100);
  }
  return completeOne(source, prefix, ctx);
}

async function completeOne(source: AutocompleteSource, prefix: string, ctx: CompleteContext): Promise<Suggestion[]> {
  switch (source) {
    case "topic":
      return topicSuggestions(await ctx.store.topics.list(ctx.communityId), prefix);
    case "custom-topic": {
      if (!ctx.communityId) return [];
      const own = (await ctx.store.topics.list(ctx.communityId)).filter((t) => t.communityId === ctx.communityId);
      return topicSuggestions(own, prefix);
    }
    case "followed-topic": {
      const all = await ctx.store.topics.list(ctx.communityId);
      if (!ctx.destinationId) return topicSuggestions(all, prefix);
      const ids = Array.isArray(ctx.destinationId) ? ctx.destinationId : [ctx.destinationId];
      const followed = new Set((await Promise.all(ids.map((id) => ctx.store.subscriptions.list(id)))).flat());
      const mine = all.filter((t) => followed.has(t.id));
      // Follows of topics not visible here (e.g. another community's) still show, by name when stored.
      for (const id of followed) {
        if (mine.some((t) => t.id === id)) continue;
        const stored = await ctx.store.topics.get(id);
        // A vanished custom topic is still labelled like one (by its slug, never its id).
        mine.push(stored ?? { id, name: topicIdLabel(id), description: "", keywords: [], exclude: [], communityId: id.startsWith("c.") ? "unknown" : null });
      }
      return topicSuggestions(mine, prefix);
    }
    case "feed": {
      if (!ctx.communityId) return [];
      const feeds = await ctx.store.feeds.list({ scope: { kind: "community", communityId: ctx.communityId }, includeDisabled: true });
      return rank(feeds, prefix, (f) => [f.title ?? "", f.url, hostOf(f.url)]).map((f) => ({
        name: cut(f.title ? `${f.title} — ${f.url}` : f.url),
        value: f.id,
      }));
    }
    case "timezone":
      return rank(timeZones(), prefix, (z) => [z]).map((z) => ({ name: z, value: z }));
  }
}

/**
 * The same, shaped as the adapters' completer (`{ deps, place, userId }`): "followed-topic" lists what
 * the member follows personally plus, in a channel, what that channel follows (the source does not
 * say whether /unsubscribe or /channel unfollow asks).
 */
export async function completeFor(
  source: AutocompleteSource,
  prefix: string,
  ctx: { deps: Pick<CommandDeps, "store">; place: Place; userId: string },
): Promise<Suggestion[]> {
  const { store } = ctx.deps;
  const destinationIds: string[] = [];
  if (source === "followed-topic") {
    const actor = { platform: ctx.place.platform, userId: ctx.userId, isModerator: false };
    const dm = await findDm(ctx.deps, actor, ctx.place);
    if (dm) destinationIds.push(dm.id);
    if (!ctx.place.isPrivate) {
      const here = await store.destinations.find(ctx.place.platform, ctx.place.chatId, ctx.place.threadId);
      if (here && here.kind === "channel" && here.communityId === ctx.place.communityId) destinationIds.push(here.id);
    }
  }
  return complete(source, prefix, { store, communityId: ctx.place.communityId, destinationId: destinationIds });
}
