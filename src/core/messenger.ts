/**
 * The one narrow interface a platform implements to deliver: send a digest (rendered by the platform
 * itself) or a short notice to a destination, and say what happened in a classified way.
 */
import type { DigestDoc, Destination, MessageRef, Platform } from "./types.js";

export type SendFailureKind =
  /** Worth retrying later (5xx, network, timeout). */
  | "transient"
  /** Never going to work (blocked, kicked, unknown channel, missing permissions): deactivate. */
  | "permanent"
  /** The platform asked us to wait. */
  | "rate-limited";

/**
 * Sends whose fate was unknown (the platform may have accepted them, e.g. a 502 or a connection reset):
 * `retried` were sent once more, `unconfirmed` failed that way twice and were recorded as sent without
 * a third try (a platform without an idempotency key would otherwise risk one more copy each time).
 */
export interface AmbiguousSends {
  retried: number;
  unconfirmed: number;
}

export type SendResult =
  | { ok: true; messageIds: string[]; ambiguous?: AmbiguousSends }
  | {
      ok: false;
      ambiguous?: AmbiguousSends;
      kind: SendFailureKind;
      /** Readable reason, safe to show moderators (no tokens). */
      reason: string;
      retryAfterMs?: number;
      /** Telegram: the group became a supergroup with this id; the destination should move there. */
      migrateToChatId?: string;
      /** Messages accepted before the failure. */
      messageIds: string[];
    };

export interface SendDigestOptions {
  /** Stable key of this delivery (destination id + digest key): used for idempotency (Discord nonce). */
  key: string;
  /** Parts already accepted in an earlier attempt: skip that many rendered messages. */
  skipParts: number;
  /**
   * Called after each message the platform accepted, in order, before the next is sent. `placed`
   * says where it landed and which of the doc's stories it carries, so a later follow-up can reply.
   */
  onSent(messageId: string, placed?: PlacedStories): Promise<void>;
  /**
   * Aborted at shutdown: send no further part and stop waiting for a turn (rate limits, retry
   * pauses); a message already on its way is finished and reported through onSent.
   */
  signal?: AbortSignal;
}

/** The stories one accepted message carries, and where it is (chat or channel, thread, message). */
export interface PlacedStories {
  storyIds: readonly string[];
  at: MessageRef;
}

/** The id recorded for a part whose send failed ambiguously twice: possibly posted, never resent. */
export const UNCONFIRMED_MESSAGE_ID = "?";

export interface Messenger {
  readonly platform: Platform;
  sendDigest(to: Destination, doc: DigestDoc, opts: SendDigestOptions): Promise<SendResult>;
  /** A plain-text notice (e.g. to moderators: a feed is failing, a destination was switched off). */
  sendNotice(to: Destination, text: string): Promise<SendResult>;
}
