/**
 * Autocomplete for arguments that declare a source (Discord autocomplete; usable by any adapter).
 * At most 25 suggestions (Discord's limit); names and values at most 100 characters.
 */
import type { Store } from "../ports.js";
import type { Topic } from "../types.js";
import type { AutocompleteSource } from "./define-command.js";

export interface CompleteContext {
  store: Store;
  communityId: string | null;
  /** The destination whose follows "followed-topic" lists (e.g. the member's DM, a channel's). */
  destinationId?: string;
}

export interface Suggestion {
  name: string;
  value: string;
}

const MAX = 25;
const cut = (s: string) => (s.length > 100 ? `${s.slice(0, 99)}…` : s);

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
  rank(topics, prefix, (t) => [t.id, t.name]).map((t) => ({ name: cut(`${t.name} (${t.id})`), value: cut(t.id) }));

let zones: string[] | null = null;
function timeZones(): string[] {
  // Some runtimes omit UTC from the list; it is the most common answer.
  zones ??= ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")];
  return zones;
}

export async function complete(source: AutocompleteSource, prefix: string, ctx: CompleteContext): Promise<Suggestion[]> {
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
      const followed = new Set(await ctx.store.subscriptions.list(ctx.destinationId));
      const mine = all.filter((t) => followed.has(t.id));
      // Follows of topics no longer visible here (e.g. another community's) still show by id.
      for (const id of followed) if (!mine.some((t) => t.id === id)) mine.push({ id, name: id, description: "", keywords: [], exclude: [], communityId: null });
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
