/**
 * How a scenario file's free-text editor tags ("policy & regulation", "autonomous vehicles") map onto
 * the built-in catalogue's ids, for measuring topic precision and recall. This is the one mapping both
 * topic figures use (per item through real clustering, `topic-metric.ts`; per labelled story,
 * `digest-quality.ts`).
 *
 * A word maps onto a topic when the topic's own description covers it (see `topic-catalog.ts`), not
 * because of the wording of any one file:
 * - organisations: the company and its lab ("google deepmind", "deepmind" → google);
 * - "model launch" → llms: LLMs & chatbots covers new language models (every dev use is one);
 * - "security" → safety ("AI safety, alignment, misuse and security");
 * - "geopolitics" → policy ("governments on AI": state-to-state AI talks, national AI strategies);
 * - "copyright & training data" → labour ("artists and creators facing AI": whose work trains models);
 * - "markets", "earnings" → business ("valuations, deals and revenue");
 * - "infrastructure", "nvidia" → chips ("GPUs, AI chips, data centres and the compute race");
 * - "science", "open science" → research.
 * - "ai agents" → agents and "business" → business: the topic's own name in other words;
 * - "ftc" → policy: a regulator, as "us congress" is a legislature ("Laws, regulators …");
 * - "midjourney" → image-generation: a company that is its one product, as "nvidia" → chips.
 * Words no topic of ours stands for (a country, "search", "leadership", "apps", "developers", "film")
 * are out of scope and not counted. So are words that straddle topics: "elections" (deepfakes are
 * safety, an election law is policy, a chatbot's election answers are neither: the editors add the
 * specific word when they mean one), "privacy" (a regulator's case or a product setting),
 * "intellectual property" (patents are not "artists and creators facing AI"), and companies that are not
 * one of our topics ("xai", "stability ai", "cohere", "apple").
 */
export const TOPIC_WORDS: Readonly<Record<string, readonly string[]>> = {
  openai: ["openai"],
  anthropic: ["anthropic"],
  google: ["google", "google deepmind", "deepmind", "youtube"],
  meta: ["meta"],
  microsoft: ["microsoft"],
  "open-weights": ["open-weight models", "open weights", "open source"],
  llms: ["llms", "assistants", "chatbots", "model launch"],
  "image-generation": ["image generation", "midjourney"],
  "video-generation": ["video generation"],
  audio: ["audio", "music"],
  agents: ["agents", "ai agents"],
  research: ["research", "open science", "science"],
  chips: ["chips", "infrastructure", "nvidia"],
  robotics: ["robotics", "humanoids", "autonomous vehicles"],
  policy: ["policy & regulation", "policy", "us congress", "us states", "eu", "courts", "legal", "geopolitics", "ftc"],
  safety: ["safety", "security", "deepfakes"],
  labour: ["labour & creative work", "jobs", "copyright & training data"],
  business: ["funding & business", "business", "investment", "deals", "earnings", "markets"],
};

/** Editor word (lower case) → catalogue id. */
export const LABEL_TO_TOPIC: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(TOPIC_WORDS).flatMap(([id, words]) => words.map((w) => [w, id])),
);

/** Catalogue ids a row's tags stand for. */
export function labelTopics(tags: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const t of tags) {
    const id = LABEL_TO_TOPIC[t.trim().toLowerCase()];
    if (id) out.add(id);
  }
  return out;
}

/** Catalogue ids some tag maps onto: the topics that can be scored. */
export const SCORED_TOPICS: ReadonlySet<string> = new Set(Object.keys(TOPIC_WORDS));
