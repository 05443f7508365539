/**
 * Services the command layer needs from the digest side, declared here (where they are needed) and
 * implemented in src/digest, wired by the composition root.
 */
import type { DigestDoc, Destination, Item, KeywordFilter } from "./types.js";

export interface PreviewRequest {
  /** The destination whose digest to preview; omitted: an ad-hoc preview from the fields below. */
  destination?: Destination;
  topics?: string[];
  filters?: KeywordFilter[];
  communityId?: string | null;
  maxStories?: number;
  timeZone?: string;
}

export interface DigestService {
  /** What the destination would receive now, without recording anything. */
  preview(req: PreviewRequest, now: Date): Promise<DigestDoc>;
}

export type FeedCheck =
  | { ok: true; url: string; title: string | null; items: Pick<Item, "title" | "url" | "publishedAt">[] }
  | { ok: false; code: string; reason: string; suggestedUrl?: string };

export interface FeedService {
  /** Fetch and parse once through the SSRF guard (never file:, never private hosts from chat). */
  check(url: string): Promise<FeedCheck>;
}
