/**
 * The delivery ledger: exactly one digest per (destination, digest key), across restarts and across
 * instances sharing one database.
 *
 *   claim (unique row) → send parts, recording each accepted message id → complete (marks every
 *   story delivered, in one transaction).
 *
 * A crash after a send but before its record leaves the claim unfinished; it is resumed (never
 * started afresh) with the same stories, skipping the parts already recorded. The platform's own
 * idempotency key (Discord nonce) covers the one part that may have been sent but not recorded.
 */
import { describeError } from "../core/errors.js";
import type { Logger } from "../core/logger.js";
import type { Messenger, SendResult } from "../core/messenger.js";
import type { Store } from "../core/ports.js";
import type { Destination, Platform, Story } from "../core/types.js";
import { buildDigest } from "./build-digest.js";
import { loadAllTopics } from "./stories/build-stories.js";

export interface LedgerDeps {
  store: Store;
  messengers: ReadonlyMap<Platform, Messenger>;
  logger: Logger;
  /** This process's name in claims. */
  instanceId: string;
  /** How long a claim is held before another instance may take it over (default 10 min). */
  leaseMs?: number;
  /** Attempts before a transient failure becomes final (default 5). */
  maxAttempts?: number;
  /** Called after a destination was switched off, to tell its moderators. */
  onDeactivated?: (destination: Destination, reason: string) => Promise<void>;
}

export type DeliveryStatus = "sent" | "empty" | "skipped" | "retry" | "failed" | "deactivated";

export interface DeliveryOutcome {
  destinationId: string;
  key: string;
  status: DeliveryStatus;
  messages: number;
  resumed: boolean;
  reason?: string;
}

export interface DigestPlan {
  destination: Destination;
  key: string;
  /** Stories selected now; ignored when an unfinished claim is resumed (its own stories are sent). */
  stories: readonly Story[];
  more: number;
  /** Topic names for the tags, loaded once per run by the caller (else loaded here). */
  topicsById?: ReadonlyMap<string, { id: string; name: string }>;
}

const DEFAULT_LEASE_MS = 10 * 60_000;

/** Backoff for transient failures: 1, 2, 4, 8 … minutes, capped at 30. */
export function retryDelayMs(attempt: number): number {
  return Math.min(30 * 60_000, 60_000 * 2 ** Math.max(0, attempt - 1));
}

export async function deliverDigest(
  deps: LedgerDeps,
  plan: DigestPlan,
  opts: { now: Date; resumeOwn?: boolean },
): Promise<DeliveryOutcome> {
  const { store, logger } = deps;
  let destination = plan.destination;
  const base = { destinationId: destination.id, key: plan.key, messages: 0 };
  const messenger = deps.messengers.get(destination.platform);
  if (!messenger) return { ...base, status: "skipped", resumed: false, reason: `${destination.platform} is not running` };

  // The document is built before the claim and stored with it: a resumed send (after a crash, or
  // on another instance) must skip parts of the very same rendering, whatever changed since.
  const topicsById = plan.topicsById ?? new Map((await loadAllTopics(store)).map((t) => [t.id, t]));
  const planned = plan.stories.length
    ? buildDigest(plan.stories, topicsById, {
        date: plan.key,
        maxStories: plan.stories.length,
        more: plan.more,
        timeZone: destination.timeZone,
      })
    : null;
  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  // Logical time of this run plus the real time it has taken (tests pass a fixed `now`).
  const startedAt = Date.now();
  const clock = () => new Date(opts.now.getTime() + (Date.now() - startedAt));
  const owner = deps.instanceId;

  const claim = await store.deliveries.claim({
    destinationId: destination.id,
    digestKey: plan.key,
    instanceId: owner,
    storyIds: plan.stories.map((s) => s.id),
    doc: planned,
    now: opts.now,
    leaseMs,
    ...(opts.resumeOwn ? { resumeOwn: true } : {}),
  });
  if (!claim.claimed) {
    return { ...base, status: "skipped", resumed: false, reason: `already ${claim.delivery.status}` };
  }
  const delivery = claim.delivery;
  const resumed = claim.resumed;
  const doc = resumed ? (delivery.doc ?? (await rebuild(store, delivery.storyIds, plan.key, topicsById))) : planned;
  if (!doc || doc.stories.length === 0) {
    // Nothing new: the day is done all the same, so the next tick does not try again.
    await store.deliveries.complete(delivery.id, clock(), owner);
    return { ...base, status: "empty", resumed };
  }

  let recorded = delivery.messageIds.length;
  const send = (to: Destination): Promise<SendResult> =>
    messenger
      .sendDigest(to, doc, {
        key: `${to.id}/${plan.key}`,
        skipParts: recorded,
        onSent: async (messageId) => {
          const now = clock();
          const ours = await store.deliveries.recordMessage(delivery.id, messageId, {
            owner,
            leaseUntil: new Date(now.getTime() + leaseMs),
          });
          // Another instance took the claim over (our lease ran out): stop, it finishes the digest.
          if (!ours) throw new ClaimLostError(delivery.id);
          recorded++;
        },
      })
      .catch((err: unknown) => ({ ok: false, kind: "transient", reason: describeError(err), messageIds: [] }) as SendResult);

  let result = await send(destination);
  if (!result.ok && result.migrateToChatId) {
    // Telegram upgraded the group: move every destination of the old chat, then retry once there.
    await store.destinations.moveChat(destination.platform, destination.chatId, result.migrateToChatId);
    destination = { ...destination, chatId: result.migrateToChatId };
    logger.info({ destinationId: destination.id, to: result.migrateToChatId }, "chat migrated; retrying there");
    result = await send(destination);
  }
  const messages = recorded - delivery.messageIds.length;
  const lost = { ...base, status: "skipped" as const, resumed, messages, reason: "claim taken over by another instance" };

  if (result.ok) {
    if (!(await store.deliveries.complete(delivery.id, clock(), owner))) return lost;
    return { ...base, status: "sent", resumed, messages };
  }
  if (result.kind === "permanent") {
    if (!(await store.deliveries.fail(delivery.id, result.reason, true, clock(), { owner }))) return lost;
    await store.destinations.deactivate(destination.id, result.reason);
    logger.warn({ destinationId: destination.id, reason: result.reason }, "destination deactivated");
    await deps.onDeactivated?.(destination, result.reason).catch((err: unknown) =>
      logger.warn({ err: describeError(err) }, "could not notify moderators"),
    );
    return { ...base, status: "deactivated", resumed, messages, reason: result.reason };
  }
  if (delivery.attempts >= (deps.maxAttempts ?? 5)) {
    if (!(await store.deliveries.fail(delivery.id, result.reason, true, clock(), { owner }))) return lost;
    logger.error({ destinationId: destination.id, reason: result.reason }, "digest failed after retries");
    return { ...base, status: "failed", resumed, messages, reason: result.reason };
  }
  const wait = result.kind === "rate-limited" && result.retryAfterMs ? result.retryAfterMs : retryDelayMs(delivery.attempts);
  const now = clock();
  if (!(await store.deliveries.fail(delivery.id, result.reason, false, now, { owner, retryAt: new Date(now.getTime() + wait) }))) {
    return lost;
  }
  return { ...base, status: "retry", resumed, messages, reason: result.reason };
}

/** The claim moved to another instance while this one was sending. */
export class ClaimLostError extends Error {
  constructor(deliveryId: string) {
    super(`delivery ${deliveryId} was taken over by another instance`);
    this.name = "ClaimLostError";
  }
}

/** Claims made before documents were stored: rebuild from the claimed stories. */
async function rebuild(
  store: Store,
  storyIds: readonly string[],
  key: string,
  topicsById: ReadonlyMap<string, { id: string; name: string }>,
) {
  const stories = await storiesInOrder(store, storyIds);
  return stories.length ? buildDigest(stories, topicsById, { date: key, maxStories: stories.length }) : null;
}

async function storiesInOrder(store: Store, ids: readonly string[]): Promise<Story[]> {
  const found = new Map((await store.stories.getMany([...ids])).map((s) => [s.id, s]));
  return ids.flatMap((id) => {
    const s = found.get(id);
    return s ? [s] : [];
  });
}
