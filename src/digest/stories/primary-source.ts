/**
 * The primary source of a story: the lab's or company's own post, the paper, the model release, the
 * government document, as opposed to reports about it. An editor puts it first because it is what the
 * reports are about. Recognised by the link alone, with no list of companies:
 *
 * - a paper or release host (arXiv and the like, Hugging Face, GitHub), or a government site (.gov,
 *   .gov.uk, europa.eu …);
 * - or a host named after the story's subject: a label of the host ("openai" in openai.com, "deepmind"
 *   in deepmind.google, "senate" in senate.gov) is a word of the story's headlines, so the organisation
 *   the story is about published it. News outlets are rarely named in the headlines of their own reports.
 */
import { isPaperUrl } from "./topic-matcher.js";
import { tokenize } from "./text-tokens.js";

const RELEASE_LABELS = new Set(["huggingface", "github", "arxiv", "openreview", "paperswithcode"]);
/** Host labels that say nothing about who published (subdomains, country and generic parts). */
const GENERIC_LABELS = new Set([
  "www", "blog", "blogs", "news", "newsroom", "about", "press", "developers", "developer", "docs", "research", "ai",
  "en", "com", "org", "net", "co", "io", "uk", "eu", "de", "fr", "example", "app", "dev", "site", "home", "static",
]);

function hostOf(url: string): string | null {
  try {
    const host = new URL(url).hostname.toLowerCase();
    return host.replace(/^www\./, "") || null;
  } catch {
    return null;
  }
}

function isGovernment(host: string): boolean {
  return /(?:^|\.)(?:gov|mil)(?:\.[a-z]{2})?$/.test(host) || /(?:^|\.)(?:europa\.eu|parliament\.uk|gouv\.fr|bund\.de)$/.test(host);
}

/** Label words of a host that could name its publisher. */
function brandLabels(host: string): string[] {
  const labels = host.split(".");
  // The last label is the top-level domain, except for brand TLDs ("blog.google"): keep it then.
  const body = labels.length > 1 && labels[labels.length - 1]!.length <= 3 ? labels.slice(0, -1) : labels;
  return body.filter((l) => l.length >= 3 && !GENERIC_LABELS.has(l));
}

/**
 * The host of the first item (in the order given) that is a primary source for a story with these
 * headlines, with the item's index; null when none is.
 */
export function findPrimarySource(urls: readonly string[], headlines: readonly string[]): { index: number; host: string } | null {
  const words = new Set<string>();
  for (const h of headlines) {
    const toks = tokenize(h);
    toks.forEach((t, i) => {
      words.add(t);
      // "Hugging Face" → "huggingface", "Deep Mind" → "deepmind".
      const next = toks[i + 1];
      if (next) words.add(t + next);
    });
  }
  for (let i = 0; i < urls.length; i++) {
    const url = urls[i] ?? "";
    const host = hostOf(url);
    if (!host) continue;
    const labels = brandLabels(host);
    const release = labels.some((l) => RELEASE_LABELS.has(l)) || isPaperUrl(url);
    if (release || isGovernment(host) || labels.some((l) => words.has(l))) return { index: i, host };
  }
  return null;
}
