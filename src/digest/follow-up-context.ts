/**
 * What a digest needs to show a follow-up: the earlier story's headline, link and age, and — when the
 * destination received it — where (chat, thread, message), so the update replies to that message.
 */
import type { Store } from "../core/ports.js";
import type { StoryFollowUp } from "../core/types.js";
import type { SelectedFollowUp } from "./select-stories.js";

export async function describeFollowUps(
  store: Store,
  destinationId: string,
  selected: ReadonlyMap<string, SelectedFollowUp>,
): Promise<Map<string, StoryFollowUp>> {
  const updates = [...selected.values()].filter((f) => f.kind === "update").map((f) => f.earlierStoryId);
  const placed = updates.length ? await store.storyMessages.find(destinationId, updates) : new Map();
  const earlier = new Map((await store.stories.getMany([...new Set([...selected.values()].map((f) => f.earlierStoryId))])).map((s) => [s.id, s]));
  const out = new Map<string, StoryFollowUp>();
  for (const [storyId, f] of selected) {
    // The story developed may be a late fragment of the one the link names: prefer its own headline.
    const story = earlier.get(f.earlierStoryId);
    const at = story?.firstSeenAt ?? f.link.earlierFirstSeenAt;
    const where = f.kind === "update" ? placed.get(f.earlierStoryId) : undefined;
    out.set(storyId, {
      kind: f.kind,
      earlierStoryId: f.earlierStoryId,
      earlierTitle: story?.title ?? f.link.earlierTitle,
      earlierUrl: story?.url ?? f.link.earlierUrl,
      earlierAt: at.toISOString(),
      ...(where ? { replyTo: { chatId: where.chatId, threadId: where.threadId, messageId: where.messageId } } : {}),
    });
  }
  return out;
}
