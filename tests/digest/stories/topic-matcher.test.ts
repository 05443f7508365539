import { describe, expect, it } from "vitest";
import type { Topic } from "../../../src/core/types.js";
import { ensureBuiltinTopics } from "../../../src/digest/seed-topics.js";
import { loadAllTopics } from "../../../src/digest/stories/build-stories.js";
import { AI_CONTEXT_TERMS, BUILTIN_TOPICS, aiContextRole } from "../../../src/digest/stories/topic-catalog.js";
import { TopicMatcher, combineTopics } from "../../../src/digest/stories/topic-matcher.js";
import { tokenize } from "../../../src/digest/stories/text-tokens.js";
import { openStore } from "../../../src/store/open-store.js";

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

describe("AI context rule", () => {
  const m = new TopicMatcher(BUILTIN_TOPICS);

  it("keeps non-AI company, business and policy news untagged (QA findings)", () => {
    expect(ids(m, "Review: Pixel Tablet's speaker dock is still the best part",
      "A year on, Google's tablet is a fine kitchen screen and a so-so laptop replacement.")).toEqual([]);
    expect(ids(m, "Microsoft: Xbox Game Pass erweitert das PC-Spieleangebot",
      "Microsoft nimmt weitere Spiele in den Xbox Game Pass für PC auf.")).toEqual([]);
    expect(ids(m, "Microsoft's Xbox Game Pass adds more PC games")).toEqual([]);
    expect(ids(m, "FCC filing says Paramount will be 49.5% foreign-owned after its merger",
      "The funding application details the ownership structure after the deal.")).toEqual([]);
    expect(ids(m, "Intel posts record $19 billion quarter on strong data center chip sales")).toEqual([]);
    expect(ids(m, "Drone pilot gets no-fly zones rescinded")).toEqual([]);
  });

  it("still tags AI stories about those companies, with AI context in the title or the summary", () => {
    expect(ids(m, "Google's Gemini 2 tops the leaderboard")).toEqual(expect.arrayContaining(["google", "llms"]));
    expect(ids(m, "Microsoft Copilot gets a new voice mode")).toEqual(expect.arrayContaining(["microsoft", "llms"]));
    expect(ids(m, "Meta releases Llama 4")).toEqual(expect.arrayContaining(["meta", "open-weights"]));
    expect(ids(m, "Microsoft invests $10 billion in an AI startup")).toEqual(
      expect.arrayContaining(["microsoft", "business"]),
    );
    expect(ids(m, "Nvidia ships its next H100 successor")).toEqual(["chips"]);
    // German outlets write "KI".
    expect(ids(m, "Microsoft will Militär beliefern", "Microsoft will dem Militär KI-Systeme verkaufen.")).toEqual([
      "microsoft",
    ]);
    const fromSummary = m.match("Google unveils new Pixel features", "The update is powered by Gemini Nano.");
    expect(fromSummary.map((t) => t.topicId)).toContain("google");
  });

  it("counts a match of an AI-by-definition topic as AI context, unless that topic is vetoed", () => {
    expect(ids(m, "OpenAI signs a $10 billion deal with Oracle")).toEqual(expect.arrayContaining(["openai", "business"]));
    expect(ids(m, "Anthropic hires a new policy chief to work with regulators")).toEqual(
      expect.arrayContaining(["anthropic", "policy"]),
    );
    expect(ids(m, "Claude Monet painting sells for $100 million in record deal")).toEqual([]);
  });

  it("keeps title matches above summary matches for gated topics", () => {
    const conf = (title: string, summary: string): number | undefined =>
      m.match(title, summary).find((t) => t.topicId === "microsoft")?.confidence;
    const inTitle = conf("Microsoft brings AI to Paint", "The update ships this week.");
    const inSummary = conf("AI comes to Paint", "Microsoft ships the update this week.");
    expect(inTitle).toBeDefined();
    expect(inSummary).toBeDefined();
    expect(inTitle!).toBeGreaterThan(inSummary!);
  });

  it("leaves community topics as written, even one that reuses a built-in id", () => {
    const gaming = { ...topic("gaming", ["Xbox", "Game Pass"]), communityId: "discord:1" };
    const google = { ...topic("google", ["Google"]), communityId: "discord:1" };
    const cm = new TopicMatcher([...BUILTIN_TOPICS, gaming]);
    expect(ids(cm, "Microsoft's Xbox Game Pass adds more PC games")).toEqual(["gaming"]);
    expect(ids(new TopicMatcher([google]), "Google Maps gets toll prices")).toEqual(["google"]);
    // A community topic is not AI context: it does not open the gate for built-in ones.
    expect(ids(cm, "Xbox maker Microsoft reports record revenue")).toEqual(["gaming"]);
  });

  it("applies the rule to built-in topics read back from the store (which keeps no flag)", async () => {
    const store = await openStore("sqlite::memory:");
    try {
      await ensureBuiltinTopics(store, new Date("2024-11-26T00:00:00Z"));
      const stored = await loadAllTopics(store);
      expect(stored.some((t) => "requiresAiContext" in t)).toBe(false);
      const sm = new TopicMatcher(stored);
      expect(ids(sm, "Google Maps is getting toll pricing")).toEqual([]);
      expect(ids(sm, "Google's Gemini chatbot comes to Maps")).toEqual(expect.arrayContaining(["google", "llms"]));
    } finally {
      await store.close();
    }
  });

  it("gates every built-in topic except the AI-by-definition labs; context terms are not company names", () => {
    const providers = BUILTIN_TOPICS.filter((t) => aiContextRole(t) === "provides").map((t) => t.id);
    expect(providers.sort()).toEqual(["anthropic", "openai"]);
    expect(BUILTIN_TOPICS.every((t) => aiContextRole(t) !== "none")).toBe(true);
    const terms = new Set(AI_CONTEXT_TERMS.map((t) => tokenize(t).join(" ")));
    for (const company of ["google", "microsoft", "meta", "nvidia", "apple", "amazon", "intel", "alphabet"]) {
      expect(terms.has(company)).toBe(false);
    }
    expect(AI_CONTEXT_TERMS.every((t) => tokenize(t).length > 0)).toBe(true);
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
    // Half the coverage agrees: 0.3 + 0.7 × 0.5 of the best confidence.
    expect(t[1]!.confidence).toBeCloseTo(0.8 * 0.65);
  });

  it("does not count passing mentions (below the selection bar) as coverage that agrees", () => {
    const t = combineTopics([
      [{ topicId: "a", confidence: 0.9 }, { topicId: "b", confidence: 0.75 }],
      [{ topicId: "a", confidence: 0.8 }, { topicId: "b", confidence: 0.4 }],
      [{ topicId: "a", confidence: 0.75 }, { topicId: "b", confidence: 0.4 }],
    ]);
    // b: one report of three carries it on its own; the two asides do not count → 0.75 × (0.3 + 0.7 / 3).
    expect(t.find((x) => x.topicId === "b")!.confidence).toBeCloseTo(0.75 * (0.3 + 0.7 / 3));
    expect(t.find((x) => x.topicId === "a")!.confidence).toBeCloseTo(0.9);
  });
});

describe("the built-in catalogue reads what an item is about", () => {
  const m = new TopicMatcher(BUILTIN_TOPICS);
  const conf = (title: string, summary: string, id: string): number =>
    m.match(title, summary).find((t) => t.topicId === id)?.confidence ?? 0;

  it("a yardstick or a backer is not the subject: comparisons reach through a possessive, qualifiers follow", () => {
    expect(conf("TII releases Falcon 2 and says it beats Meta's Llama 3 8B", "", "meta")).toBeLessThan(0.5);
    expect(conf("Meta releases Llama 3", "", "meta")).toBeGreaterThanOrEqual(0.75);
    expect(conf("What is Google Veo? Everything we know about the Sora rival", "", "openai")).toBeLessThan(0.5);
    expect(conf("Microsoft-backed OpenAI ships GPT-4o", "", "microsoft")).toBeLessThan(0.5);
    expect(conf("Microsoft-backed OpenAI ships GPT-4o", "", "openai")).toBeGreaterThanOrEqual(0.75);
    expect(conf("Google's video model race with Sora heats up", "", "openai")).toBeLessThan(0.5);
  });

  it("a name only in the summary is an aside; a theme word there still counts", () => {
    const title = "Tencent releases its Hunyuan AI image model";
    expect(conf(title, "It is built on a diffusion transformer, the same architecture as Sora.", "video-generation")).toBeLessThan(0.5);
    expect(conf("A new AI model", "It comes with safeguards against misuse of minors' data.", "safety")).toBeGreaterThanOrEqual(0.5);
  });

  it("a keyword inside a masking phrase does not count, the rest of the item does", () => {
    expect(conf("PaliGemma: Google's open vision-language model", "", "llms")).toBe(0);
    expect(conf("A vision-language model and a large language model from one lab", "", "llms")).toBeGreaterThanOrEqual(0.75);
  });

  it("money words make business news; public funding, spending and pledges without money do not", () => {
    expect(conf("UAE steps up AI ambitions", "The Gulf state has been spending heavily to become an AI hub.", "business")).toBe(0);
    expect(conf("Senators' AI plan", "It sets priorities on research funding and AI safety.", "business")).toBe(0);
    expect(conf("Microsoft pledges 4 billion euros for AI in France", "", "business")).toBeGreaterThanOrEqual(0.75);
    expect(conf("ByteDance's cheap LLM starts a price war", "", "business")).toBeGreaterThanOrEqual(0.75);
  });

  it("'chip' needs a word about processors; 'AI infrastructure' and AI security words count", () => {
    expect(conf("Google's AI teammate", "A virtual colleague called Chip answers questions.", "chips")).toBe(0);
    expect(conf("Startup's new AI chip doubles inference speed", "", "chips")).toBeGreaterThanOrEqual(0.75);
    expect(conf("Microsoft to invest in French cloud and AI infrastructure", "", "chips")).toBeGreaterThanOrEqual(0.75);
    expect(conf("Android will use on-device AI to warn you about scam calls", "", "safety")).toBeGreaterThanOrEqual(0.75);
    expect(conf("Regulators open probe into Amazon's Zoox after crashes", "", "robotics")).toBeGreaterThanOrEqual(0.75);
    expect(conf("Altman bets on a voice assistant you can interrupt", "", "openai")).toBeGreaterThanOrEqual(0.75);
  });

  it("names regulators, courts and valuations as news does; 'stock' and 'ruling' alone are not enough", () => {
    expect(conf("AI chip designer's market value tops $2 trillion", "", "business")).toBeGreaterThanOrEqual(0.75);
    expect(conf("AI startup's stock jumps 60% after the deal", "", "business")).toBeGreaterThanOrEqual(0.75);
    expect(conf("New AI image model is trained on licensed stock photos", "", "business")).toBe(0);
    expect(conf("OpenAI's CTO told The Wall Street Journal the AI video model ships this year", "", "business")).toBe(0);
    expect(conf("Tribunal says airline must honour what its chatbot promised", "", "policy")).toBeGreaterThanOrEqual(0.75);
    expect(conf("UK competition watchdog looks at AI partnerships", "", "policy")).toBeGreaterThanOrEqual(0.75);
    expect(conf("Court ruling on AI-written code goes against the developer", "", "policy")).toBeGreaterThanOrEqual(0.75);
    expect(conf("The ruling party wants an AI ministry", "", "policy")).toBeGreaterThanOrEqual(0.75);
    expect(conf("The ruling party's AI chatbot", "", "policy")).toBe(0);
    expect(conf("Lab warns AI could pose an extinction-level threat", "", "safety")).toBeGreaterThanOrEqual(0.75);
    expect(conf("Jailed Imran Khan speaks to supporters through an AI-cloned voice", "", "safety")).toBeGreaterThanOrEqual(0.75);
    expect(conf("Snap will watermark images made with its AI tools", "", "safety")).toBeGreaterThanOrEqual(0.75);
    expect(conf("AI model's technical report details its training", "", "research")).toBeGreaterThanOrEqual(0.75);
    expect(conf("Supplier sees AI server sales doubling", "", "chips")).toBeGreaterThanOrEqual(0.75);
    expect(conf("Authors say AI firm scraped their books", "", "labour")).toBeGreaterThanOrEqual(0.75);
    // Whose work trains models is the topic's (`quality/topic-labels.ts`), by the words news use for it.
    expect(conf("OpenAI's CTO is 'not sure' what Sora's training data included", "", "labour")).toBeGreaterThanOrEqual(0.75);
  });

  it("an organisation a product nears or overtakes is a yardstick", () => {
    expect(conf("Startup says its new chatbot nears GPT-4 on reasoning", "", "openai")).toBeLessThan(0.5);
    expect(conf("Chipmaker passes Microsoft in market value as AI demand soars", "", "microsoft")).toBeLessThan(0.5);
  });
});
