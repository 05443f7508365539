import type { Store } from "../core/ports.js";
import { BUILTIN_TOPICS } from "./stories/topic-catalog.js";

/**
 * Keep the built-in topic catalogue in the store in step with the code, so commands, selection and
 * the story engine all read topics from one place. Community topics are left alone.
 */
export async function ensureBuiltinTopics(store: Store, now: Date): Promise<number> {
  for (const t of BUILTIN_TOPICS) await store.topics.upsert({ ...t, communityId: null }, now);
  return BUILTIN_TOPICS.length;
}
