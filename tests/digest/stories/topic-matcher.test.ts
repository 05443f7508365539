import { describe, expect, it } from "vitest";
import type { Topic } from "../../../src/core/types.js";
import { BUILTIN_TOPICS } from "../../../src/digest/stories/topic-catalog.js";
import { TopicMatcher, combineTopics } from "../../../src/digest/stories/topic-matcher.js";

const topic = (id: string, keywords: string[], exclude: string[] = []): Topic => ({
  id,
  name: id,
  description: "",
  keywords,
  exclude,
  communityId: null,
});
const ids = (m: TopicMatcher, title: string, summary = ""): string[] => m.match(title, summary).map((t) => t.topicId);

describe("TopicMatcher", () => {
  it("matches at word boundaries only", () => {
    const m = new TopicMatcher([topic("ai", ["AI"]), topic("meta", ["Meta"])]);
    expect(ids(m, "Minister said the plan was fair")).toEqual([]);
    expect(ids(m, "Photo metadata leaks location")).toEqual([]);
    expect(ids(m, "Meta's new AI glasses")).toEqual(["ai", "meta"]);
  });

  it("matches multi-word phrases as a sequence, case-insensitively, with plurals", () => {
    const m = new TopicMatcher([topic("llm", ["large language model", "chatbot"])]);
    expect(ids(m, "A LARGE language MODELS survey")).toEqual(["llm"]);
    expect(ids(m, "Large models of language")).toEqual([]);
    expect(ids(m, "Chatbots everywhere")).toEqual(["llm"]);
  });

  it("lets an exclusion veto a topic", () => {
    const m = new TopicMatcher([topic("meta", ["Meta"], ["meta-analysis"])]);
    expect(ids(m, "Meta releases Llama")).toEqual(["meta"]);
    expect(ids(m, "A meta-analysis of Meta studies")).toEqual([]);
  });

  it("treats keyword text literally (no regular expressions from users)", () => {
    const m = new TopicMatcher([topic("c", ["C++", "(.*)"])]);
    expect(ids(m, "Anything at all")).toEqual([]);
    expect(ids(m, "Why C++ still matters")).toEqual(["c"]);
  });

  it("rates title hits above summary hits, and supports custom community topics", () => {
    const custom = { ...topic("rust-ai", ["Rust", "candle"]), communityId: "discord:1" };
    const m = new TopicMatcher([...BUILTIN_TOPICS, custom]);
    const inTitle = m.match("Rust gets a new ML framework").find((t) => t.topicId === "rust-ai");
    const inSummary = m.match("A new ML framework", "Written in Rust.").find((t) => t.topicId === "rust-ai");
    expect(inTitle!.confidence).toBeGreaterThan(inSummary!.confidence);
  });

  it("tags the Sora leak with openai, video generation and labour from the catalogue", () => {
    const m = new TopicMatcher(BUILTIN_TOPICS);
    const found = ids(m, "Artists leak access to OpenAI's Sora video generator in protest");
    expect(found).toEqual(expect.arrayContaining(["openai", "video-generation", "labour"]));
    expect(ids(m, "Review: the best hiking boots of the year")).toEqual([]);
  });

  it("catalogue has the required topics with unique ids", () => {
    const required = ["openai", "anthropic", "google", "meta", "microsoft", "open-weights", "llms", "image-generation",
      "video-generation", "audio", "agents", "research", "chips", "robotics", "policy", "safety", "labour", "business"];
    const all = BUILTIN_TOPICS.map((t) => t.id);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual(expect.arrayContaining(required));
  });
});

describe("combineTopics", () => {
  it("unions item topics and weights by agreement", () => {
    const t = combineTopics([
      [{ topicId: "a", confidence: 0.8 }],
      [{ topicId: "a", confidence: 0.5 }, { topicId: "b", confidence: 0.8 }],
    ]);
    expect(t.map((x) => x.topicId)).toEqual(["a", "b"]);
    expect(t[0]!.confidence).toBeCloseTo(0.8);
    expect(t[1]!.confidence).toBeCloseTo(0.8 * 0.8);
  });
});
