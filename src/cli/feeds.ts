/**
 * `newsdesk feeds add|list|remove|rename|test|poll`: the operator's feed commands. The operator may add
 * local files and (with ALLOW_PRIVATE_FEED_HOSTS) private hosts; chat commands never can.
 */
import type { Config } from "../config.js";
import { ConflictError, describeError } from "../core/errors.js";
import type { Feed } from "../core/types.js";
import { stripControls } from "../digest/ingest/clean-text.js";
import { createFeedFetcher } from "../digest/ingest/feed-fetcher.js";
import type { FeedFetcher } from "../digest/ingest/feed-fetcher.js";
import { pollFeeds } from "../digest/ingest/poll-feeds.js";
import type { FeedPollResult } from "../digest/ingest/poll-feeds.js";
import { testFeed } from "../digest/ingest/test-feed.js";
import type { FeedTestResult } from "../digest/ingest/test-feed.js";
import { clusterNewItems } from "../digest/stories/build-stories.js";
import type { CliContext } from "./context.js";
import { plural } from "../core/commands/plural.js";
import { FeedUrlError, toFeedUrl } from "./to-feed-url.js";

export interface FeedsCommandDeps {
  /** Defaults to an operator fetcher built from the config. */
  fetcher?: FeedFetcher;
  /** Stops `feeds poll` without --once. */
  signal?: AbortSignal;
  /** Pause between polling rounds; default 60 s. */
  roundMs?: number;
}

const USAGE = `usage: newsdesk feeds <command>
  add <url|path> [--force]   subscribe the instance (tests the feed first; --force adds a failing one)
  list [--all]               feeds with their health (--all: include disabled)
  remove <id|url>            remove a feed and its items
  rename <id|url> <name>     the outlet name digests show for it (at most 40 characters)
  test <url|path>            fetch and parse, print the first items and any problem; stores nothing
  poll [--once]              poll due feeds and group new items into stories (once, or every minute)
  --verbose                  with add/test: also print the error kind`;

const PRIVATE_HINT = "set ALLOW_PRIVATE_FEED_HOSTS=true to allow feeds on private addresses";
/** Refused by the private-address guard (files are "blocked" only for chat fetchers, never here). */
function onPrivateAddress(r: FeedTestResult): boolean {
  return r.error?.code === "blocked" && /^https?:/i.test(r.url);
}

const FORMAT_NAMES: Record<string, string> = { rss: "RSS", atom: "Atom", rdf: "RSS 1.0 (RDF)", json: "JSON Feed" };

/** The fetcher for operator commands: files allowed, private hosts as configured. */
export function createOperatorFetcher(config: Readonly<Config>): FeedFetcher {
  return createFeedFetcher({
    timeoutMs: config.feedTimeoutMs,
    maxBytes: config.feedMaxBytes,
    concurrency: config.feedConcurrency,
    allowPrivateHosts: config.allowPrivateFeedHosts,
    userAgent: config.userAgent,
    allowFile: true,
  });
}

/** Exit status after Ctrl-C (128 + SIGINT), as shells expect. */
const INTERRUPTED = 130;

/** The first Ctrl-C stops `test` and `add` where they are: nothing printed as a result, nothing stored. */
function interrupted(ctx: CliContext): boolean {
  if (!ctx.signal?.aborted) return false;
  ctx.err("interrupted");
  return true;
}

function when(d: Date | null): string {
  return d ? d.toISOString().replace(/\.\d{3}Z$/, "Z") : "never";
}

export function healthLabel(f: Feed): string {
  const h = f.health;
  if (h.disabledAt) return `disabled ${when(h.disabledAt)}: ${h.disabledReason ?? h.lastError ?? "unknown reason"}`;
  if (h.consecutiveFailures > 0) return `failing ×${h.consecutiveFailures} since ${when(h.failingSince)} (${h.lastError ?? "unknown error"})`;
  if (!h.lastSuccessAt) return "not polled yet";
  const warning = h.lastErrorKind === "warning" && h.lastError ? ` (warning: ${h.lastError})` : "";
  return `ok, last success ${when(h.lastSuccessAt)}${warning}`;
}

function printTest(r: FeedTestResult, ctx: CliContext, verbose: boolean): void {
  if (r.followedAlternate) ctx.out(`The page links to a feed: ${r.url}`);
  if (!r.ok) {
    // The error kind is for logs and --verbose; the operator reads the sentence.
    ctx.logger.info({ url: r.url, code: r.error?.code }, "feed test failed");
    ctx.err(`✗ ${r.url}: ${r.error?.message ?? "failed"}`);
    if (verbose) ctx.err(`  (error kind: ${r.error?.code ?? "unknown"})`);
    return;
  }
  const format = r.format ? `${FORMAT_NAMES[r.format] ?? r.format} feed` : "feed";
  ctx.out(`✓ ${r.title ?? "(untitled)"} — ${format}, ${plural(r.itemCount, "item")}`);
  ctx.out(`  ${r.url}`);
  for (const i of r.items) ctx.out(`  ${when(i.publishedAt)}${i.dateIsFallback ? "*" : " "} ${i.title}\n      ${i.url}`);
  for (const p of r.problems) ctx.out(`  ! ${p}`);
}

function summarise(results: FeedPollResult[], ctx: CliContext): void {
  let fresh = 0;
  for (const r of results) {
    fresh += r.newItems.length;
    const warning = r.warning ? ` (warning: ${r.warning})` : "";
    if (r.outcome === "updated") ctx.out(`  ${r.feedId} updated: ${plural(r.newItems.length, "new item")}, ${r.updatedItems} edited${warning} — ${r.url}`);
    else if (r.outcome === "not-modified") ctx.out(`  ${r.feedId} not modified${warning} — ${r.url}`);
    else if (r.outcome === "deferred") ctx.out(`  ${r.feedId} deferred: the round ran out of time; polled first next round — ${r.url}`);
    else ctx.out(`  ${r.feedId} ${r.outcome}: ${r.error?.message ?? ""}${r.warn ? " (will be disabled within a day if this continues)" : ""} — ${r.url}`);
  }
  const failed = results.filter((r) => r.outcome === "failed" || r.outcome === "disabled").length;
  ctx.out(`polled ${plural(results.length, "feed")}: ${plural(fresh, "new item")}, ${failed} failed`);
}

/** After a round that polled nothing: no feeds at all, all disabled, or none due yet (and when one is). */
async function whyNothingPolled(ctx: CliContext): Promise<string> {
  const feeds = await ctx.store.feeds.list({ includeDisabled: true });
  if (feeds.length === 0) return "  no feeds yet: add one with 'newsdesk feeds add <url>' or 'newsdesk opml import <file>'";
  const active = feeds.filter((f) => !f.health.disabledAt);
  if (active.length === 0) return `  no feed is active: ${feeds.length === 1 ? "the only feed is" : `all ${feeds.length} feeds are`} disabled (see 'newsdesk feeds list --all')`;
  const next = Math.min(...active.map((f) => f.health.nextPollAt?.getTime() ?? 0));
  const minutes = Math.round(ctx.config.feedPollIntervalMs / 60_000);
  return `  no feed was due (${plural(active.length, "active feed")}): each is polled about every ${plural(minutes, "minute")} (FEED_POLL_INTERVAL); the next is due at ${when(new Date(next))}`;
}

/** Groups the new items into stories as the live pipeline does after polling; false when that failed. */
async function clusterStories(ctx: CliContext): Promise<boolean> {
  try {
    const run = await clusterNewItems({ store: ctx.store, logger: ctx.logger }, { now: ctx.now(), options: { windowHours: ctx.config.clusterWindowHours } });
    const count = (status: string) => run.stories.filter((s) => s.status === status).length;
    const failed = count("failed");
    if (run.items === 0) ctx.out("stories: nothing new to group");
    else ctx.out(`stories: ${plural(run.items, "item")} grouped — ${count("created")} created, ${count("updated")} updated${failed ? `, ${failed} failed` : ""}`);
    return failed === 0;
  } catch (err) {
    ctx.logger.error({ err }, "story clustering failed");
    ctx.err(`stories: grouping failed: ${describeError(err)}`);
    return false;
  }
}

async function findFeed(ctx: CliContext, idOrUrl: string): Promise<Feed | null> {
  const found = (await ctx.store.feeds.get(idOrUrl)) ?? (await ctx.store.feeds.findByUrl(idOrUrl, { kind: "global" }));
  if (found) return found;
  let url: string;
  try {
    url = toFeedUrl(idOrUrl);
  } catch {
    return null; // neither an id nor anything a feed URL could be
  }
  return ctx.store.feeds.findByUrl(url, { kind: "global" });
}

async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  await new Promise<void>((ok) => {
    const t = setTimeout(ok, ms);
    signal?.addEventListener("abort", () => (clearTimeout(t), ok()), { once: true });
  });
}

export async function feedsCommand(args: string[], ctx: CliContext, deps: FeedsCommandDeps = {}): Promise<number> {
  const [sub, ...rest] = args;
  const flags = new Set(rest.filter((a) => a.startsWith("--")));
  const [target] = rest.filter((a) => !a.startsWith("--"));
  const ownFetcher = !deps.fetcher;
  const fetcher = () => (deps.fetcher ??= createOperatorFetcher(ctx.config));
  try {
    switch (sub) {
      case "add": {
        if (!target) break;
        // Already subscribed under this URL: say so without fetching it again.
        const known = await ctx.store.feeds.findByUrl(toFeedUrl(target), { kind: "global" });
        if (known) {
          ctx.err(`already subscribed: ${known.url} (${known.id}); nothing fetched`);
          return 1;
        }
        const result = await testFeed(toFeedUrl(target), fetcher(), { now: ctx.now(), maxItems: ctx.config.feedMaxItems, signal: ctx.signal });
        if (interrupted(ctx)) return INTERRUPTED;
        printTest(result, ctx, flags.has("--verbose"));
        // --force cannot help here: the poller uses the same guard, so such a feed would never be fetched.
        if (onPrivateAddress(result)) {
          ctx.err(`Not added: ${PRIVATE_HINT}.`);
          return 1;
        }
        if (!result.ok && !flags.has("--force")) {
          ctx.err("Not added. Use --force to add it anyway.");
          return 1;
        }
        try {
          const feed = await ctx.store.feeds.add({ url: result.url, scope: { kind: "global" }, title: result.title }, ctx.now());
          ctx.out(`added ${feed.id} ${feed.url}`);
          return 0;
        } catch (err) {
          if (err instanceof ConflictError) {
            ctx.err(`already subscribed: ${result.url}`);
            return 1;
          }
          throw err;
        }
      }
      case "list": {
        const feeds = await ctx.store.feeds.list({ includeDisabled: true });
        const shown = flags.has("--all") ? feeds : feeds.filter((f) => !f.health.disabledAt);
        if (shown.length === 0) ctx.out("no feeds");
        for (const f of shown) {
          const scope = f.scope.kind === "global" ? "global" : f.scope.communityId;
          // Titles stored by older versions may still carry terminal controls: never print them raw.
          ctx.out(`${f.id}  ${f.title ? stripControls(f.title) : "(untitled)"}  [${scope}]\n    ${f.url}\n    ${stripControls(healthLabel(f))}`);
        }
        const hidden = feeds.length - shown.length;
        if (hidden > 0) ctx.out(`(${plural(hidden, "disabled feed")} hidden; use --all)`);
        return 0;
      }
      case "remove": {
        if (!target) break;
        const feed = await findFeed(ctx, target);
        if (!feed || !(await ctx.store.feeds.remove(feed.id))) {
          ctx.err(`no such feed: ${target}`);
          return 1;
        }
        ctx.out(`removed ${feed.id} ${feed.url}`);
        return 0;
      }
      case "rename": {
        const words = rest.filter((a) => !a.startsWith("--"));
        // Control characters and bidi overrides never become part of a name.
        // eslint-disable-next-line no-control-regex
        const name = words.slice(1).join(" ").replace(/[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, " ").replace(/\s+/g, " ").trim();
        if (!target || !name) break;
        if (name.length > 40) {
          ctx.err("name too long (at most 40 characters)");
          return 2;
        }
        const feed = await findFeed(ctx, target);
        if (!feed) {
          ctx.err(`no such feed: ${target}`);
          return 1;
        }
        await ctx.store.feeds.update(feed.id, { title: name });
        ctx.out(`renamed ${feed.id} to ${name}`);
        return 0;
      }
      case "test": {
        if (!target) break;
        const result = await testFeed(toFeedUrl(target), fetcher(), { now: ctx.now(), maxItems: ctx.config.feedMaxItems, signal: ctx.signal });
        if (interrupted(ctx)) return INTERRUPTED;
        printTest(result, ctx, flags.has("--verbose"));
        if (onPrivateAddress(result)) ctx.err(`  To use it, ${PRIVATE_HINT}.`);
        return result.ok ? 0 : 1;
      }
      case "poll": {
        const options = { intervalMs: ctx.config.feedPollIntervalMs, maxItems: ctx.config.feedMaxItems };
        for (;;) {
          const results = await pollFeeds({ store: ctx.store, fetcher: fetcher(), logger: ctx.logger }, { now: ctx.now(), ...options });
          summarise(results, ctx);
          if (results.length === 0) ctx.out(await whyNothingPolled(ctx));
          const clustered = await clusterStories(ctx);
          const signal = deps.signal ?? ctx.signal;
          if (flags.has("--once")) return clustered ? 0 : 1;
          if (signal?.aborted) return 0;
          await sleep(deps.roundMs ?? 60_000, signal);
          if (signal?.aborted) return 0;
        }
      }
      default:
        break;
    }
    ctx.err(USAGE);
    return 2;
  } catch (err) {
    if (err instanceof FeedUrlError) {
      ctx.err(`feeds ${sub ?? ""}: ${err.userMessage}`);
      return 2;
    }
    ctx.err(`feeds ${sub ?? ""}: ${describeError(err)}`);
    return 1;
  } finally {
    if (ownFetcher) deps.fetcher?.close();
  }
}
