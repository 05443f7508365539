/**
 * Is a story AI news? Decided on the story's own evidence (AI context in its items' headlines and
 * summaries, see `TopicMatcher.analyse`), whether or not any topic matched, so a channel that follows
 * no topic gets every AI story and nothing else.
 *
 * The verdict travels with the story as a reserved story-topic row (`AI_NEWS_TAG`, confidence = the
 * evidence) so it needs no schema change; it is never a topic anyone follows or sees. A story stored
 * before this tag existed carries none and falls back to the old rule (any topic makes it AI news).
 */
import type { Story, StoryTopic } from "../../core/types.js";

/** Reserved story-topic id: no catalogue or community topic id starts with "_". */
export const AI_NEWS_TAG = "_ai";
/** A story at or above this evidence is AI news. */
export const AI_NEWS_CONFIDENCE = 0.5;

/**
 * One headline with AI context makes the story AI (the other outlets report the same event in other
 * words); otherwise the items' average evidence decides, so a lone passing mention of AI in one summary
 * of a story that is otherwise about something else does not.
 */
export function storyAiConfidence(evidence: readonly number[]): number {
  if (evidence.length === 0) return 0;
  const best = Math.max(...evidence);
  if (best >= 1) return 1;
  return Math.round((evidence.reduce((a, b) => a + b, 0) / evidence.length) * 1000) / 1000;
}

export function aiTag(evidence: readonly number[]): StoryTopic {
  return { topicId: AI_NEWS_TAG, confidence: storyAiConfidence(evidence) };
}

/** Real topics only (without the AI verdict). */
export function realTopics<T extends StoryTopic>(topics: readonly T[]): T[] {
  return topics.filter((t) => t.topicId !== AI_NEWS_TAG);
}

/** Whether a story is AI news: its verdict if it has one, else (older stories) whether any topic matched. */
export function isAiStory(story: Pick<Story, "topics">, minTopicConfidence: number): boolean {
  const tag = story.topics.find((t) => t.topicId === AI_NEWS_TAG);
  if (tag) return tag.confidence >= AI_NEWS_CONFIDENCE;
  return story.topics.some((t) => t.confidence >= minTopicConfidence);
}
