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

export interface CatalogueTopic extends Topic {
  /** Match only when the item is about AI; false = the topic is AI by definition (a match is AI context). */
  requiresAiContext: boolean;
}

interface Rule {
  exclude?: string[];
  /** Default true: only AI-by-definition topics set false. */
  requiresAiContext?: boolean;
}

function topic(id: string, name: string, description: string, keywords: string[], rule: Rule = {}): CatalogueTopic {
  const { exclude = [], requiresAiContext = true } = rule;
  return { id, name, description, keywords, exclude, communityId: null, requiresAiContext };
}

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
  "Mustafa Suleyman", "Llama", "Meta AI", "Yann LeCun", "Grok", "xAI", "Mistral", "DeepSeek", "Qwen", "Hugging Face",
  "open-weight", "open weights", "OLMo", "Ollama", "llama.cpp", "gguf", "Midjourney", "Stable Diffusion",
  "text-to-image", "image generation", "image generator", "text-to-video", "video generation", "video generator",
  "deepfake", "voice cloning", "voice clone", "ElevenLabs", "Suno", "Udio", "agentic", "AI agent", "coding agent",
  "Model Context Protocol", "prompt injection",
  // compute that exists for AI (a gaming GPU or a CPU earnings report is not AI news)
  "H100", "H200", "B200", "TPU", "AI chip", "AI accelerator", "Cerebras",
  // autonomy
  "self-driving", "robotaxi", "autonomous vehicle", "humanoid", "Waymo",
  // venues
  "NeurIPS", "ICML", "ICLR", "CVPR",
];

export const BUILTIN_TOPICS: CatalogueTopic[] = [
  topic("openai", "OpenAI", "OpenAI, ChatGPT, GPT models, Sora and Sam Altman.", [
    "OpenAI", "ChatGPT", "GPT-4", "GPT-4o", "GPT-5", "GPT-4.5", "o1", "o3", "o4-mini", "Sam Altman", "Sora", "DALL-E",
    "Codex", "SearchGPT", "GPT Store",
  ], { requiresAiContext: false }),
  topic("anthropic", "Anthropic", "Anthropic and its Claude models.", [
    "Anthropic", "Claude", "Claude Code", "Dario Amodei", "Daniela Amodei", "Constitutional AI",
  ], { exclude: ["Claude Monet", "Claude Debussy", "Jean-Claude"], requiresAiContext: false }),
  topic("google", "Google & DeepMind", "Google, Google DeepMind, Gemini and related models.", [
    "Google", "DeepMind", "Gemini", "Gemma", "Bard", "Demis Hassabis", "Sundar Pichai", "Veo", "Imagen",
    "NotebookLM", "AlphaFold", "Alphabet",
  ]),
  topic("meta", "Meta", "Meta's AI work: Llama models, Meta AI and FAIR.", [
    "Meta", "Meta AI", "Llama", "Llama 3", "Llama 4", "Zuckerberg", "Yann LeCun",
  ], { exclude: ["meta-analysis", "meta analysis", "meta description", "meta tag", "meta tags"] }),
  topic("microsoft", "Microsoft", "Microsoft, Copilot and Azure AI.", [
    "Microsoft", "Copilot", "Azure", "Satya Nadella", "Bing", "Phi-3", "Phi-4", "Mustafa Suleyman",
  ]),
  topic("open-weights", "Open-weight models", "Models whose weights anyone can download and run.", [
    "open-weight", "open weights", "open-source model", "open source model", "open-source AI", "open source AI",
    "Hugging Face", "Mistral", "DeepSeek", "Qwen", "Llama", "Gemma", "Falcon", "OLMo", "weights released", "gguf",
    "Ollama", "llama.cpp",
  ]),
  topic("llms", "LLMs & chatbots", "Large language models and the chatbots built on them.", [
    "LLM", "large language model", "language model", "chatbot", "ChatGPT", "Claude", "Gemini", "Copilot", "Grok",
    "GPT", "reasoning model", "foundation model", "frontier model", "context window", "prompt", "fine-tuning",
  ]),
  topic("image-generation", "Image generation", "Text-to-image models and AI-made pictures.", [
    "image generation", "image generator", "text-to-image", "AI image", "AI images", "AI art", "Midjourney",
    "Stable Diffusion", "DALL-E", "Imagen", "Flux", "diffusion model", "AI-generated image", "deepfake",
  ]),
  topic("video-generation", "Video generation", "Text-to-video models such as Sora, Veo and Runway.", [
    "Sora", "Veo", "Runway", "Pika", "Kling", "text-to-video", "video generation", "video generator",
    "video model", "AI video", "AI-generated video", "Dream Machine", "Gen-3",
  ]),
  topic("audio", "Audio & music", "Speech, voice cloning and AI music.", [
    "text-to-speech", "speech recognition", "voice cloning", "voice clone", "AI voice", "Whisper", "ElevenLabs",
    "Suno", "Udio", "AI music", "music generation", "speech model", "voice mode", "audio model",
  ]),
  topic("agents", "Agents", "AI agents that act: browse, code, use tools.", [
    "agent", "agentic", "AI agent", "computer use", "tool use", "Operator", "autonomous agent", "coding agent",
    "Devin", "Model Context Protocol", "MCP", "multi-agent",
  ], { exclude: ["travel agent", "real estate agent", "FBI agent", "secret agent", "free agent", "estate agent"] }),
  topic("research", "Research papers", "New papers, benchmarks and results from labs and universities.", [
    "paper", "arXiv", "preprint", "benchmark", "researchers", "study", "NeurIPS", "ICML", "ICLR", "CVPR",
    "state of the art", "state-of-the-art", "dataset", "peer review",
  ]),
  topic("chips", "Chips & compute", "GPUs, AI chips, data centres and the compute race.", [
    "Nvidia", "GPU", "H100", "H200", "B200", "Blackwell", "TPU", "AMD", "Intel", "TSMC", "chip", "semiconductor",
    "data center", "data centre", "datacenter", "compute", "supercomputer", "Cerebras", "Groq", "export controls",
  ], { exclude: ["chocolate chip", "poker chip"] }),
  topic("robotics", "Robotics", "Robots, humanoids and self-driving.", [
    "robot", "robotics", "humanoid", "Boston Dynamics", "Figure AI", "Optimus", "self-driving", "autonomous vehicle",
    "Waymo", "robotaxi", "drone",
  ]),
  topic("policy", "Policy & regulation", "Laws, regulators, lawsuits and governments on AI.", [
    "regulation", "regulator", "AI Act", "EU AI Act", "executive order", "legislation", "lawmakers", "Congress",
    "Senate", "FTC", "antitrust", "lawsuit", "sued", "court", "ban", "policy", "government", "White House",
    "European Commission", "copyright lawsuit",
  ]),
  topic("safety", "Safety", "AI safety, alignment, misuse and security.", [
    "AI safety", "safety", "alignment", "misuse", "jailbreak", "red team", "red teaming", "existential risk",
    "guardrails", "deepfake", "misinformation", "disinformation", "leak", "leaked", "security", "vulnerability",
    "prompt injection",
  ]),
  topic("labour", "Labour & creative work", "Jobs, workers, artists and creators facing AI.", [
    "jobs", "workers", "labor", "labour", "layoffs", "laid off", "union", "strike", "artist", "artists", "creatives",
    "creators", "writers", "actors", "illustrators", "musicians", "employment", "workforce", "unpaid",
    "copyright", "SAG-AFTRA",
  ]),
  topic("business", "Funding & business", "Funding rounds, valuations, deals and revenue.", [
    "funding", "raises", "raised", "valuation", "investment", "investors", "acquisition", "acquires", "acquired",
    "IPO", "revenue", "Series A", "Series B", "Series C", "venture capital", "startup", "billion", "deal", "merger",
  ]),
];

const BUILTIN_BY_ID = new Map(BUILTIN_TOPICS.map((t) => [t.id, t]));

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
