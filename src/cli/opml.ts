/** `newsdesk opml import <file>` (with progress) and `newsdesk opml export [file] [--all]`. */
import { readFile, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { ConflictError, describeError } from "../core/errors.js";
import { privateAddressOf, systemResolver } from "../digest/ingest/address-guard.js";
import type { Resolver } from "../digest/ingest/address-guard.js";
import { parseOpml, renderOpml } from "../digest/ingest/opml-file.js";
import { runWithLimits } from "../digest/ingest/run-with-limits.js";
import type { CliContext } from "./context.js";
import { plural } from "../core/commands/plural.js";
import { toFeedUrl } from "./to-feed-url.js";

export interface OpmlCommandDeps {
  /** Where the progress bar goes; default stderr when it is a terminal, else nowhere. */
  progress?: (done: number, total: number) => void;
  /** DNS for the private-address check; default the system's. */
  resolver?: Resolver;
}

const PRIVATE_REFUSAL = "refused: the address is on a private or local network (set ALLOW_PRIVATE_FEED_HOSTS=true to allow it)";

/**
 * The private-address policy of `feeds add`, applied before importing: one check per host (a few
 * at a time), so an OPML file cannot subscribe the instance to its own network. Returns the hosts refused.
 */
async function privateHosts(urls: string[], resolver: Resolver): Promise<Set<string>> {
  const hosts = new Map<string, URL>();
  for (const raw of urls) {
    try {
      const u = new URL(raw);
      hosts.set(u.host.toLowerCase(), u);
    } catch {
      // Not a URL: the import reports it as failed.
    }
  }
  const list = [...hosts.values()];
  const verdicts = await runWithLimits(list, (u) => u.host, { concurrency: 8, perKey: 1 }, (u) => privateAddressOf(u, resolver));
  return new Set(list.filter((_, i) => verdicts[i] !== null).map((u) => u.host.toLowerCase()));
}

/** A one-line progress bar redrawn in place on a terminal. */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): ((done: number, total: number) => void) | undefined {
  if (!stream.isTTY) return undefined;
  return (done, total) => {
    const width = 30;
    const filled = total === 0 ? width : Math.round((done / total) * width);
    stream.write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total}${done === total ? "\n" : ""}`);
  };
}

const USAGE = `usage: newsdesk opml import <file>          add every feed in an OPML file (global scope)
       newsdesk opml export [file] [--all]   write the global feeds as OPML to the file, or print them
                                             (--all: every scope, disabled feeds too)`;

export async function opmlCommand(args: string[], ctx: CliContext, deps: OpmlCommandDeps = {}): Promise<number> {
  const [sub, ...rest] = args;
  const [target] = rest.filter((a) => !a.startsWith("--"));
  try {
    if (sub === "import" && target) {
      const feeds = parseOpml(await readFile(target, "utf8"));
      const progress = deps.progress ?? terminalProgress();
      const urls = feeds.map((f) => {
        try {
          return toFeedUrl(f.url);
        } catch {
          return f.url;
        }
      });
      const refused = ctx.config.allowPrivateFeedHosts ? new Set<string>() : await privateHosts(urls, deps.resolver ?? systemResolver);
      let added = 0;
      let existing = 0;
      const failed: string[] = [];
      for (const [i, f] of feeds.entries()) {
        try {
          const url = toFeedUrl(f.url);
          if (/^https?:/i.test(url) && refused.has(new URL(url).host.toLowerCase())) {
            failed.push(`${f.url}: ${PRIVATE_REFUSAL}`);
            progress?.(i + 1, feeds.length);
            continue;
          }
          const scope = { kind: "global" } as const;
          if (await ctx.store.feeds.findByUrl(url, scope)) existing++;
          else {
            await ctx.store.feeds.add({ url, scope, title: f.title }, ctx.now());
            added++;
          }
        } catch (err) {
          if (err instanceof ConflictError) existing++;
          else failed.push(`${f.url}: ${describeError(err)}`);
        }
        progress?.(i + 1, feeds.length);
      }
      ctx.out(`imported ${plural(feeds.length, "feed")}: ${added} added, ${existing} already present, ${failed.length} failed`);
      for (const f of failed) ctx.err(`  ${f}`);
      return failed.length > 0 ? 1 : 0;
    }
    if (sub === "export") {
      const all = rest.includes("--all");
      const feeds = await ctx.store.feeds.list(all ? { includeDisabled: true } : { scope: { kind: "global" } });
      const entries = feeds.map((f) => ({ url: f.url, title: f.title, category: f.scope.kind === "global" ? null : f.scope.communityId }));
      const doc = renderOpml(entries, { title: "newsdesk feeds", now: ctx.now() });
      if (!target) {
        ctx.out(doc.trimEnd());
        return 0;
      }
      const path = resolve(target);
      await writeFile(path, doc.endsWith("\n") ? doc : `${doc}\n`);
      ctx.out(`wrote ${plural(entries.length, "feed")} to ${path}`);
      return 0;
    }
    ctx.err(USAGE);
    return 2;
  } catch (err) {
    ctx.err(`opml ${sub ?? ""}: ${describeError(err)}`);
    return 1;
  }
}
