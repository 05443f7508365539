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

  const claim = await store.deliveries.claim({
    destinationId: destination.id,
    digestKey: plan.key,
    instanceId: deps.instanceId,
    storyIds: plan.stories.map((s) => s.id),
    now: opts.now,
    leaseMs: deps.leaseMs ?? DEFAULT_LEASE_MS,
    ...(opts.resumeOwn ? { resumeOwn: true } : {}),
  });
  if (!claim.claimed) {
    return { ...base, status: "skipped", resumed: false, reason: `already ${claim.delivery.status}` };
  }
  const delivery = claim.delivery;
  const resumed = claim.resumed;
  const stories = resumed ? await storiesInOrder(store, delivery.storyIds) : [...plan.stories];
  if (stories.length === 0) {
    // Nothing new: the day is done all the same, so the next tick does not try again.
    await store.deliveries.complete(delivery.id, opts.now);
    return { ...base, status: "empty", resumed };
  }

  const topics = await loadAllTopics(store);
  const doc = buildDigest(stories, new Map(topics.map((t) => [t.id, t])), {
    date: plan.key,
    maxStories: stories.length,
    more: resumed ? 0 : plan.more,
  });
  let recorded = delivery.messageIds.length;
  const send = (to: Destination): Promise<SendResult> =>
    messenger
      .sendDigest(to, doc, {
        key: `${to.id}/${plan.key}`,
        skipParts: recorded,
        onSent: async (messageId) => {
          await store.deliveries.recordMessage(delivery.id, messageId);
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

  if (result.ok) {
    await store.deliveries.complete(delivery.id, opts.now);
    return { ...base, status: "sent", resumed, messages };
  }
  if (result.kind === "permanent") {
    await store.deliveries.fail(delivery.id, result.reason, true, opts.now);
    await store.destinations.deactivate(destination.id, result.reason);
    logger.warn({ destinationId: destination.id, reason: result.reason }, "destination deactivated");
    await deps.onDeactivated?.(destination, result.reason).catch((err: unknown) =>
      logger.warn({ err: describeError(err) }, "could not notify moderators"),
    );
    return { ...base, status: "deactivated", resumed, messages, reason: result.reason };
  }
  if (delivery.attempts >= (deps.maxAttempts ?? 5)) {
    await store.deliveries.fail(delivery.id, result.reason, true, opts.now);
    logger.error({ destinationId: destination.id, reason: result.reason }, "digest failed after retries");
    return { ...base, status: "failed", resumed, messages, reason: result.reason };
  }
  const wait = result.kind === "rate-limited" && result.retryAfterMs ? result.retryAfterMs : retryDelayMs(delivery.attempts);
  await store.deliveries.fail(delivery.id, result.reason, false, opts.now, new Date(opts.now.getTime() + wait));
  return { ...base, status: "retry", resumed, messages, reason: result.reason };
}

async function storiesInOrder(store: Store, ids: readonly string[]): Promise<Story[]> {
  const found = new Map((await store.stories.getMany([...ids])).map((s) => [s.id, s]));
  return ids.flatMap((id) => {
    const s = found.get(id);
    return s ? [s] : [];
  });
}
