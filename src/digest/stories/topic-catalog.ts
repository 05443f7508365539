/**
 * The built-in catalogue of AI topics. Keywords are words or phrases matched case-insensitively at
 * word boundaries (one-word keywords also match their plural); `exclude` vetoes a topic for an item.
 * Ids are short and stable: destinations subscribe by id.
 *
 * newsdesk is an AI digest, and a channel that follows no topic gets every story with at least one, so
 * a topic match doubles as "this is AI news". Only OpenAI and Anthropic are AI by definition; every other
 * topic names a company, an industry or a theme that is mostly *not* AI ("Google Maps gets tolls",
 * "Xbox Game Pass grows", "Paramount merger"). Those carry `requiresAiContext: true`: they match only when
 * the item also shows an AI context (a term of `AI_CONTEXT_TERMS`, or a match of an AI-by-definition topic).
 */
import type { Topic } from "../../core/types.js";

export interface CatalogueTopic extends Topic, ContextRules {
  /** Match only when the item is about AI; false = the topic is AI by definition (a match is AI context). */
  requiresAiContext: boolean;
}

/**
 * Keywords that are ambiguous on their own count only in a context that fits the topic: beside a firm
 * keyword of the topic, one of its `context` words, or (with `aiIsContext`) anything that makes the
 * item AI news. Each topic below says why its ambiguous words are ambiguous.
 */
export interface ContextRules {
  /** Keywords (also listed in `keywords`) that need context. */
  needsContext: string[];
  /** Words that give that context without being keywords themselves. */
  context: string[];
  /** AI context is enough context (person and product names of AI companies). */
  aiIsContext: boolean;
  /**
   * The topic is an organisation: named only in a summary it is usually a comparison or an aside ("a day
   * before Google's conference", "the Sora rival"), so such a mention alone does not select the story.
   */
  organisation: boolean;
  /**
   * Keywords that are names (a product, model or company: "Sora", "DeepSeek", "Nvidia"). Named only in
   * a summary they are, like an organisation, usually a comparison ("built on the same architecture as
   * Sora", "a week after DeepSeek cut prices"), while a theme word there ("safeguards", "investors")
   * usually says what the item is about.
   */
  names: string[];
  /**
   * Phrases that contain a keyword but mean something else: the keyword inside them does not count
   * ("vision-language model" is not a "language model"). Unlike `exclude`, the rest of the item still counts.
   */
  masks: string[];
}

interface Rule extends Partial<ContextRules> {
  exclude?: string[];
  /** Default true: only AI-by-definition topics set false. */
  requiresAiContext?: boolean;
}

function topic(id: string, name: string, description: string, keywords: string[], rule: Rule = {}): CatalogueTopic {
  const { exclude = [], requiresAiContext = true, needsContext = [], context = [], aiIsContext = false } = rule;
  const { names = [], masks = [] } = rule;
  const organisation = rule.organisation ?? ORGANISATIONS.has(id);
  return {
    id,
    name,
    description,
    keywords: [...keywords, ...needsContext.filter((k) => !keywords.includes(k))],
    exclude,
    communityId: null,
    requiresAiContext,
    needsContext,
    context,
    aiIsContext,
    organisation,
    names,
    masks,
  };
}

const ORGANISATIONS = new Set(["openai", "anthropic", "google", "meta", "microsoft"]);

/**
 * Words that make an item AI news on their own: generic AI vocabulary plus model, product and lab names
 * that mean AI whatever the sentence ("Gemini", "Copilot", "Llama"). Company names are deliberately absent
 * ("Google", "Microsoft", "Nvidia" are not AI context; "Nvidia's H100" is).
 */
export const AI_CONTEXT_TERMS: readonly string[] = [
  // generic vocabulary (incl. German "KI": German outlets are common subscriptions)
  "AI", "A.I.", "AGI", "GenAI", "artificial intelligence", "machine learning", "deep learning", "neural network",
  "neural net", "generative", "LLM", "large language model", "language model", "foundation model", "frontier model",
  "reasoning model", "chatbot", "AI model", "model training", "training data", "superintelligence",
  "reinforcement learning", "computer vision", "natural language processing", "NLP", "transformer model",
  "diffusion model", "embodied intelligence", "KI", "künstliche Intelligenz", "maschinelles Lernen",
  // labs, people, models and products that mean AI whatever the sentence
  "DeepMind", "Demis Hassabis", "Gemini", "Gemma", "NotebookLM", "AlphaFold", "Copilot", "Phi-3", "Phi-4",
  "Mustafa Suleyman", "Llama", "Meta AI", "Yann LeCun", "Grok", "xAI", "Mistral", "Mixtral", "DeepSeek", "Qwen",
  "Hugging Face", "open-weight", "open weights", "open models", "OLMo", "Ollama", "llama.cpp", "gguf", "Midjourney",
  "Stable Diffusion",
  "text-to-image", "image generation", "image generator", "text-to-video", "video generation", "video generator",
  "deepfake", "voice cloning", "voice clone", "ElevenLabs", "Suno", "Udio", "agentic", "AI agent", "coding agent",
  "Model Context Protocol", "prompt injection",
  // compute that exists for AI (a gaming GPU or a CPU earnings report is not AI news, a GPU cloud is:
  // "GPU cloud Lambda raises $320M to buy more Nvidia chips"); neuromorphic chips run spiking neural
  // networks ("Hala Point … 1.15 billion artificial neurons" said no "AI")
  "H100", "H200", "B200", "TPU", "AI chip", "AI accelerator", "Cerebras", "neuromorphic", "GPU cloud", "GPU clusters",
  // generic phrasing for models and assistants
  "open model", "multimodal", "AI assistant", "voice assistant", "AI-powered", "AI-generated", "fine-tuned model",
  // AI-only products named by the topics below (a match of these names is AI whatever the sentence)
  "Sora", "DALL-E", "Veo", "Imagen", "Project Astra", "Claude",
  // autonomy
  "self-driving", "robotaxi", "autonomous vehicle", "autonomous driving", "automated driving", "driverless",
  "humanoid", "Waymo", "Zoox", "Pony.ai", "WeRide", "Apollo Go", "Wayve",
  // venues
  "NeurIPS", "ICML", "ICLR", "CVPR",
];

/**
 * Words that hint at AI but are common elsewhere ("model" is also a car or a phone, "trained" also staff).
 * One alone is not AI context; two distinct ones in the same item are ("models … trained on 5.5T tokens").
 */
export const WEAK_AI_TERMS: readonly string[] = [
  "model", "trained", "training", "parameters", "tokens", "fine-tuned", "fine-tuning", "assistant", "inference",
  "benchmark", "algorithm", "prompt", "weights", "dataset", "automated", "autonomous", "robot", "voice mode",
];

export const BUILTIN_TOPICS: CatalogueTopic[] = [
  // Sam Altman also runs other companies (Worldcoin, Helion): his name (headlines often say just
  // "Altman") counts only in AI context.
  // "o1"/"o3" are also model numbers of cameras and cars: they need AI context too.
  topic("openai", "OpenAI", "OpenAI, ChatGPT, GPT models, Sora and Sam Altman.", [
    "OpenAI", "ChatGPT", "GPT-4", "GPT-4o", "GPT-5", "GPT-4.5", "o4-mini", "Sora", "DALL-E",
    "SearchGPT", "GPT Store",
  ], { requiresAiContext: false, needsContext: ["Altman", "o1", "o3", "Codex"], aiIsContext: true }),
  topic("anthropic", "Anthropic", "Anthropic and its Claude models.", [
    "Anthropic", "Claude", "Claude Code", "Constitutional AI",
  ], {
    exclude: ["Claude Monet", "Claude Debussy", "Jean-Claude"],
    requiresAiContext: false,
    needsContext: ["Dario Amodei", "Daniela Amodei"],
    aiIsContext: true,
  }),
  topic("google", "Google & DeepMind", "Google, Google DeepMind, Gemini and related models.", [
    "Google", "DeepMind", "Gemini", "Gemma", "Bard", "Demis Hassabis", "Sundar Pichai", "Veo", "Imagen",
    "NotebookLM", "AlphaFold", "Alphabet", "Android", "Chrome", "YouTube", "Pixel",
  ]),
  topic("meta", "Meta", "Meta's AI work: Llama models, Meta AI and FAIR.", [
    "Meta", "Meta AI", "Llama", "Llama 3", "Llama 4", "Zuckerberg", "Yann LeCun",
  ], { exclude: ["meta-analysis", "meta analysis", "meta description", "meta tag", "meta tags"] }),
  topic("microsoft", "Microsoft", "Microsoft, Copilot and Azure AI.", [
    "Microsoft", "Copilot", "Azure", "Satya Nadella", "Bing", "Phi-3", "Phi-4", "Mustafa Suleyman",
  ]),
  // "Hugging Face" is where everything AI is hosted, and "Falcon" is also a rocket or a bird: a passing
  // mention is not open-weight news, so they count only beside an open-release word.
  topic("open-weights", "Open-weight models", "Models whose weights anyone can download and run.", [
    "open-weight", "open weights", "open-source model", "open source model", "open-source AI", "open source AI",
    "open model", "open models", "Mistral", "Mixtral", "DeepSeek", "Qwen", "Llama", "Gemma", "OLMo", "weights released", "gguf",
    "Ollama", "llama.cpp",
  ], {
    needsContext: ["Hugging Face", "Falcon", "open-source", "open-sources", "open source", "open-sourced"],
    context: ["weights", "download", "Apache 2.0", "MIT license", "permissive licence", "permissive license", "models", "model"],
    names: ["Mistral", "Mixtral", "DeepSeek", "Qwen", "Llama", "Gemma", "OLMo", "Ollama", "llama.cpp", "Hugging Face", "Falcon"],
  }),
  // A chatbot's product name is the company's topic first; it makes LLM news only when the item is about
  // the model or the chat itself (a Mac app or a hire at the company is not).
  topic("llms", "LLMs & chatbots", "Large language models and the chatbots built on them.", [
    "LLM", "large language model", "language model", "chatbot", "reasoning model", "foundation model",
    "frontier model", "context window", "fine-tuning", "AI assistant", "voice assistant",
  ], {
    needsContext: ["ChatGPT", "Claude", "Gemini", "Copilot", "Grok", "GPT", "prompt"],
    context: [
      "reasoning", "conversation", "answers questions", "chat", "tokens", "hallucinate", "hallucination", "leaderboard",
      "voice mode",
    ],
    names: ["ChatGPT", "Claude", "Gemini", "Copilot", "Grok", "GPT"],
    // A vision-language model (PaliGemma, a VLM variant) reads images; it is not an LLM or chatbot.
    masks: ["vision-language model", "vision language model", "vision-language models"],
  }),
  topic("image-generation", "Image generation", "Text-to-image models and AI-made pictures.", [
    "image generation", "image generator", "text-to-image", "AI image", "AI images", "AI art", "Midjourney",
    "Stable Diffusion", "DALL-E", "Imagen", "Flux", "diffusion model", "AI-generated image", "image model",
  ], { names: ["Midjourney", "Stable Diffusion", "DALL-E", "Imagen", "Flux"] }),
  topic("video-generation", "Video generation", "Text-to-video models such as Sora, Veo and Runway.", [
    "Sora", "Veo", "Runway", "Pika", "Kling", "text-to-video", "video generation", "video generator",
    "video model", "AI video", "AI-generated video", "Dream Machine", "Gen-3",
  ], { names: ["Sora", "Veo", "Runway", "Pika", "Kling", "Dream Machine", "Gen-3"] }),
  topic("audio", "Audio & music", "Speech, voice cloning and AI music.", [
    "text-to-speech", "speech recognition", "voice cloning", "voice clone", "AI voice", "Whisper", "ElevenLabs",
    "Suno", "Udio", "AI music", "music generation", "speech model", "voice mode", "audio model",
  ], {
    needsContext: ["music", "song", "songs", "musicians"],
    aiIsContext: true,
    names: ["Whisper", "ElevenLabs", "Suno", "Udio"],
  }),
  topic("agents", "Agents", "AI agents that act: browse, code, use tools.", [
    "agent", "agentic", "AI agent", "computer use", "tool use", "Operator", "autonomous agent", "coding agent",
    "Devin", "Model Context Protocol", "MCP", "multi-agent",
  ], {
    exclude: ["travel agent", "real estate agent", "FBI agent", "secret agent", "free agent", "estate agent"],
    names: ["Operator", "Devin"],
  }),
  // "study" and "researchers" are everywhere in news ("a study found", "researchers at the firm"): they
  // need a research-output word. Papers from arXiv-like hosts are recognised by their address too
  // (see PAPER_HOSTS). A lab's "technical report" is how it publishes a model's research (a paper by
  // another name).
  topic("research", "Research papers", "New papers, benchmarks and results from labs and universities.", [
    "paper", "arXiv", "preprint", "benchmark", "NeurIPS", "ICML", "ICLR", "CVPR", "state of the art",
    "state-of-the-art", "peer review", "we propose", "we present", "we introduce", "this paper", "technical report",
  ], {
    needsContext: ["researchers", "scientists", "study", "dataset", "research"],
    // Not "lab": "AI labs" are the companies ("a windfall for AI labs"), not a sign of a study.
    context: ["published", "results", "experiments", "findings", "journal", "university", "evaluation"],
  }),
  // "chip" is also a name ("a virtual colleague called Chip"), a poker chip or a chip on a card: it
  // counts beside a word about processors or compute. "AI infrastructure" is the compute build-out, and
  // "AI servers" are the machines it is built of.
  topic("chips", "Chips & compute", "GPUs, AI chips, data centres and the compute race.", [
    "Nvidia", "GPU", "H100", "H200", "B200", "Blackwell", "TPU", "AMD", "Intel", "TSMC", "AI chip", "chipmaker",
    "semiconductor", "data center", "data centre", "datacenter", "supercomputer", "Cerebras", "Groq", "export controls",
    "AI infrastructure", "AI server",
  ], {
    exclude: ["chocolate chip", "poker chip"],
    names: ["Nvidia", "AMD", "Intel", "TSMC", "Cerebras", "Groq", "Blackwell", "H100", "H200", "B200"],
    needsContext: ["chip", "compute"],
    context: [
      "GPUs", "capacity", "servers", "processor", "processors", "silicon", "wafer", "foundry", "memory", "HBM",
      "accelerator", "accelerators", "inference", "training", "export",
    ],
  }),
  topic("robotics", "Robotics", "Robots, humanoids and self-driving.", [
    "robot", "robotics", "humanoid", "Boston Dynamics", "Figure AI", "Optimus", "self-driving", "autonomous vehicle",
    "Waymo", "robotaxi", "drone", "Zoox", "Pony.ai", "WeRide", "Apollo Go", "Wayve",
  ], { names: ["Boston Dynamics", "Figure AI", "Optimus", "Waymo", "Zoox", "Pony.ai", "WeRide", "Apollo Go", "Wayve"] }),
  // "policy" is also a company's own rule ("contribution policy", "content policy") and a term of art in
  // reinforcement learning ("Policy Optimization"); "ban", "court" and "government" are everyday words.
  // They count only beside a government or regulation word.
  // Regulators and courts are named by their kind as often as by name: a "watchdog", a "tribunal", a
  // sector regulator's initials (FCC, SEC, like FTC) or its office ("patent office", "Commerce
  // Department", a state's "AI Safety Institute"); export rules are a government's rules ("export controls" on chips). A court's
  // "ruling" is context for "court", "law" … (alone it is also a "ruling party"); "SEC" needs context
  // too ("0.5 sec").
  topic("policy", "Policy & regulation", "Laws, regulators, lawsuits and governments on AI.", [
    "regulation", "regulations", "regulator", "regulators", "AI Act", "EU AI Act", "executive order", "legislation",
    "lawmakers", "Congress", "Senate", "senators", "FTC", "antitrust", "White House", "European Commission",
    "copyright lawsuit", "bill", "governor", "ministry", "intergovernmental", "roadmap for AI", "AI summit",
    "safety summit", "watchdog", "tribunal", "FCC", "patent office", "USPTO", "Commerce Department",
    "data protection authority", "privacy regulator", "privacy authority", "AI Safety Institute", "competition authority", "export controls", "export rules",
  ], {
    needsContext: ["policy", "ban", "court", "lawsuit", "sued", "government", "governments", "officials", "law", "SEC"],
    context: [
      "federal", "state department", "parliament", "minister", "legislators", "regulatory", "public policy",
      "national security", "treaty", "diplomatic", "agency", "judge", "attorney general", "EU", "Brussels",
      "ruling",
    ],
  }),
  // "leaked" documents, "security" updates and "vulnerability" patches are everyday tech news: they are
  // Safety only beside a safety word (risk, harm, misuse …).
  // "extinction" and "catastrophic risk" are how news names AI's existential risk (an "extinction-level
  // threat"); the topic requires AI context, so a species going extinct is not matched.
  topic("safety", "Safety", "AI safety, alignment, misuse and security.", [
    "AI safety", "safety", "alignment", "superalignment", "misuse", "jailbreak", "red team", "red teaming",
    "existential risk", "guardrails", "deepfake", "misinformation", "disinformation", "prompt injection",
    "safeguards", "risks", "accident risks", "extinction", "catastrophic risk", "probe", "investigation", "recall", "crash", "crashes", "incidents",
    // security: the item already shows AI context (the topic requires it), so these are AI security news
    "scam", "scams", "fraud", "phishing", "malware", "cyberattack", "cybersecurity", "hackers", "theft",
    // a cloned voice is a deepfake by ear, and a watermark on AI output is there to tell fakes apart
    // (topics per labelled story: February 0.795 / 0.660 → 0.798 / 0.670, April 0.831 / 0.573 →
    // 0.833 / 0.583; dev and March unchanged)
    "cloned voice", "voice clone", "voice cloning", "AI-cloned", "watermark", "watermarks",
  ], {
    needsContext: ["leak", "leaked", "security", "vulnerability"],
    context: ["risk", "harm", "harms", "dangerous", "abuse", "deceptive", "unsafe"],
  }),
  // "jobs" (workloads), "creators" (of a tool) and "artists" (credited in passing) are ambiguous: they
  // count beside a word about work, pay or rights.
  // Whose work trains models is this topic's too (see `quality/topic-labels.ts`): "scraping" others'
  // content is how news names the taking, "training data" what was taken (March topics per labelled
  // story 0.814 / 0.603 → 0.816 / 0.612; dev, February and April unchanged); a "licensing deal" is
  // its paid form, but also a patent or a software licence, so it needs the same context as "copyright".
  topic("labour", "Labour & creative work", "Jobs, workers, artists and creators facing AI.", [
    "workers", "labor", "labour", "layoffs", "laid off", "union", "unions", "strike", "creatives", "illustrators",
    "employment", "workforce", "unpaid", "SAG-AFTRA", "job losses", "replace workers",
    "scraping", "scraped", "training data",
  ], {
    needsContext: [
      "jobs", "artist", "artists", "creators", "writers", "actors", "musicians", "copyright", "licensing deal",
      "licensing agreement", "content licensing",
    ],
    context: [
      "pay", "paid", "wages", "rights", "consent", "compensation", "livelihoods", "royalties", "hiring", "employees",
      "protest", "protests",
    ],
  }),
  // Large numbers, "deal" and "startup" appear in every kind of story (a model "with 3 billion parameters",
  // a "deal" to put ChatGPT on iPhones); they are business news only beside a money word. So are
  // "funding" (public "research funding" in a policy story), "spending" ("spending heavily to become an
  // AI hub"), "invest" and "pledge" ("a pledge to be carbon negative").
  // A company's worth on the stock market is its valuation ("market value", "market cap", "most valuable",
  // "Wall Street", "share price"): business news whatever company it is. "stock" ("stock photos"),
  // "stake in" ("what is at stake in"), "buys" and "bought" ("buys time") and "most valuable" ("the most
  // valuable data") need context like "deal".
  topic("business", "Funding & business", "Funding rounds, valuations, deals and revenue.", [
    "funding round", "valuation", "investors", "acquisition", "acquires", "IPO", "Series A", "Series B",
    "Series C", "venture capital", "merger", "price war", "price cut", "market value", "market cap",
    "market capitalisation", "market capitalization", "Wall Street", "share price",
  ], {
    needsContext: [
      "raises", "investment", "acquired", "revenue", "startup", "startups", "billion", "deal", "bn", "funding",
      "spending", "invest", "invests", "pledge", "pledges", "stock", "stake in", "stakes in", "buys", "bought",
      "most valuable",
    ],
    context: [
      "shares", "stake", "profit", "sales", "earnings", "valued", "capex", "euros", "euro", "dollars",
      "trillion", "yuan", "multibillion",
    ],
    // A source, not a market: "told The Wall Street Journal".
    masks: ["Wall Street Journal"],
  }),
];

const BUILTIN_BY_ID = new Map(BUILTIN_TOPICS.map((t) => [t.id, t]));

const NO_RULES: ContextRules = Object.freeze({
  needsContext: [],
  context: [],
  aiIsContext: false,
  organisation: false,
  names: [],
  masks: [],
}) as ContextRules;

/**
 * A topic's context rules: its own when it carries them, else the catalogue entry of a built-in id
 * (topics read back from the store lose them), else none: community topics match as written.
 */
export function contextRules(t: Topic): ContextRules {
  const own = t as Partial<CatalogueTopic>;
  if (Array.isArray(own.needsContext)) {
    return {
      needsContext: own.needsContext,
      context: own.context ?? [],
      aiIsContext: own.aiIsContext ?? false,
      organisation: own.organisation ?? false,
      names: own.names ?? [],
      masks: own.masks ?? [],
    };
  }
  const builtin = t.communityId === null ? BUILTIN_BY_ID.get(t.id) : undefined;
  return builtin ?? NO_RULES;
}

/** How a topic takes part in the AI-context rule (see the file comment). */
export type AiContextRole = "requires" | "provides" | "none";

/**
 * A topic's role: its own `requiresAiContext` when it carries one, else the catalogue entry of a built-in
 * id (topics read back from the store lose the flag), else "none": community topics match as written.
 */
export function aiContextRole(t: Topic): AiContextRole {
  const own = (t as Partial<CatalogueTopic>).requiresAiContext;
  const flag = typeof own === "boolean" ? own : t.communityId === null ? BUILTIN_BY_ID.get(t.id)?.requiresAiContext : undefined;
  if (flag === undefined) return "none";
  return flag ? "requires" : "provides";
}
