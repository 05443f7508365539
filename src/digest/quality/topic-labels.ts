/**
 * How a scenario file's free-text editor tags ("policy & regulation", "autonomous vehicles") map onto
 * the built-in catalogue's ids, for measuring topic precision and recall. Tags with no catalogue topic
 * ("model launch", "search", "smartphones") are not scored: no catalogue topic could match them.
 * The mapping follows each catalogue topic's own description, not the wording of any one file.
 */
export const LABEL_TO_TOPIC: Readonly<Record<string, string>> = {
  openai: "openai",
  anthropic: "anthropic",
  google: "google",
  "google deepmind": "google",
  deepmind: "google",
  meta: "meta",
  microsoft: "microsoft",
  "open-weight models": "open-weights",
  "open weights": "open-weights",
  "open source": "open-weights",
  chatbots: "llms",
  assistants: "llms",
  "model launch": "llms",
  llms: "llms",
  "image generation": "image-generation",
  "video generation": "video-generation",
  audio: "audio",
  music: "audio",
  agents: "agents",
  research: "research",
  "open science": "research",
  chips: "chips",
  nvidia: "chips",
  infrastructure: "chips",
  robotics: "robotics",
  humanoids: "robotics",
  "autonomous vehicles": "robotics",
  "policy & regulation": "policy",
  policy: "policy",
  "us congress": "policy",
  eu: "policy",
  courts: "policy",
  legal: "policy",
  "us states": "policy",
  safety: "safety",
  deepfakes: "safety",
  "labour & creative work": "labour",
  jobs: "labour",
  "funding & business": "business",
  investment: "business",
  deals: "business",
  markets: "business",
  earnings: "business",
};

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
export const SCORED_TOPICS: ReadonlySet<string> = new Set(Object.values(LABEL_TO_TOPIC));
