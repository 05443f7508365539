/**
 * Poll feeds: fetch the due ones under the global and per-host limits, store new and edited items,
 * record health, and return one result per feed. One bad feed never aborts the run.
 */
import { describeError } from "../../core/errors.js";
import type { Logger } from "../../core/logger.js";
import type { FeedPatch, Store } from "../../core/ports.js";
import type { Feed, Item } from "../../core/types.js";
import type { FeedFetcher } from "./feed-fetcher.js";
import { DEFAULT_HEALTH_POLICY, healthAfterFailure, healthAfterSuccess, nextPollAfterSuccess } from "./feed-schedule.js";
import type { HealthPolicy } from "./feed-schedule.js";
import { describeFeedError, HttpStatusError, NOT_MODIFIED_WITHOUT_VALIDATORS } from "./ingest-errors.js";
import { readFeed } from "./read-feed.js";
import { runWithLimits } from "./run-with-limits.js";

/** "deferred": the round ran out of time before this feed finished; it is polled first next round. */
export type FeedPollOutcome = "updated" | "not-modified" | "failed" | "disabled" | "deferred";

export interface FeedPollResult {
  feedId: string;
  url: string;
  outcome: FeedPollOutcome;
  newItems: Item[];
  updatedItems: number;
  /** `code` is the machine kind (timeout, dns, http, not-a-feed …); `message` is for moderators. */
  error?: { code: string; message: string };
  /** Set once when the feed has failed long enough that it will soon be disabled. */
  warn?: boolean;
  /** Entries of the document not kept (no title/link, duplicates, beyond the item limit). */
  skipped?: number;
  /** Read, but with a problem worth a moderator's attention (also stored as the feed's lastError). */
  warning?: string;
}

export interface PollFeedsDeps {
  store: Store;
  fetcher: FeedFetcher;
  logger: Logger;
}

export interface PollFeedsOptions {
  now: Date;
  /** Poll at most this many feeds. */
  limit?: number;
  /** Only these feeds. */
  feedIds?: string[];
  /** Poll even when not due (disabled feeds in `feedIds` too). */
  force?: boolean;
  /** Normal poll interval (Config.feedPollIntervalMs); default 30 min. */
  intervalMs?: number;
  /** Items kept per fetch (Config.feedMaxItems); default 200. */
  maxItems?: number;
  policy?: Partial<Omit<HealthPolicy, "intervalMs">>;
  /**
   * Time box of the whole round (default 90 s): when it runs out, no further feed starts and fetches
   * still running are abandoned. Those feeds keep their (overdue) next-poll time, so they come first
   * next round, and nothing counts against their health. One slow host cannot stall the round, and
   * what finished goes on to clustering.
   */
  roundBudgetMs?: number;
}

export const DEFAULT_ROUND_BUDGET_MS = 90_000;

function hostKey(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}

async function selectFeeds(store: Store, opts: PollFeedsOptions): Promise<{ feeds: Feed[]; missing: string[] }> {
  if (opts.feedIds) {
    const found = await Promise.all(opts.feedIds.map((id) => store.feeds.get(id)));
    const feeds: Feed[] = [];
    const missing: string[] = [];
    found.forEach((f, i) => {
      if (!f) missing.push(opts.feedIds![i]!);
      else if (opts.force || (f.health.disabledAt === null && (f.health.nextPollAt === null || f.health.nextPollAt <= opts.now))) feeds.push(f);
    });
    return { feeds: opts.limit === undefined ? feeds : feeds.slice(0, opts.limit), missing };
  }
  const feeds = opts.force ? await store.feeds.list() : await store.feeds.listDue(opts.now, opts.limit);
  return { feeds: opts.force && opts.limit !== undefined ? feeds.slice(0, opts.limit) : feeds, missing: [] };
}

/** Move the feed to its permanent new URL; a clash with another feed in the scope keeps the old one. */
async function withPermanentUrl(deps: PollFeedsDeps, feed: Feed, permanentUrl: string | null, patch: FeedPatch): Promise<string> {
  if (!permanentUrl || permanentUrl === feed.url) return feed.url;
  const clash = await deps.store.feeds.findByUrl(permanentUrl, feed.scope);
  if (clash && clash.id !== feed.id) {
    deps.logger.warn({ feedId: feed.id, from: feed.url, to: permanentUrl }, "feed moved permanently to a URL another feed already uses");
    return feed.url;
  }
  patch.url = permanentUrl;
  return permanentUrl;
}

function deferred(feed: Feed): FeedPollResult {
  return { feedId: feed.id, url: feed.url, outcome: "deferred", newItems: [], updatedItems: 0 };
}

async function pollOne(deps: PollFeedsDeps, feed: Feed, opts: PollFeedsOptions, policy: HealthPolicy, round: AbortSignal): Promise<FeedPollResult> {
  const { store, fetcher, logger } = deps;
  const now = opts.now;
  const log = logger.child({ feedId: feed.id, url: feed.url });
  try {
    const res = await fetcher.fetch(feed.url, { etag: feed.etag, lastModified: feed.lastModified, signal: round });
    const patch: FeedPatch = {};
    const url = await withPermanentUrl(deps, feed, res.permanentUrl, patch);
    if (res.status === "not-modified") {
      // A 304 to a request that sent no validators is the server's bug; nothing new is read.
      const warning = feed.etag || feed.lastModified ? null : NOT_MODIFIED_WITHOUT_VALIDATORS;
      patch.health = healthAfterSuccess(now, nextPollAfterSuccess(feed, now, policy), warning);
      await store.feeds.update(feed.id, patch);
      return { feedId: feed.id, url, outcome: "not-modified", newItems: [], updatedItems: 0, ...(warning ? { warning } : {}) };
    }
    const read = await readFeed(res.body, { feedId: feed.id, url: res.url, contentType: res.contentType, now, maxItems: opts.maxItems });
    const stored = await store.items.upsertMany(read.items, now);
    const ttlMinutes = read.feed.ttlMinutes;
    patch.etag = res.etag;
    patch.lastModified = res.lastModified;
    if (ttlMinutes !== feed.ttlMinutes) patch.ttlMinutes = ttlMinutes;
    // A title stored untreated by an older version is replaced by its clean form; a renamed one stays.
    if (read.title && (!feed.title || (feed.title === read.feed.title?.trim().slice(0, 300) && feed.title !== read.title))) patch.title = read.title;
    if (!feed.siteUrl && read.feed.siteUrl) {
      try {
        patch.siteUrl = new URL(read.feed.siteUrl, res.url).href;
      } catch {
        // An unusable site link is not worth failing the poll.
      }
    }
    const warning = read.warnings.length > 0 ? read.warnings.join("; ") : null;
    patch.health = healthAfterSuccess(now, nextPollAfterSuccess({ id: feed.id, ttlMinutes }, now, policy), warning);
    await store.feeds.update(feed.id, patch);
    log.debug({ inserted: stored.inserted.length, updated: stored.updated.length, skipped: read.skipped }, "feed polled");
    if (warning) log.info({ skipped: read.skipped }, `feed read with a warning: ${warning}`);
    return {
      feedId: feed.id,
      url,
      outcome: "updated",
      newItems: stored.inserted,
      updatedItems: stored.updated.length,
      skipped: read.skipped,
      ...(warning ? { warning } : {}),
    };
  } catch (err) {
    if (round.aborted) {
      log.info("poll round out of time; the feed goes first next round");
      return deferred(feed);
    }
    const error = describeFeedError(err);
    const retryAfterMs = err instanceof HttpStatusError ? err.retryAfterMs : null;
    const failure = healthAfterFailure(feed.health, { ...error, retryAfterMs }, now, policy);
    try {
      await store.feeds.update(feed.id, { health: failure.health });
    } catch (storeErr) {
      log.error({ err: describeError(storeErr) }, "could not record feed failure");
    }
    log.info({ code: error.code, failures: failure.health.consecutiveFailures }, `feed failed: ${error.message}`);
    return {
      feedId: feed.id,
      url: feed.url,
      outcome: failure.disabled ? "disabled" : "failed",
      newItems: [],
      updatedItems: 0,
      error,
      ...(failure.warn ? { warn: true } : {}),
    };
  }
}

export async function pollFeeds(deps: PollFeedsDeps, opts: PollFeedsOptions): Promise<FeedPollResult[]> {
  const policy: HealthPolicy = { ...DEFAULT_HEALTH_POLICY, ...opts.policy, intervalMs: opts.intervalMs ?? DEFAULT_HEALTH_POLICY.intervalMs };
  const { feeds, missing } = await selectFeeds(deps.store, opts);
  const round = new AbortController();
  const timer = setTimeout(() => round.abort(), opts.roundBudgetMs ?? DEFAULT_ROUND_BUDGET_MS);
  let results: FeedPollResult[];
  try {
    results = await runWithLimits(
      feeds,
      (f) => hostKey(f.url),
      { concurrency: deps.fetcher.limits.concurrency, perKey: deps.fetcher.limits.perHost },
      (f) => pollOne(deps, f, opts, policy, round.signal),
      { signal: round.signal, notStarted: deferred },
    );
  } finally {
    clearTimeout(timer);
  }
  const late = results.filter((r) => r.outcome === "deferred").length;
  if (late > 0) deps.logger.warn({ deferred: late, polled: results.length - late }, "poll round out of time; the remaining feeds go first next round");
  for (const id of missing) {
    results.push({ feedId: id, url: "", outcome: "failed", newItems: [], updatedItems: 0, error: { code: "not-found", message: `No feed with id ${id}` } });
  }
  return results;
}

