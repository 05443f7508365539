import { describe, expect, it } from "vitest";
import type { Story } from "../../../src/core/types.js";
import { prepareStories, selectStories } from "../../../src/digest/select-stories.js";
import { AI_NEWS_TAG, storyAiConfidence } from "../../../src/digest/stories/ai-filter.js";
import { BUILTIN_TOPICS } from "../../../src/digest/stories/topic-catalog.js";
import { TopicMatcher } from "../../../src/digest/stories/topic-matcher.js";

function story(id: string, topics: Story["topics"], score = 1): Story {
  const at = new Date("2024-05-14T05:00:00Z");
  return { id, headlineItemId: id, title: id, url: `https://x.example/${id}`, summary: "", imageUrl: null, sources: [], topics, score, firstSeenAt: at, lastSeenAt: at };
}

const spec = { since: new Date("2024-05-13T06:00:00Z"), topics: [], include: [], exclude: [], delivered: new Set<string>(), maxStories: 10 };

describe("AI filter", () => {
  const m = new TopicMatcher(BUILTIN_TOPICS);

  it("judges an item on its own evidence, topic or not", () => {
    expect(m.analyse("AI's economics don't make sense").ai).toBe(1);
    expect(m.analyse("Ars Technica pulls article with AI-fabricated quotes").ai).toBe(1);
    expect(m.analyse("IBM open-sources its Granite code models", "The models range from 3 billion to 34 billion parameters and were trained on code.").ai).toBeGreaterThanOrEqual(0.5);
    // Model families, open models and AI hardware by their own names (April scenario: three misses).
    expect(m.analyse("Mixtral 8x22B: Cheaper, Better, Faster, Stronger").ai).toBe(1);
    expect(m.analyse("Microsoft pulls WizardLM-2 after skipping a required safety test", "The team said it would put the open models back once it was done.").ai).toBeGreaterThanOrEqual(0.5);
    expect(m.analyse("Intel builds Hala Point, the world's largest neuromorphic computer").ai).toBe(1);
    expect(m.analyse("GPU cloud Lambda raises $320M to buy more Nvidia chips").ai).toBe(1);
    expect(m.analyse("Nvidia's new gaming GPU is faster and quieter").ai).toBe(0);
    // Naming a company is not AI news.
    expect(m.analyse("Google patches another Chrome zero-day", "Users should update their browsers.").ai).toBe(0);
    expect(m.analyse("Microsoft's Patch Tuesday fixes two zero-days").ai).toBe(0);
    expect(m.analyse("Sam Altman's other company signs a celebrity deal").topics.map((t) => t.topicId)).not.toContain("openai");
  });

  it("makes a story AI news when one headline is, else when half of its items show AI context", () => {
    expect(storyAiConfidence([0, 1, 0])).toBe(1);
    expect(storyAiConfidence([0.6])).toBe(0.6);
    expect(storyAiConfidence([0.6, 0, 0])).toBeLessThan(0.5);
    // Half of the reports show AI context in their text: the story is AI news (a mean gave 0.3).
    expect(storyAiConfidence([0.6, 0])).toBe(0.6);
    expect(storyAiConfidence([0.6, 0.6, 0, 0])).toBe(0.6);
    expect(storyAiConfidence([0.6, 0, 0, 0])).toBeLessThan(0.5);
    expect(storyAiConfidence([])).toBe(0);
  });

  it("gives a channel that follows no topic every AI story, topic or not, and nothing else", () => {
    const stories = [
      story("ai-no-topic", [{ topicId: AI_NEWS_TAG, confidence: 1 }]),
      story("not-ai", [{ topicId: "google", confidence: 0.9 }, { topicId: AI_NEWS_TAG, confidence: 0 }]),
      story("legacy-topic", [{ topicId: "openai", confidence: 0.8 }]),
      story("legacy-none", []),
    ];
    const picked = selectStories(prepareStories(stories), spec).stories.map((s) => s.id);
    expect(picked.sort()).toEqual(["ai-no-topic", "legacy-topic"]);
    // A follower of a topic gets its stories; the verdict tag is never a topic anyone follows.
    expect(selectStories(prepareStories(stories), { ...spec, topics: ["google"] }).stories.map((s) => s.id)).toEqual(["not-ai"]);
    expect(selectStories(prepareStories(stories), { ...spec, topics: [AI_NEWS_TAG] }).stories).toEqual([]);
  });
});

describe("topics in context", () => {
  const m = new TopicMatcher(BUILTIN_TOPICS);
  const ids = (title: string, summary = "", url?: string): string[] => m.analyse(title, summary, url).topics.filter((t) => t.confidence >= 0.5).map((t) => t.topicId);

  it("needs a government context for policy", () => {
    expect(ids("Project adopts an anti-AI contribution policy", "Maintainers will reject AI-generated pull requests.")).not.toContain("policy");
    expect(ids("Group Relative Policy Optimization for LLM reasoning", "We propose a reinforcement learning method.")).not.toContain("policy");
    expect(ids("Senate passes AI bill", "Lawmakers voted 62 to 38.")).toContain("policy");
    expect(ids("EU regulators open probe into AI chatbot")).toContain("policy");
  });

  it("does not call a leak alone Safety, nor a passing Hugging Face Open-weight", () => {
    expect(ids("Leaked documents show OpenAI's revenue plans")).not.toContain("safety");
    expect(ids("Leaked memo shows AI model's misuse risk was ignored")).toContain("safety");
    expect(ids("Startup hires ex-Hugging Face engineer to lead its AI chatbot team")).not.toContain("open-weights");
    expect(ids("Mistral releases open weights for its new model")).toContain("open-weights");
  });

  it("recognises papers as Research by their address", () => {
    expect(ids("Scaling sparse autoencoders", "", "https://arxiv.org/abs/2406.04093")).toContain("research");
    expect(ids("Scaling sparse autoencoders", "", "https://huggingface.co/papers/2406.04093")).toContain("research");
    expect(ids("Scaling sparse autoencoders", "", "https://example.com/blog/x")).not.toContain("research");
  });

  it("keeps community topics working as written", () => {
    const custom = new TopicMatcher([
      ...BUILTIN_TOPICS,
      { id: "c_x_humanoids", name: "Humanoids", description: "", keywords: ["humanoid", "Unitree"], exclude: [], communityId: "discord:1" },
    ]);
    expect(custom.match("Unitree unveils a $16,000 G1 humanoid").map((t) => t.topicId)).toContain("c_x_humanoids");
    expect(custom.match("Cheap robots", "Unitree showed its G1.").find((t) => t.topicId === "c_x_humanoids")?.confidence).toBe(0.5);
  });
});
