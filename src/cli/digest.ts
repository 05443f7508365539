/** `newsdesk digest preview [--topics a,b] [--format text|json|markdown] [--max n] [--color]`. */
import { renderDigestMarkdown, renderDigestText } from "../bots/console/render-digest.js";
import { closestTopic, findTopic } from "../core/commands/resolve-topic.js";
import { quote } from "../core/commands/fail.js";
import type { Topic } from "../core/types.js";
import { previewDigest } from "../digest/build-digest.js";
import { DEFAULT_LOOKBACK_HOURS } from "../digest/select-stories.js";
import { BUILTIN_TOPICS } from "../digest/stories/topic-catalog.js";
import { explainEmptyPreview } from "./empty-preview.js";
import type { CliContext } from "./context.js";

const USAGE = `usage: newsdesk digest preview [--topics a,b] [--format text|json|markdown] [--max n] [--color]
  --topics a,b   only stories on these topics (ids or names, see 'newsdesk topics')
  --format f     text (default), json or markdown
  --max n        most stories shown, 1 to 50 (default DIGEST_MAX_STORIES)
  --color        colour the text format for a terminal`;

const MAX_STORIES = 50;

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** The chat commands' wording, with the CLI's way to list topics when there is no close guess. */
function unknownTopic(topics: readonly Topic[], input: string): string {
  const guess = closestTopic(topics, input);
  return guess ? `unknown topic '${quote(input)}' — did you mean '${guess.id}'?` : `unknown topic '${quote(input)}' — see 'newsdesk topics' for the list`;
}

/** A whole number from 1 to 50, or undefined when the text is anything else. */
export function parseMax(raw: string): number | undefined {
  if (!/^\d+$/.test(raw.trim())) return undefined;
  const n = Number(raw);
  return n >= 1 && n <= MAX_STORIES ? n : undefined;
}

export async function digestCommand(args: string[], ctx: CliContext): Promise<number> {
  if (args[0] !== "preview") {
    ctx.err(USAGE);
    return 2;
  }
  const format = flag(args, "format") ?? "text";
  if (!["text", "json", "markdown"].includes(format)) {
    ctx.err(`unknown format '${quote(format)}'. ${USAGE}`);
    return 2;
  }
  const stored = await ctx.store.topics.list(null);
  const catalogue = stored.length ? stored : BUILTIN_TOPICS;
  const topics: string[] = [];
  for (const part of (flag(args, "topics") ?? "").split(",").map((t) => t.trim()).filter(Boolean)) {
    const topic = findTopic(catalogue, part);
    if (!topic) {
      ctx.err(unknownTopic(catalogue, part));
      return 2;
    }
    if (!topics.includes(topic.id)) topics.push(topic.id);
  }
  let max = ctx.config.digestMaxStories;
  if (args.includes("--max")) {
    const parsed = parseMax(flag(args, "max") ?? "");
    if (parsed === undefined) {
      ctx.err(`--max must be a whole number from 1 to ${MAX_STORIES}`);
      return 2;
    }
    max = parsed;
  }
  const now = ctx.now();
  // With LLM_* set, the preview shows the grounded summaries already made (it never calls the model).
  const doc = await previewDigest(ctx.store, { topics, maxStories: max, groundedSummaries: ctx.config.llm !== null }, now);
  if (format === "json") ctx.out(JSON.stringify(doc, null, 2));
  else if (format === "markdown") ctx.out(renderDigestMarkdown(doc));
  else ctx.out(renderDigestText(doc, { color: args.includes("--color") }));
  // An empty digest says why, on stderr so the document on stdout stays what a script expects.
  if (doc.stories.length === 0) {
    const since = new Date(now.getTime() - DEFAULT_LOOKBACK_HOURS * 3_600_000);
    for (const line of await explainEmptyPreview(ctx.store, { since, topics })) ctx.err(line);
  }
  return 0;
}
