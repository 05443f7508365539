/** `newsdesk topics`: the topic catalogue (built-in, plus a community's own with --community). */
import { BUILTIN_TOPICS } from "../digest/stories/topic-catalog.js";
import type { CliContext } from "./context.js";

export async function topicsCommand(args: string[], ctx: CliContext): Promise<number> {
  const at = args.indexOf("--community");
  const community = at >= 0 ? args[at + 1] : undefined;
  const stored = await ctx.store.topics.list(community ?? null);
  const topics = stored.length ? stored : BUILTIN_TOPICS;
  const width = Math.max(...topics.map((t) => t.id.length));
  for (const t of topics) {
    const scope = t.communityId ? ` (community ${t.communityId})` : "";
    ctx.out(`${t.id.padEnd(width)}  ${t.name}${scope} — ${t.description}`);
    if (args.includes("--keywords")) {
      ctx.out(`${"".padEnd(width)}  keywords: ${t.keywords.join(", ")}`);
      if (t.exclude.length) ctx.out(`${"".padEnd(width)}  exclude: ${t.exclude.join(", ")}`);
    }
  }
  return 0;
}
