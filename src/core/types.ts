/**
 * Domain types shared by every part of newsdesk. Plain data only: no behaviour, no imports from the
 * rest of the app. Rows become these objects inside `src/store`; adapters and the digest pipeline see
 * nothing else.
 */

export type Platform = "discord" | "telegram" | "console";

/** A feed's scope: the whole instance (operator config, CLI) or one community (added from chat). */
export type FeedScope = { kind: "global" } | { kind: "community"; communityId: string };

export interface FeedHealth {
  lastPolledAt: Date | null;
  lastSuccessAt: Date | null;
  consecutiveFailures: number;
  /** When the current run of failures began (null while healthy); drives "disable after N days". */
  failingSince: Date | null;
  lastError: string | null;
  /** Machine-readable kind of the last error (timeout, dns, tls, http, too-large, not-a-feed, parse …). */
  lastErrorKind: string | null;
  nextPollAt: Date | null;
  /** Set when moderators were warned that this feed is about to be disabled. */
  warnedAt: Date | null;
  disabledAt: Date | null;
  disabledReason: string | null;
}

export interface Feed {
  id: string;
  url: string;
  scope: FeedScope;
  title: string | null;
  siteUrl: string | null;
  etag: string | null;
  lastModified: string | null;
  /** Multiplier in ranking (1 = normal). */
  sourceWeight: number;
  /** Minimum minutes between polls the feed asked for (RSS `ttl`), if any. */
  ttlMinutes: number | null;
  health: FeedHealth;
  createdAt: Date;
}

export interface Item {
  /** Stable id: hash of feed id + `hash`. */
  id: string;
  feedId: string;
  /** Stable identity within the feed: hash of guid, else canonical link, else title + content. */
  hash: string;
  guid: string | null;
  url: string;
  canonicalUrl: string;
  title: string;
  /** Clean text, cut at a sentence boundary. */
  summary: string;
  /** Hash of title + summary, to tell an edited item from an unchanged one. */
  contentHash: string;
  imageUrl: string | null;
  author: string | null;
  publishedAt: Date;
  /** True when the feed gave no usable date and `publishedAt` is the first-seen time. */
  dateIsFallback: boolean;
  firstSeenAt: Date;
  storyId: string | null;
}

/** An item as produced by normalisation, before the store assigns first-seen time and story. */
export type NewItem = Omit<Item, "firstSeenAt" | "storyId">;

export interface StoryTopic {
  topicId: string;
  confidence: number;
}

export interface StorySource {
  /** Outlet name (feed title, else host). */
  name: string;
  url: string;
  feedId: string;
  itemId: string;
  /** When this outlet first had the story (ISO 8601); absent on stories stored before it was kept. */
  publishedAt?: string;
  /** The story's primary source (the organisation's own post, the paper): its host, e.g. "openai.com". */
  primaryHost?: string;
}

/** A sentence of a grounded summary and the sources it rests on. */
export interface CitedSentence {
  text: string;
  /** 1-based positions in the story's `sources`; at least one. */
  sources: number[];
}

export interface Story {
  id: string;
  headlineItemId: string;
  title: string;
  url: string;
  summary: string;
  /**
   * A grounded summary from the language model, when one was made and verified for the story's current
   * sources; `summary` then holds the same sentences as plain text. Absent: `summary` is extractive.
   */
  cited?: CitedSentence[];
  imageUrl: string | null;
  sources: StorySource[];
  topics: StoryTopic[];
  score: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

export interface Topic {
  id: string;
  name: string;
  description: string;
  /** Case-insensitive words or phrases matched at word boundaries. */
  keywords: string[];
  /** Words or phrases that veto a match. */
  exclude: string[];
  /** null for the built-in catalogue, else the community that defined it. */
  communityId: string | null;
}

export interface Community {
  /** e.g. `discord:<guild id>` or `telegram:<chat id>`. */
  id: string;
  platform: Platform;
  externalId: string;
  name: string | null;
  /** Where moderator notices (feed failing, destination deactivated) go, if anywhere. */
  noticeDestinationId: string | null;
  createdAt: Date;
}

export type DestinationKind = "channel" | "dm";

export interface Destination {
  id: string;
  platform: Platform;
  chatId: string;
  /** Discord thread / forum channel or Telegram forum topic; null for the chat itself. */
  threadId: string | null;
  kind: DestinationKind;
  /** Display name when the platform told us one ("#news", a group's title); for notices and /status. */
  name?: string | null;
  communityId: string | null;
  /** For a DM destination: the platform user it belongs to. */
  userId: string | null;
  /** Local time of day, "HH:MM" (24-hour). */
  timeOfDay: string;
  /** IANA time zone, e.g. "Europe/Berlin". */
  timeZone: string;
  maxStories: number;
  active: boolean;
  inactiveReason: string | null;
  /** When the last digest was completed; selection starts after it. */
  lastDigestAt: Date | null;
  createdAt: Date;
}

export type FilterMode = "include" | "exclude";

export interface KeywordFilter {
  destinationId: string;
  mode: FilterMode;
  word: string;
}

export type DeliveryStatus = "claimed" | "sent" | "failed";

export interface Delivery {
  id: string;
  destinationId: string;
  /** e.g. the destination's local date "2026-11-24"; unique per destination. */
  digestKey: string;
  status: DeliveryStatus;
  /** Which instance holds the claim, and until when; an expired lease may be taken over. */
  claimedBy: string | null;
  leaseUntil: Date | null;
  attempts: number;
  /** Stories planned for this digest, fixed at claim time so a resumed send sends the same digest. */
  storyIds: string[];
  /** Platform message ids recorded as each message is accepted. */
  messageIds: string[];
  /** The digest as built at claim time; a resumed send sends exactly this (null if none was stored). */
  doc: DigestDoc | null;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

/** The platform-neutral digest that adapters render. */
export interface DigestStory {
  id: string;
  title: string;
  url: string;
  summary: string;
  /**
   * The summary as cited sentences (a grounded summary): each sentence with numbered links to the
   * sources it rests on. Renderers show these instead of `summary` when present.
   */
  citations?: { text: string; sources: { n: number; url: string }[] }[];
  imageUrl: string | null;
  /** Sources shown (first few); `moreSources` counts the rest. */
  sources: { name: string; url: string }[];
  moreSources: number;
  topics: { id: string; name: string }[];
  score: number;
  /** Set when the story develops an earlier one (see StoryFollowUp). */
  followUp?: StoryFollowUp;
  /** Who covered the story: for the coverage line ("8 outlets · first: TechWire, 15:10 · primary source: openai.com"). */
  coverage?: StoryCoverage;
}

export interface StoryCoverage {
  /** Distinct outlets. */
  outlets: number;
  /** The outlet that had it first and when, as local time ("15:10", or "Tue 15:10" on another day). */
  first: { name: string; time: string } | null;
  /** Host of the primary source, if the story has one. */
  primary: string | null;
}

/**
 * A story that develops an earlier one. "update": the destination received the earlier story, so this
 * one is shown as "Update: …" in reply to that message; "follows": it did not, so the story is shown
 * as new with one line of context ("Follows: <headline>, 3 days ago"). JSON-safe (the doc is stored).
 */
export interface StoryFollowUp {
  kind: "update" | "follows";
  earlierStoryId: string;
  earlierTitle: string;
  earlierUrl: string;
  /** ISO time the earlier story was first seen. */
  earlierAt: string;
  /** "update" only: where the earlier story was delivered, to reply to (absent: not known). */
  replyTo?: MessageRef;
}

/** A message a platform accepted: the place (chat or channel, thread/topic) and its id. */
export interface MessageRef {
  chatId: string;
  threadId: string | null;
  messageId: string;
}

export type StoryLinkKind = "followup" | "same";

/** A story's tie to an earlier story, beyond the clustering window. */
export interface StoryLink {
  storyId: string;
  earlierStoryId: string;
  /** "followup": a later development; "same": more coverage of the same facts. */
  kind: StoryLinkKind;
  score: number;
  earlierTitle: string;
  earlierUrl: string;
  earlierFirstSeenAt: Date;
  createdAt: Date;
}

/** Where a delivered story landed for a destination. */
export interface StoryMessage extends MessageRef {
  destinationId: string;
  storyId: string;
  deliveryId: string | null;
  sentAt: Date;
}

export interface DigestDoc {
  /** e.g. "AI news — Tuesday 24 November 2026". */
  title: string;
  /** The destination's local date, YYYY-MM-DD. */
  date: string;
  stories: DigestStory[];
  /** Stories that matched but did not fit. */
  more: number;
  /** Stories the destination already received that only gained outlets since (a "more coverage" line). */
  moreCoverage?: number;
}
