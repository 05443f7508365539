/** `newsdesk digest preview [--topics a,b] [--format text|json|markdown] [--max n] [--color]`. */
import { renderDigestMarkdown, renderDigestText } from "../bots/console/render-digest.js";
import { previewDigest } from "../digest/build-digest.js";
import type { CliContext } from "./context.js";

const USAGE = "usage: newsdesk digest preview [--topics a,b] [--format text|json|markdown] [--max n] [--color]";

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

export async function digestCommand(args: string[], ctx: CliContext): Promise<number> {
  if (args[0] !== "preview") {
    ctx.err(USAGE);
    return 2;
  }
  const format = flag(args, "format") ?? "text";
  if (!["text", "json", "markdown"].includes(format)) {
    ctx.err(`unknown format '${format}'. ${USAGE}`);
    return 2;
  }
  const topics = (flag(args, "topics") ?? "")
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
  const known = new Set((await ctx.store.topics.list(null)).map((t) => t.id));
  const unknown = known.size ? topics.filter((t) => !known.has(t)) : [];
  if (unknown.length) {
    ctx.err(`unknown topic(s): ${unknown.join(", ")}. See 'newsdesk topics'.`);
    return 2;
  }
  const max = Number(flag(args, "max") ?? ctx.config.digestMaxStories);
  const doc = await previewDigest(
    ctx.store,
    { topics, maxStories: Number.isFinite(max) && max > 0 ? max : 10 },
    ctx.now(),
  );
  if (format === "json") ctx.out(JSON.stringify(doc, null, 2));
  else if (format === "markdown") ctx.out(renderDigestMarkdown(doc));
  else ctx.out(renderDigestText(doc, { color: args.includes("--color") }));
  return 0;
}
