/**
 * Poll feeds: fetch the due ones under the global and per-host limits, store new and edited items,
 * record health, and return one result per feed. One bad feed never aborts the run.
 */
import { describeError } from "../../core/errors.js";
import type { Logger } from "../../core/logger.js";
import type { FeedPatch, Store } from "../../core/ports.js";
import type { Feed, Item } from "../../core/types.js";
import type { FeedFetcher } from "./feed-fetcher.js";
import type { HostSlots } from "./host-slots.js";
import { DEFAULT_HEALTH_POLICY, healthAfterFailure, healthAfterSuccess, nextPollAfterSuccess } from "./feed-schedule.js";
import type { HealthPolicy } from "./feed-schedule.js";
import { describeFeedError, HttpStatusError } from "./ingest-errors.js";
import { readFeed } from "./read-feed.js";
import { runWithLimits } from "./run-with-limits.js";

export type FeedPollOutcome = "updated" | "not-modified" | "failed" | "disabled";

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
   * Due feeds are claimed in batches for this long (default 5 min): another instance skips them, and
   * a feed whose poller died is due again afterwards. A feed still waiting for its turn when 90% of
   * the lease has gone is left for the next claim rather than risk a second instance fetching it too.
   */
  claimLeaseMs?: number;
  /** Checked between batches: stop claiming (shutdown). */
  stopping?: () => boolean;
}

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

/** A claimed feed the run could not reach before its claim ran out: left for the next claim. */
const LEFT = Symbol("left for the next claim");

async function pollOne(
  deps: PollFeedsDeps,
  feed: Feed,
  opts: PollFeedsOptions,
  policy: HealthPolicy,
  claimDeadline: number | null,
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
    return await fetchAndStore(deps, feed, clock ? { ...opts, now: clock() } : opts, policy, log);
  } finally {
    if (release) await release().catch((err: unknown) => log.warn({ err: describeError(err) }, "could not release the host slot"));
  }
}

async function fetchAndStore(deps: PollFeedsDeps, feed: Feed, opts: PollFeedsOptions, policy: HealthPolicy, log: Logger): Promise<FeedPollResult> {
  const { store, fetcher } = deps;
  const now = opts.now;
  try {
    const res = await fetcher.fetch(feed.url, { etag: feed.etag, lastModified: feed.lastModified });
    const patch: FeedPatch = {};
    const url = await withPermanentUrl(deps, feed, res.permanentUrl, patch);
    if (res.status === "not-modified") {
      patch.health = healthAfterSuccess(now, nextPollAfterSuccess(feed, now, policy));
      await store.feeds.update(feed.id, patch);
      return { feedId: feed.id, url, outcome: "not-modified", newItems: [], updatedItems: 0 };
    }
    const read = await readFeed(res.body, { feedId: feed.id, url: res.url, contentType: res.contentType, now, maxItems: opts.maxItems });
    const stored = await store.items.upsertMany(read.items, now);
    const ttlMinutes = read.feed.ttlMinutes;
    patch.etag = res.etag;
    patch.lastModified = res.lastModified;
    if (ttlMinutes !== feed.ttlMinutes) patch.ttlMinutes = ttlMinutes;
    if (!feed.title && read.feed.title) patch.title = read.feed.title.trim().slice(0, 300);
    if (!feed.siteUrl && read.feed.siteUrl) {
      try {
        patch.siteUrl = new URL(read.feed.siteUrl, res.url).href;
      } catch {
        // An unusable site link is not worth failing the poll.
      }
    }
    patch.health = healthAfterSuccess(now, nextPollAfterSuccess({ id: feed.id, ttlMinutes }, now, policy));
    await store.feeds.update(feed.id, patch);
    log.debug({ inserted: stored.inserted.length, updated: stored.updated.length }, "feed polled");
    return { feedId: feed.id, url, outcome: "updated", newItems: stored.inserted, updatedItems: stored.updated.length };
  } catch (err) {
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
  const results = (await runWithLimits(feeds, (f) => hostKey(f.url), limits, (f) => pollOne(deps, f, opts, policy, null))).filter(
    (r): r is FeedPollResult => r !== LEFT,
  );
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
  while (opts.limit === undefined || results.length < opts.limit) {
    if (opts.stopping?.()) break;
    const want = opts.limit === undefined ? batch : Math.min(batch, opts.limit - results.length);
    // The claim's clock runs on from the tick's `now`, so a long run does not claim with a stale time.
    const claimedAt = new Date(opts.now.getTime() + (Date.now() - started));
    const feeds = await deps.store.feeds.claimDue(claimedAt, want, leaseMs);
    if (feeds.length === 0) break;
    const deadline = Date.now() + leaseMs * 0.9;
    // Next polls are scheduled from each fetch's own time, not the tick's: a long run must not leave
    // feeds it polled early due again before it ends.
    // (Within the first second the tick's own time stands: the same instant for the whole quick run.)
    const clock = () => (Date.now() - started < 1000 ? opts.now : new Date(opts.now.getTime() + (Date.now() - started)));
    const polled = await runWithLimits(feeds, (f) => hostKey(f.url), limits, (f) => pollOne(deps, f, opts, policy, deadline, clock));
    const left = polled.filter((r) => r === LEFT).length;
    if (left) deps.logger.warn({ left, leaseMs }, "feeds left for the next claim: the claim ran out before their turn");
    for (const r of polled) if (r !== LEFT) results.push(r);
    if (left === feeds.length) break;
  }
  return results;
}
