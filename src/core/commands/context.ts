/**
 * What a command knows about who runs it and where, supplied by the platform adapter, and what it may
 * use to do its work (ports and services wired by the composition root).
 */
import type { Logger } from "../logger.js";
import type { Store } from "../ports.js";
import type { DigestService, FeedService } from "../services.js";
import type { Platform } from "../types.js";

export interface Actor {
  platform: Platform;
  userId: string;
  displayName?: string;
  /**
   * Fact supplied by the adapter: may this actor configure this community? (Discord: Manage Server;
   * Telegram: chat creator/administrator, or an anonymous admin.) The core decides what needs it.
   */
  isModerator: boolean;
}

export interface Place {
  platform: Platform;
  /** `discord:<guild>` / `telegram:<chat>`; null in a DM. */
  communityId: string | null;
  communityName?: string | null;
  chatId: string;
  threadId: string | null;
  /** A private conversation with the bot (Discord DM, Telegram private chat). */
  isPrivate: boolean;
}

/**
 * A channel named in a command argument, already resolved and permission-checked by the adapter
 * (Discord: the bot can view/send/embed there; Telegram: user and bot are admins of that channel).
 */
export interface ResolvedTarget {
  chatId: string;
  threadId: string | null;
  name?: string;
  communityId: string | null;
}

export interface Invocation {
  /** Full command name, e.g. "subscribe" or "channel set". */
  command: string;
  /** Raw argument values as the platform delivered them (strings from Telegram, typed from Discord). */
  args: Record<string, string | number | boolean | undefined>;
  actor: Actor;
  place: Place;
  /** Set when the command has a `channel` argument and the adapter resolved it; else the place itself. */
  target?: ResolvedTarget;
}

export interface CommandDeps {
  store: Store;
  digests: DigestService;
  feeds: FeedService;
  logger: Logger;
  now(): Date;
  defaults: { timeOfDay: string; timeZone: string; maxStories: number };
}
