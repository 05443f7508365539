/**
 * Topic lookup for commands: by id or name, case-insensitively, over the built-in catalogue plus the
 * community's own topics. A miss names the closest topic ("did you mean 'openai'?").
 */
import type { Store } from "../ports.js";
import type { Topic } from "../types.js";
import { fail, quote } from "./fail.js";

/** Optimal string alignment distance: Levenshtein plus adjacent transpositions ("opneai" → 1). */
export function editDistance(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  // Three rolling rows (two back for transpositions) instead of an n×m table.
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m]!;
}

const norm = (s: string) => s.trim().toLowerCase();

export function findTopic(topics: readonly Topic[], input: string): Topic | undefined {
  const q = norm(input);
  return topics.find((t) => t.id.toLowerCase() === q) ?? topics.find((t) => t.name.toLowerCase() === q);
}

/** The topic most likely meant, or undefined when nothing is close enough to be a useful guess. */
export function closestTopic(topics: readonly Topic[], input: string): Topic | undefined {
  const q = norm(input);
  if (q.length === 0 || q.length > 60) return undefined;
  // A unique prefix is a confident guess ("open" → only "open-weights" would not be unique with "openai").
  const byPrefix = topics.filter((t) => t.id.toLowerCase().startsWith(q) || t.name.toLowerCase().startsWith(q));
  if (byPrefix.length === 1) return byPrefix[0];
  let best: { t: Topic; d: number } | undefined;
  for (const t of topics) {
    const d = Math.min(editDistance(q, t.id.toLowerCase()), editDistance(q, t.name.toLowerCase()));
    if (!best || d < best.d) best = { t, d };
  }
  const limit = Math.max(1, Math.min(3, Math.floor(q.length / 3)));
  return best && best.d <= limit ? best.t : undefined;
}

export function unknownTopicMessage(topics: readonly Topic[], input: string): string {
  const guess = closestTopic(topics, input);
  // A custom id can arrive from a stale autocomplete pick: echo it as words, not as the id.
  const shown = quote(topicIdLabel(input));
  return guess ? `unknown topic '${shown}' — did you mean '${typedName(guess)}'?` : `unknown topic '${shown}' — see /topics for the list`;
}

/** Topics visible from a place: built-ins plus, in a community, its own. */
export async function visibleTopics(store: Store, communityId: string | null): Promise<Topic[]> {
  return store.topics.list(communityId);
}

/** Resolve one topic or refuse with a did-you-mean reply. */
export async function resolveTopic(store: Store, communityId: string | null, input: string): Promise<Topic> {
  const topics = await visibleTopics(store, communityId);
  return findTopic(topics, input) ?? fail(unknownTopicMessage(topics, input), "unknown-topic");
}

/** Resolve "openai, anthropic" (comma-separated) to distinct topics; the first unknown one refuses. */
export async function resolveTopics(
  store: Store,
  communityId: string | null,
  input: string,
  /** Topics resolvable besides the visible ones (e.g. a server's topic the member follows, from a DM). */
  extra: readonly Topic[] = [],
): Promise<Topic[]> {
  const visible = await visibleTopics(store, communityId);
  const topics = [...visible, ...extra.filter((t) => !visible.some((v) => v.id === t.id))];
  const parts = input.split(",").map((p) => p.trim()).filter((p) => p.length > 0);
  if (parts.length === 0) fail("name a topic (see /topics)");
  if (parts.length > 25) fail("at most 25 topics at once");
  const out = new Map<string, Topic>();
  for (const p of parts) {
    for (const t of resolvePart(topics, p)) out.set(t.id, t);
  }
  return [...out.values()];
}

/**
 * One comma-separated part. "openai anthropic" (spaces instead of commas) is accepted when every word
 * is a topic; a multi-word name ("Humanoid robots") is tried whole first.
 */
function resolvePart(topics: readonly Topic[], part: string): Topic[] {
  const whole = findTopic(topics, part);
  if (whole) return [whole];
  const words = part.split(/\s+/);
  if (words.length > 1) {
    const each = words.map((w) => findTopic(topics, w));
    if (each.every((t) => t !== undefined)) return each as Topic[];
    // A typo of one multi-word name ("humanoid robtos") gets its did-you-mean instead.
    if (closestTopic(topics, part)) return fail(unknownTopicMessage(topics, part), "unknown-topic");
    return fail(`${unknownTopicMessage(topics, part)} (separate several topics with commas)`, "unknown-topic");
  }
  return fail(unknownTopicMessage(topics, part), "unknown-topic");
}

/**
 * What a member types for a topic: a built-in's short id ("openai"), a custom topic's name — its id
 * ("c.<hash>.<slug>") is internal and never shown.
 */
export function typedName(t: Topic): string {
  return t.communityId ? t.name : t.id;
}

/** A topic in a list: "OpenAI (openai)" for a built-in, just the name for a custom topic. */
export function topicLabel(t: Topic): string {
  return t.communityId ? t.name : `${t.name} (${t.id})`;
}

/** A readable stand-in for a topic id whose topic is not at hand: a custom id's slug as words. */
export function topicIdLabel(id: string): string {
  const custom = /^c\.[^.]+\.(.+)$/.exec(id);
  return custom ? custom[1]!.replace(/-+/g, " ") : id;
}

export function topicNames(ids: readonly string[], topics: readonly Topic[]): string {
  if (ids.length === 0) return "none";
  const byId = new Map(topics.map((t) => [t.id, t.name]));
  return ids.map((id) => byId.get(id) ?? topicIdLabel(id)).join(", ");
}

/** `topicNames`, looking up followed topics not visible here (another community's) by id. */
export async function followedTopicNames(store: Store, ids: readonly string[], visible: readonly Topic[]): Promise<string> {
  const known = [...visible];
  for (const id of ids) {
    if (known.some((t) => t.id === id)) continue;
    const t = await store.topics.get(id);
    if (t) known.push(t);
  }
  return topicNames(ids, known);
}
