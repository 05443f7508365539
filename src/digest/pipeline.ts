/**
 * The one orchestrator. Combines the leaves — poll feeds (ingest), cluster new items into stories,
 * select and deliver due digests through the ledger — and tells moderators what they should know.
 * Every step returns per-item results: one bad feed or one dead chat never aborts a run.
 */
import { describeError } from "../core/errors.js";
import type { Leadership } from "../core/leadership.js";
import type { Logger } from "../core/logger.js";
import type { Messenger } from "../core/messenger.js";
import type { Store } from "../core/ports.js";
import { findDue } from "../core/schedule.js";
import type { Destination, Platform, Story } from "../core/types.js";
import { deliverDigest, type DeliveryOutcome, type LedgerDeps } from "./deliver.js";
import type { FeedFetcher } from "./ingest/feed-fetcher.js";
import type { HostSlots } from "./ingest/host-slots.js";
import { pollFeeds, type FeedPollResult } from "./ingest/poll-feeds.js";
import { runWithLimits } from "./ingest/run-with-limits.js";
import { loadSelectionInputs, selectStories, specFor, type Selection } from "./select-stories.js";
import { describeFollowUps } from "./follow-up-context.js";
import { clusterNewItems, loadAllTopics, type ClusterRunResult } from "./stories/build-stories.js";
import { linkNewStories, type LinkRunResult } from "./stories/link-stories.js";
import type { GroundedSummaries } from "./summaries/grounded-summaries.js";
import type { ClusterOptions } from "./stories/cluster-options.js";

export interface PipelineDeps {
  store: Store;
  fetcher: FeedFetcher;
  messengers: ReadonlyMap<Platform, Messenger>;
  logger: Logger;
  instanceId: string;
  /**
   * Several instances on one database: only the holder clusters (two clusterers writing at once
   * could make duplicate stories); the others only poll. None: this instance always clusters.
   */
  clusterLeadership?: Leadership;
  /** Per-host fetch limits shared by every instance on the database. */
  hostSlots?: HostSlots;
  /** Grounded summaries from a language model (LLM_* settings); absent: extractive summaries only. */
  summaries?: GroundedSummaries;
}

export interface PipelineOptions {
  pollIntervalMs: number;
  maxItemsPerFeed: number;
  cluster?: Partial<ClusterOptions>;
  /** Digests sent at once (each platform paces itself on top). */
  deliveryConcurrency?: number;
  leaseMs?: number;
  /** How long due feeds are claimed for a poll (Config.feedClaimLeaseMs). */
  claimLeaseMs?: number;
}

export interface IngestReport {
  feeds: FeedPollResult[];
  clustered: ClusterRunResult;
  /** Stories tied to earlier ones in this run (follow-ups, more coverage). */
  linked?: LinkRunResult;
  /** False when another instance holds the clustering leadership (this one only polled). */
  clusteredHere?: boolean;
}

export interface Pipeline {
  /** Poll due feeds (or `feedIds`), store items, cluster them into stories. */
  ingest(now: Date, opts?: { feedIds?: string[]; force?: boolean }): Promise<IngestReport>;
  /**
   * Deliver every digest due at `now`. Once `signal` aborts (shutdown) nothing new is claimed and the
   * digests under way stop after the message in flight; the rest stays claimed for resumption.
   */
  deliverDue(now: Date, opts?: RunOptions): Promise<DeliveryOutcome[]>;
  /** At start-up: finish claims left unfinished by a crash or a stop. */
  resumeUnfinished(now: Date, opts?: RunOptions): Promise<DeliveryOutcome[]>;
  /** Tell a community's moderators something, if they chose where notices go. */
  notifyModerators(communityId: string, text: string): Promise<boolean>;
  /** Retention: forget items, stories and delivery records older than `retentionDays`. */
  prune(now: Date, retentionDays: number): Promise<PruneReport>;
}

export interface RunOptions {
  signal?: AbortSignal;
}

export interface PruneReport {
  items: number;
  stories: number;
  deliveries: number;
  deliveredStories: number;
  /** Grounded summaries of story versions no longer current. */
  summaries: number;
}

export function createPipeline(deps: PipelineDeps, opts: PipelineOptions): Pipeline {
  const { store, logger } = deps;

  async function notifyModerators(communityId: string, text: string): Promise<boolean> {
    const community = await store.communities.get(communityId);
    if (!community?.noticeDestinationId) return false;
    const dest = await store.destinations.get(community.noticeDestinationId);
    const messenger = dest ? deps.messengers.get(dest.platform) : undefined;
    if (!dest || !messenger) return false;
    const r = await messenger.sendNotice(dest, text).catch((err: unknown) => ({ ok: false as const, reason: describeError(err) }));
    if (!r.ok) logger.warn({ communityId, reason: r.reason }, "moderator notice not delivered");
    return r.ok;
  }

  const ledger: LedgerDeps = {
    store,
    messengers: deps.messengers,
    logger,
    instanceId: deps.instanceId,
    ...(opts.leaseMs ? { leaseMs: opts.leaseMs } : {}),
    onDeactivated: async (dest, reason) => {
      if (!dest.communityId) return;
      // Never send the notice to the destination that just failed.
      const community = await store.communities.get(dest.communityId);
      if (community?.noticeDestinationId === dest.id) return;
      await notifyModerators(
        dest.communityId,
        sentences(`The daily digest for ${describeDestination(dest)} was switched off: ${reason}`, adviceFor(reason)),
      );
    },
  };

  async function deliverAll(due: { destination: Destination; key: string }[], now: Date, resumeOwn: boolean, signal?: AbortSignal) {
    if (due.length === 0) return [];
    const { prepared, inputs } = await loadSelectionInputs(
      store,
      due.map((d) => d.destination),
      now,
    );
    const byId = new Map(inputs.map((i) => [i.destination.id, i]));
    const topicsById = new Map((await loadAllTopics(store)).map((t) => [t.id, t]));
    // A member's DM carries only what they follow: no follows, no DM (a channel with no topics gets
    // every story instead). Resumed claims are finished whatever the follows are now.
    const wanted = resumeOwn
      ? due
      : due.filter((d) => d.destination.kind !== "dm" || (byId.get(d.destination.id)?.topics.length ?? 0) > 0);
    // Select every digest first, so each distinct story is summarised once for all destinations.
    const selections = new Map<string, Selection>(
      wanted.map((d) => {
        const input = byId.get(d.destination.id);
        return [d.destination.id, input ? selectStories(prepared, specFor(input, now)) : { stories: [], more: 0 }];
      }),
    );
    // A resumed claim sends the digest stored with it: nothing to summarise.
    const summarized = resumeOwn ? new Map<string, Story>() : await groundedSummaries([...selections.values()].flatMap((s) => s.stories), now);
    return runWithLimits(
      wanted,
      (d) => `${d.destination.platform}:${d.destination.chatId}`,
      { concurrency: opts.deliveryConcurrency ?? 32, perKey: 1 },
      async ({ destination, key }): Promise<DeliveryOutcome> => {
        // Shutting down: claim nothing new (what is not claimed is simply due again at the next start).
        if (signal?.aborted) return { destinationId: destination.id, key, status: "skipped", messages: 0, resumed: false, reason: "shutting down" };
        try {
          const selection = selections.get(destination.id) ?? { stories: [], more: 0 };
          const stories = selection.stories.map((s) => summarized.get(s.id) ?? s);
          const followUps = selection.followUps?.size ? await describeFollowUps(store, destination.id, selection.followUps) : undefined;
          return await deliverDigest(
            ledger,
            {
              destination,
              key,
              stories,
              more: selection.more,
              topicsById,
              ...(followUps ? { followUps } : {}),
              ...(selection.moreCoverage ? { moreCoverage: selection.moreCoverage } : {}),
            },
            { now, resumeOwn, ...(signal ? { signal } : {}) },
          );
        } catch (err) {
          // A database hiccup for one destination is logged and retried next tick; the run goes on.
          logger.error({ destinationId: destination.id, err: describeError(err) }, "delivery crashed");
          return { destinationId: destination.id, key, status: "failed", messages: 0, resumed: false, reason: describeError(err) };
        }
      },
    );
  }

  /** Grounded summaries of the distinct stories, by id; empty when no model is configured or it fails. */
  async function groundedSummaries(stories: readonly Story[], now: Date): Promise<Map<string, Story>> {
    if (!deps.summaries || stories.length === 0) return new Map();
    const distinct = [...new Map(stories.map((s) => [s.id, s])).values()];
    try {
      const r = await deps.summaries.summarize(distinct, now);
      return new Map(r.stories.map((s) => [s.id, s]));
    } catch (err) {
      logger.warn({ err: describeError(err) }, "grounded summaries failed; using extractive summaries");
      return new Map();
    }
  }

  return {
    async ingest(now, o = {}) {
      const feeds = await pollFeeds(
        { store, fetcher: deps.fetcher, logger, ...(deps.hostSlots ? { hostSlots: deps.hostSlots } : {}) },
        {
          now,
          ...(opts.claimLeaseMs ? { claimLeaseMs: opts.claimLeaseMs } : {}),
          intervalMs: opts.pollIntervalMs,
          maxItems: opts.maxItemsPerFeed,
          ...(o.feedIds ? { feedIds: o.feedIds } : {}),
          ...(o.force ? { force: true } : {}),
        },
      );
      for (const r of feeds) {
        if (!r.warn && r.outcome !== "disabled") continue;
        const feed = await store.feeds.get(r.feedId);
        if (feed?.scope.kind !== "community") continue;
        const what = r.outcome === "disabled" ? "has been disabled" : "keeps failing and will be disabled soon";
        await notifyModerators(feed.scope.communityId, `The feed ${feed.url} ${what}: ${r.error?.message ?? "unknown error"}.`);
      }
      // The leader clusters every instance's new items; confirm() renews its lease first, so the run
      // starts with a whole lease ahead (renewals continue in the background while it runs).
      const leads = deps.clusterLeadership ? await deps.clusterLeadership.confirm() : true;
      if (!leads) return { feeds, clustered: { items: 0, stories: [], merged: [] }, clusteredHere: false };
      const clustered = await clusterNewItems({ store, logger }, { now, ...(opts.cluster ? { options: opts.cluster } : {}) });
      // New and grown stories are tied to earlier ones: follow-ups become updates, late coverage is not news again.
      const touched = clustered.stories.filter((r) => r.status !== "failed").map((r) => r.storyId);
      const linked = await linkNewStories({ store, logger }, { now, storyIds: touched });
      return { feeds, clustered, linked, clusteredHere: true };
    },

    async deliverDue(now, o = {}) {
      const active = await store.destinations.list({ active: true });
      return deliverAll(findDue(active, now), now, false, o.signal);
    },

    async resumeUnfinished(now, o = {}) {
      const unfinished = await store.deliveries.listUnfinished();
      const due: { destination: Destination; key: string }[] = [];
      for (const d of unfinished) {
        const dest = await store.destinations.get(d.destinationId);
        if (dest?.active) due.push({ destination: dest, key: d.digestKey });
      }
      return deliverAll(due, now, true, o.signal);
    },

    notifyModerators,

    async prune(now, retentionDays) {
      const before = new Date(now.getTime() - retentionDays * 86_400_000);
      // Stories first (they are what digests select), then the items and the delivery bookkeeping.
      const stories = await store.stories.pruneBefore(before);
      const items = await store.items.pruneNotSeenSince(before);
      const d = await store.deliveries.pruneBefore(before);
      await store.storyLinks.pruneBefore(before);
      await store.storyMessages.pruneBefore(before);
      const summaries = await store.summaries.pruneBefore(before);
      const report = { items, stories, deliveries: d.deliveries, deliveredStories: d.deliveredStories, summaries };
      logger.info({ ...report, retentionDays }, "pruned old records");
      return report;
    },
  };
}

export function describeDestination(d: Destination): string {
  if (d.kind === "dm") return "a member's direct messages";
  if (d.name) return d.name;
  return d.threadId ? `channel ${d.chatId} (thread ${d.threadId})` : `channel ${d.chatId}`;
}

/** What moderators can do about a switched-off digest, unless the platform's reason already says. */
export function adviceFor(reason: string): string {
  if (/\/channel set/.test(reason)) return "";
  if (/kicked|removed|blocked|not a member/i.test(reason)) return "Add the bot back, then run /channel set there again";
  if (/permission|access/i.test(reason)) return "Fix the bot's permissions there, then run /channel set again";
  return "Once that is fixed, run /channel set there again";
}

/** Join a reason and advice as sentences, whether or not the reason ends with a full stop. */
export function sentences(...parts: string[]): string {
  return parts
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => (/[.!?]$/.test(p) ? p : `${p}.`))
    .join(" ");
}
