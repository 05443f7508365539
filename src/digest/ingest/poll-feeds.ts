/**
 * Poll feeds: fetch the due ones under the global and per-host limits, store new and edited items,
 * record health, and return one result per feed. One bad feed never aborts the run.
 */
import { setMaxListeners } from "node:events";
import { describeError } from "../../core/errors.js";
import type { Logger } from "../../core/logger.js";
import type { FeedPatch, Store } from "../../core/ports.js";
import type { Feed, Item } from "../../core/types.js";
import type { FeedFetcher } from "./feed-fetcher.js";
import type { HostSlots } from "./host-slots.js";
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
  /** Per-host limits shared with other instances on the same database (none: this process's only). */
  hostSlots?: HostSlots;
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
  /**
   * Due feeds are claimed in batches for this long (default 5 min): another instance skips them, and
   * a feed whose poller died is due again afterwards. A feed still waiting for its turn when 90% of
   * the lease has gone is left for the next claim rather than risk a second instance fetching it too.
   */
  claimLeaseMs?: number;
  /** Checked between batches: stop claiming (shutdown). */
  stopping?: () => boolean;
}

export const DEFAULT_ROUND_BUDGET_MS = 90_000;
const DEFAULT_CLAIM_LEASE_MS = 5 * 60_000;

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

/** A claimed feed the run could not reach before its claim ran out: left for the next claim. */
const LEFT = Symbol("left for the next claim");

async function pollOne(
  deps: PollFeedsDeps,
  feed: Feed,
  opts: PollFeedsOptions,
  policy: HealthPolicy,
  claimDeadline: number | null,
  round: AbortSignal,
  clock?: () => Date,
): Promise<FeedPollResult | typeof LEFT> {
  const log = deps.logger.child({ feedId: feed.id, url: feed.url });
  let release: (() => Promise<void>) | null = null;
  if (claimDeadline !== null) {
    if (Date.now() > claimDeadline) return LEFT;
    if (deps.hostSlots) {
      release = await deps.hostSlots.take(hostKey(feed.url), claimDeadline);
      if (!release) return LEFT;
    }
  }
  try {
    // The next poll is scheduled from when this fetch really starts (after waiting for its turn), so
    // it is at least half an interval after this fetch, however long the run has been going.
    return await fetchAndStore(deps, feed, clock ? { ...opts, now: clock() } : opts, policy, log, round);
  } finally {
    if (release) await release().catch((err: unknown) => log.warn({ err: describeError(err) }, "could not release the host slot"));
  }
}

async function fetchAndStore(
  deps: PollFeedsDeps,
  feed: Feed,
  opts: PollFeedsOptions,
  policy: HealthPolicy,
  log: Logger,
  round: AbortSignal,
): Promise<FeedPollResult> {
  const { store, fetcher } = deps;
  const now = opts.now;
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
  const limits = { concurrency: deps.fetcher.limits.concurrency, perKey: deps.fetcher.limits.perHost };
  if (!opts.feedIds && !opts.force) return pollClaimed(deps, opts, policy);
  const { feeds, missing } = await selectFeeds(deps.store, opts);
  const round = new AbortController();
  setMaxListeners(10_000, round.signal); // one listener per fetch in flight: many at once are normal
  const timer = setTimeout(() => round.abort(), opts.roundBudgetMs ?? DEFAULT_ROUND_BUDGET_MS);
  let results: FeedPollResult[];
  try {
    results = (
      await runWithLimits(feeds, (f) => hostKey(f.url), limits, (f) => pollOne(deps, f, opts, policy, null, round.signal), {
        signal: round.signal,
        notStarted: deferred,
      })
    ).filter((r): r is FeedPollResult => r !== LEFT);
  } finally {
    clearTimeout(timer);
  }
  warnDeferred(deps, results);
  for (const id of missing) {
    results.push({ feedId: id, url: "", outcome: "failed", newItems: [], updatedItems: 0, error: { code: "not-found", message: `No feed with id ${id}` } });
  }
  return results;
}


/**
 * The scheduled poll: claim due feeds in batches (a few times what this instance fetches at once) and
 * poll each batch, until none is due. Several instances doing this share the feeds between them.
 */
async function pollClaimed(deps: PollFeedsDeps, opts: PollFeedsOptions, policy: HealthPolicy): Promise<FeedPollResult[]> {
  const limits = { concurrency: deps.fetcher.limits.concurrency, perKey: deps.fetcher.limits.perHost };
  const leaseMs = opts.claimLeaseMs ?? DEFAULT_CLAIM_LEASE_MS;
  const batch = limits.concurrency * 4;
  const started = Date.now();
  const results: FeedPollResult[] = [];
  // The whole round is time-boxed, claims included: a slow host cannot hold back clustering.
  const round = new AbortController();
  setMaxListeners(10_000, round.signal); // one listener per fetch in flight: many at once are normal
  const timer = setTimeout(() => round.abort(), opts.roundBudgetMs ?? DEFAULT_ROUND_BUDGET_MS);
  // Next polls are scheduled from each fetch's own time, not the tick's: a long run must not leave
  // feeds it polled early due again before it ends.
  // (Within the first second the tick's own time stands: the same instant for the whole quick run.)
  const clock = () => (Date.now() - started < 1000 ? opts.now : new Date(opts.now.getTime() + (Date.now() - started)));
  try {
    while (opts.limit === undefined || results.length < opts.limit) {
      if (opts.stopping?.() || round.signal.aborted) break;
      const want = opts.limit === undefined ? batch : Math.min(batch, opts.limit - results.length);
      // The claim's clock runs on from the tick's `now`, so a long run does not claim with a stale time.
      const claimedAt = clock();
      const feeds = await deps.store.feeds.claimDue(claimedAt, want, leaseMs);
      if (feeds.length === 0) break;
      const deadline = Date.now() + leaseMs * 0.9;
      const polled = await runWithLimits(feeds, (f) => hostKey(f.url), limits, (f) => pollOne(deps, f, opts, policy, deadline, round.signal, clock), {
        signal: round.signal,
        notStarted: deferred,
      });
      const left = polled.filter((r) => r === LEFT).length;
      if (left) deps.logger.warn({ left, leaseMs }, "feeds left for the next claim: the claim ran out before their turn");
      for (const r of polled) if (r !== LEFT) results.push(r);
      // A feed the time box cut off is due again at once (its claim moved it a lease ahead): it goes
      // first next round instead of waiting out the lease.
      for (const r of polled) {
        if (r === LEFT || r.outcome !== "deferred") continue;
        await deps.store.feeds
          .update(r.feedId, { health: { nextPollAt: claimedAt } })
          .catch((err: unknown) => deps.logger.warn({ feedId: r.feedId, err: describeError(err) }, "could not release a deferred feed"));
      }
      if (left === feeds.length) break;
    }
  } finally {
    clearTimeout(timer);
  }
  warnDeferred(deps, results);
  return results;
}

function warnDeferred(deps: PollFeedsDeps, results: readonly FeedPollResult[]): void {
  const late = results.filter((r) => r.outcome === "deferred").length;
  if (late > 0) deps.logger.warn({ deferred: late, polled: results.length - late }, "poll round out of time; the remaining feeds go first next round");
}
