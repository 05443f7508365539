/**
 * Story versions and the cache of their grounded summaries. A version is the story id plus the set
 * of items the model is given (its first sources, one per outlet): a story that gains a source is
 * summarised again, one that gains nothing is not, whatever the number of destinations.
 */
import { createHash } from "node:crypto";
import type { CitedSentenceRecord, Store, StoredSummary } from "../../core/ports.js";
import type { CitedSentence, Story } from "../../core/types.js";
import { MAX_PROMPT_SOURCES } from "./grounding-prompt.js";

/** The sources given to the model: the story's first MAX_PROMPT_SOURCES, positions kept. */
export function promptSourcesOf(story: Story): Story["sources"] {
  return story.sources.slice(0, MAX_PROMPT_SOURCES);
}

export function summaryVersion(story: Story): string {
  const ids = promptSourcesOf(story)
    .map((s) => s.itemId)
    .sort();
  return createHash("sha256").update(`${story.id}\u0000${ids.join("\u0000")}`).digest("hex").slice(0, 24);
}

/** Stored sentences (cited by item id) as the story's cited sentences (by source position). */
export function toCited(story: Story, sentences: readonly CitedSentenceRecord[]): CitedSentence[] {
  const position = new Map(story.sources.map((s, i) => [s.itemId, i + 1]));
  const out: CitedSentence[] = [];
  for (const s of sentences) {
    const sources = s.itemIds.map((id) => position.get(id)).filter((n): n is number => n !== undefined);
    if (sources.length > 0) out.push({ text: s.text, sources: [...new Set(sources)].sort((a, b) => a - b) });
  }
  return out;
}

/** The story with its grounded summary in place of the extractive one. */
export function withCited(story: Story, cited: readonly CitedSentence[]): Story {
  if (cited.length === 0) return story;
  return { ...story, cited: [...cited], summary: cited.map((c) => c.text).join(" ") };
}

/**
 * Stories with the grounded summaries already stored for their current version (no model call):
 * previews show what the digest would carry.
 */
export async function attachStoredSummaries(store: Store, stories: readonly Story[]): Promise<Story[]> {
  if (stories.length === 0) return [];
  const rows = await store.summaries.getMany(stories.map((s) => ({ storyId: s.id, version: summaryVersion(s) })));
  const ok = new Map<string, StoredSummary>(rows.filter((r) => r.status === "ok").map((r) => [r.storyId, r]));
  return stories.map((s) => {
    const row = ok.get(s.id);
    return row && row.version === summaryVersion(s) ? withCited(s, toCited(s, row.sentences)) : s;
  });
}
