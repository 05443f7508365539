/**
 * The built-in catalogue of AI topics. Keywords are words or phrases matched case-insensitively at
 * word boundaries (one-word keywords also match their plural); `exclude` vetoes a topic for an item.
 * Ids are short and stable: destinations subscribe by id.
 */
import type { Topic } from "../../core/types.js";

function topic(id: string, name: string, description: string, keywords: string[], exclude: string[] = []): Topic {
  return { id, name, description, keywords, exclude, communityId: null };
}

export const BUILTIN_TOPICS: Topic[] = [
  topic("openai", "OpenAI", "OpenAI, ChatGPT, GPT models, Sora and Sam Altman.", [
    "OpenAI", "ChatGPT", "GPT-4", "GPT-4o", "GPT-5", "GPT-4.5", "o1", "o3", "o4-mini", "Sam Altman", "Sora", "DALL-E",
    "Codex", "SearchGPT", "GPT Store",
  ]),
  topic("anthropic", "Anthropic", "Anthropic and its Claude models.", [
    "Anthropic", "Claude", "Claude Code", "Dario Amodei", "Daniela Amodei", "Constitutional AI",
  ], ["Claude Monet", "Claude Debussy", "Jean-Claude"]),
  topic("google", "Google & DeepMind", "Google, Google DeepMind, Gemini and related models.", [
    "Google", "DeepMind", "Gemini", "Gemma", "Bard", "Demis Hassabis", "Sundar Pichai", "Veo", "Imagen",
    "NotebookLM", "AlphaFold", "Alphabet",
  ]),
  topic("meta", "Meta", "Meta's AI work: Llama models, Meta AI and FAIR.", [
    "Meta", "Meta AI", "Llama", "Llama 3", "Llama 4", "Zuckerberg", "FAIR", "Yann LeCun",
  ], ["meta-analysis", "meta analysis", "meta description", "meta tag", "meta tags"]),
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
  ], ["travel agent", "real estate agent", "FBI agent", "secret agent", "free agent", "estate agent"]),
  topic("research", "Research papers", "New papers, benchmarks and results from labs and universities.", [
    "paper", "arXiv", "preprint", "benchmark", "researchers", "study", "NeurIPS", "ICML", "ICLR", "CVPR",
    "state of the art", "state-of-the-art", "dataset", "peer review",
  ]),
  topic("chips", "Chips & compute", "GPUs, AI chips, data centres and the compute race.", [
    "Nvidia", "GPU", "H100", "H200", "B200", "Blackwell", "TPU", "AMD", "Intel", "TSMC", "chip", "semiconductor",
    "data center", "data centre", "datacenter", "compute", "supercomputer", "Cerebras", "Groq", "export controls",
  ], ["chocolate chip", "poker chip"]),
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
