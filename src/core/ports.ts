/**
 * Ports: the interfaces the rest of the app needs from storage. `src/store` implements them on Kysely
 * (SQLite or Postgres); nothing outside `src/store` sees a row or a SQL builder.
 */
import type {
  Community,
  DigestDoc,
  Delivery,
  Destination,
  DestinationKind,
  Feed,
  FeedHealth,
  FeedScope,
  FilterMode,
  Item,
  KeywordFilter,
  NewItem,
  Platform,
  Story,
  StoryLink,
  StoryMessage,
  Topic,
} from "./types.js";

export interface NewFeed {
  url: string;
  scope: FeedScope;
  title?: string | null;
  sourceWeight?: number;
}

export interface FeedPatch {
  url?: string;
  title?: string | null;
  siteUrl?: string | null;
  etag?: string | null;
  lastModified?: string | null;
  sourceWeight?: number;
  ttlMinutes?: number | null;
  health?: Partial<FeedHealth>;
}

export interface FeedRepository {
  /** Throws ConflictError when the same URL already exists in that scope. */
  add(feed: NewFeed, now: Date): Promise<Feed>;
  get(id: string): Promise<Feed | null>;
  findByUrl(url: string, scope?: FeedScope): Promise<Feed | null>;
  /** `scope` omitted: every feed. `communityId` given: global feeds plus that community's. */
  list(opts?: { scope?: FeedScope; visibleTo?: string; includeDisabled?: boolean }): Promise<Feed[]>;
  /** Enabled feeds whose next poll time is null or at/before `now`, soonest first. */
  listDue(now: Date, limit?: number): Promise<Feed[]>;
  /**
   * Claim up to `limit` due feeds for one poll: their next poll time moves to `now + leaseMs` in the
   * same statement, so another instance claiming at once gets other feeds (Postgres: SKIP LOCKED),
   * and a feed whose poller died is due again once the lease has passed.
   */
  claimDue(now: Date, limit: number, leaseMs: number): Promise<Feed[]>;
  update(id: string, patch: FeedPatch): Promise<void>;
  remove(id: string): Promise<boolean>;
}

export interface UpsertItemsResult {
  inserted: Item[];
  /** Items whose title/summary changed (same hash, new content hash): updated in place. */
  updated: Item[];
  unchanged: number;
}

export interface ItemRepository {
  /** Insert new items, update edited ones in place (same feed + hash), count the rest. */
  upsertMany(items: NewItem[], now: Date): Promise<UpsertItemsResult>;
  get(id: string): Promise<Item | null>;
  getMany(ids: string[]): Promise<Item[]>;
  /** Items first seen at or after `since`, oldest first. */
  listSince(since: Date, opts?: { limit?: number }): Promise<Item[]>;
  listByStory(storyId: string): Promise<Item[]>;
  listUnclustered(limit?: number): Promise<Item[]>;
  assignStory(itemIds: string[], storyId: string): Promise<void>;
  countByFeed(feedId: string): Promise<number>;
  /** Retention: delete items no fetch has listed since `before`. Returns how many. */
  pruneNotSeenSince(before: Date): Promise<number>;
}

export interface StoryRepository {
  /** Insert or replace the story and its topics. */
  save(story: Story): Promise<void>;
  saveMany(stories: Story[]): Promise<void>;
  get(id: string): Promise<Story | null>;
  getMany(ids: string[]): Promise<Story[]>;
  /** Stories seen (last item) at or after `since`, best score first. */
  listSince(since: Date, opts?: { limit?: number }): Promise<Story[]>;
  remove(id: string): Promise<void>;
  /** Retention: delete stories last seen before `before` (with their topics). Returns how many. */
  pruneBefore(before: Date): Promise<number>;
}

export interface TopicRepository {
  /** Built-in topics plus, when given, one community's own. */
  list(communityId?: string | null): Promise<Topic[]>;
  get(id: string): Promise<Topic | null>;
  upsert(topic: Topic, now: Date): Promise<void>;
  remove(id: string): Promise<boolean>;
}

export interface CommunityRepository {
  upsert(community: Omit<Community, "createdAt">, now: Date): Promise<Community>;
  get(id: string): Promise<Community | null>;
  setNoticeDestination(id: string, destinationId: string | null): Promise<void>;
  list(): Promise<Community[]>;
}

export interface NewDestination {
  platform: Platform;
  chatId: string;
  threadId?: string | null;
  kind: DestinationKind;
  name?: string | null;
  communityId?: string | null;
  userId?: string | null;
  timeOfDay: string;
  timeZone: string;
  maxStories?: number;
}

export interface DestinationPatch {
  timeOfDay?: string;
  timeZone?: string;
  maxStories?: number;
  active?: boolean;
  inactiveReason?: string | null;
  lastDigestAt?: Date | null;
  chatId?: string;
  threadId?: string | null;
  name?: string | null;
}

export interface DestinationRepository {
  /** Create, or update time/zone/limits of the existing (platform, chat, thread) destination. */
  upsert(dest: NewDestination, now: Date): Promise<Destination>;
  get(id: string): Promise<Destination | null>;
  find(platform: Platform, chatId: string, threadId?: string | null): Promise<Destination | null>;
  list(opts?: {
    platform?: Platform;
    communityId?: string;
    active?: boolean;
    kind?: DestinationKind;
    userId?: string;
  }): Promise<Destination[]>;
  update(id: string, patch: DestinationPatch): Promise<void>;
  deactivate(id: string, reason: string): Promise<void>;
  /** A Telegram group became a supergroup: every destination of the old chat moves to the new id. */
  moveChat(platform: Platform, fromChatId: string, toChatId: string): Promise<number>;
  remove(id: string): Promise<boolean>;
}

export interface SubscriptionRepository {
  add(destinationId: string, topicId: string, now: Date): Promise<boolean>;
  remove(destinationId: string, topicId: string): Promise<boolean>;
  removeAll(destinationId: string): Promise<number>;
  list(destinationId: string): Promise<string[]>;
  /** Every destination's topics at once, for bulk selection. */
  listAll(): Promise<Map<string, string[]>>;
}

export interface FilterRepository {
  add(filter: KeywordFilter): Promise<boolean>;
  remove(filter: KeywordFilter): Promise<boolean>;
  list(destinationId: string): Promise<KeywordFilter[]>;
  listAll(): Promise<Map<string, KeywordFilter[]>>;
  clear(destinationId: string, mode?: FilterMode): Promise<number>;
}

export interface DeliveryFence {
  owner: string;
  /** The lease is renewed to this long after the renewal (on the database's clock). */
  leaseMs: number;
}

export interface ClaimRequest {
  destinationId: string;
  digestKey: string;
  instanceId: string;
  storyIds: string[];
  /** The digest built for these stories, stored so a resumed send renders the very same parts. */
  doc?: DigestDoc | null;
  now: Date;
  /** How long the claim is held before another instance may take it over, from the moment of the claim
   * on the database's clock (not from `now`, which may be the start of a long run). */
  leaseMs: number;
  /** At start-up only: also take over this instance's own unexpired claims left by a crash. */
  resumeOwn?: boolean;
}

export type ClaimResult =
  | { claimed: true; delivery: Delivery; resumed: boolean }
  | { claimed: false; delivery: Delivery };

export interface DeliveryRepository {
  /**
   * Claim (destination, digest key) atomically. First claim creates the row; a later claim succeeds
   * only to resume an unfinished one whose lease has expired (or that this instance holds).
   */
  claim(req: ClaimRequest): Promise<ClaimResult>;
  /**
   * Record a message the platform accepted, so a resumed send skips it. With `fence`, only while
   * `fence.owner` still holds the claim, and the lease is renewed for `fence.leaseMs` from now; returns
   * false when the claim was lost (another instance took it over): the sender must stop.
   */
  recordMessage(deliveryId: string, messageId: string, fence?: DeliveryFence): Promise<boolean>;
  /**
   * Mark sent and record every story as delivered to the destination, in one transaction. With an
   * `owner`, only if that instance still holds the claim; returns whether it did.
   */
  complete(deliveryId: string, now: Date, owner?: string): Promise<boolean>;
  /**
   * Record a failure; `final` marks it failed for good, otherwise the claim is released for a retry
   * from `retryAt` on (default: at once). With an `owner`, only if that instance still holds it.
   */
  fail(
    deliveryId: string,
    error: string,
    final: boolean,
    now: Date,
    opts?: { retryAt?: Date; retryAfterMs?: number; owner?: string },
  ): Promise<boolean>;
  get(id: string): Promise<Delivery | null>;
  find(destinationId: string, digestKey: string): Promise<Delivery | null>;
  latest(destinationId: string): Promise<Delivery | null>;
  /** Claimed but not finished, whatever the lease: resumed at start. */
  listUnfinished(): Promise<Delivery[]>;
  /** Which of these stories were already delivered to the destination. */
  deliveredStoryIds(destinationId: string, storyIds?: string[]): Promise<Set<string>>;
  /** Every destination's delivered stories since a time, for bulk selection. */
  deliveredSince(since: Date): Promise<Map<string, Set<string>>>;
  /** Retention: forget finished deliveries and delivered-story marks older than `before`. */
  pruneBefore(before: Date): Promise<{ deliveries: number; deliveredStories: number }>;
  /** Mark stories delivered outside a digest (e.g. an on-demand /digest), so they are not repeated. */
  markDelivered(destinationId: string, storyIds: string[], deliveryId: string | null, now: Date): Promise<void>;
  /**
   * Story `from` was merged into story `into` (and is going away): every destination that received
   * `from` has received `into`, by the same delivery at the same time. Returns how many destinations.
   */
  carryOver(fromStoryId: string, intoStoryId: string): Promise<number>;
}

/** Ties between stories across days (issue 11: developing stories). */
export interface StoryLinkRepository {
  /** Insert or replace each story's link (one per story). */
  saveMany(links: StoryLink[]): Promise<void>;
  /** The links of these (later) stories, by story id. */
  forStories(storyIds: string[]): Promise<Map<string, StoryLink>>;
  /** Retention: forget links made before `before`. Returns how many. */
  pruneBefore(before: Date): Promise<number>;
}

/** Where each delivered story landed, so a follow-up can reply to it. */
export interface StoryMessageRepository {
  /** Record placements; a story already placed for a destination keeps its first message. */
  record(messages: StoryMessage[]): Promise<void>;
  /** The placements of these stories for a destination, by story id. */
  find(destinationId: string, storyIds: string[]): Promise<Map<string, StoryMessage>>;
  /** Story `from` was merged into story `into`: its placements are `into`'s where `into` has none. */
  carryOver(fromStoryId: string, intoStoryId: string): Promise<void>;
  /** Retention: forget placements older than `before`. Returns how many. */
  pruneBefore(before: Date): Promise<number>;
}

/** Small key/value settings (e.g. the hash of registered Discord commands). */
export interface SettingsRepository {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
}

/**
 * Named leases by the database clock: leader locks and per-host fetch slots shared by every instance
 * on one database. A lease is free once expired, so a dead holder is replaced within one lease.
 */
export interface LeaseRepository {
  /** Take `name` for `holder`, or renew it if `holder` has it; true when `holder` holds it now. */
  acquire(name: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Give it up (only if `holder` has it), so another instance need not wait for it to expire. */
  release(name: string, holder: string): Promise<void>;
  /** Who holds `name` now (null when free or expired). */
  holder(name: string): Promise<{ holder: string; expiresAt: Date } | null>;
}

/**
 * A send budget shared by every instance using one bot token, kept in the database (Postgres): a rate
 * with a small burst, and a hold that a 429's retry_after puts on every send of that token.
 */
export interface SendBudgetRepository {
  /** Take one send of `key` now: 0 when granted, else how long to wait (ms) before asking again. */
  take(key: string, perSecond: number, burst: number): Promise<number>;
  /** Hold every send of `key` for `ms` from now (the database's clock). */
  hold(key: string, ms: number): Promise<void>;
}

/** A summary sentence as stored: its text and the items it cites. */
export interface CitedSentenceRecord {
  text: string;
  itemIds: string[];
}

/** The outcome of summarising one story version with the language model. */
export interface StoredSummary {
  storyId: string;
  /** Hash of the item set the model was given (see summaryVersion). */
  version: string;
  /** ok: verified sentences; empty: nothing survived verification; failed: no usable answer. */
  status: "ok" | "empty" | "failed";
  sentences: CitedSentenceRecord[];
  /** Calls made for this version (a failure is retried at most once). */
  attempts: number;
  model: string | null;
  lastError: string | null;
  updatedAt: Date;
}

export interface SummaryRepository {
  getMany(keys: readonly { storyId: string; version: string }[]): Promise<StoredSummary[]>;
  /** Record one call's outcome for the version: insert, or replace and count one more attempt. */
  record(summary: Omit<StoredSummary, "attempts" | "updatedAt">, now: Date): Promise<void>;
  /** Take one call from the day's budget, atomically across instances; false when it is spent. */
  reserveCall(day: string, max: number): Promise<boolean>;
  callsOn(day: string): Promise<number>;
  /** Retention: forget summaries not updated since `before`, and older usage days. */
  pruneBefore(before: Date): Promise<number>;
}

export interface Store {
  readonly dialect: "sqlite" | "postgres";
  readonly feeds: FeedRepository;
  readonly items: ItemRepository;
  readonly stories: StoryRepository;
  readonly topics: TopicRepository;
  readonly communities: CommunityRepository;
  readonly destinations: DestinationRepository;
  readonly subscriptions: SubscriptionRepository;
  readonly filters: FilterRepository;
  readonly deliveries: DeliveryRepository;
  readonly settings: SettingsRepository;
  readonly storyLinks: StoryLinkRepository;
  readonly storyMessages: StoryMessageRepository;
  readonly leases: LeaseRepository;
  /** Null on SQLite: one process, whose own limiter is exact and costs no query per message. */
  readonly sendBudget: SendBudgetRepository | null;
  readonly summaries: SummaryRepository;
  close(): Promise<void>;
}
