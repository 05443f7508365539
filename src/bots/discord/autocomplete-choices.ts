/**
 * Autocomplete suggestions for an argument's source, at most 25 (Discord's limit), best match first:
 * names/ids starting with what was typed, then those containing it.
 */
import type { CommandDeps, Place } from "../../core/commands/context.js";
import type { AutocompleteSource } from "../../core/commands/define-command.js";

export const MAX_CHOICES = 25;

export interface Choice {
  name: string;
  value: string;
}

export type Completer = (source: AutocompleteSource, prefix: string, ctx: { deps: CommandDeps; place: Place; userId: string }) => Promise<Choice[]>;

export function rankChoices(all: Choice[], typed: string): Choice[] {
  const q = typed.trim().toLowerCase();
  // Several comma-separated topics: complete the last one, keep the rest.
  const comma = q.lastIndexOf(",");
  const head = comma >= 0 ? typed.slice(0, typed.lastIndexOf(",") + 1).trim() : "";
  const needle = comma >= 0 ? q.slice(comma + 1).trim() : q;
  const starts: Choice[] = [];
  const contains: Choice[] = [];
  for (const c of all) {
    const n = c.name.toLowerCase();
    const v = c.value.toLowerCase();
    if (n.startsWith(needle) || v.startsWith(needle)) starts.push(c);
    else if (n.includes(needle) || v.includes(needle)) contains.push(c);
  }
  return [...starts, ...contains]
    .map((c) => ({ name: (head ? `${head} ${c.name}` : c.name).slice(0, 100), value: head ? `${head}${c.value}` : c.value }))
    // A value cut short would mean something else: leave such choices out.
    .filter((c) => c.value.length <= 100 && c.name.length > 0)
    .slice(0, MAX_CHOICES);
}

/** Built-in completion from the store, used when the core offers none. */
export const storeCompleter: Completer = async (source, prefix, { deps, place, userId }) => {
  const { store } = deps;
  let all: Choice[] = [];
  if (source === "topic" || source === "custom-topic") {
    const topics = await store.topics.list(place.communityId);
    all = topics
      .filter((t) => source === "topic" || t.communityId === place.communityId)
      .map((t) => ({ name: `${t.name} (${t.id})`, value: t.id }));
  } else if (source === "followed-topic") {
    const dest = place.isPrivate
      ? (await store.destinations.list({ platform: "discord", kind: "dm", userId }))[0]
      : await store.destinations.find("discord", place.chatId, place.threadId);
    const followed = dest ? await store.subscriptions.list(dest.id) : [];
    all = followed.map((id) => ({ name: id, value: id }));
  } else if (source === "feed") {
    const feeds = await store.feeds.list(place.communityId ? { visibleTo: place.communityId } : {});
    all = feeds.map((f) => ({ name: f.title ? `${f.title} — ${f.url}` : f.url, value: f.url }));
  } else if (source === "timezone") {
    all = Intl.supportedValuesOf("timeZone").map((z) => ({ name: z, value: z }));
  }
  return rankChoices(all, prefix);
};
