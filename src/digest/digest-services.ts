/**
 * Implementations of the services the command layer declares in src/core/services.ts, over the
 * digest leaves: previews of a destination's next digest, and a one-off feed check for chat commands.
 */
import type { Store } from "../core/ports.js";
import type { DigestService, FeedCheck, FeedService } from "../core/services.js";
import { previewDigest } from "./build-digest.js";
import type { FeedFetcher } from "./ingest/feed-fetcher.js";
import { testFeed } from "./ingest/test-feed.js";

export function createDigestService(store: Store, defaults: { maxStories: number; groundedSummaries?: boolean }): DigestService {
  return {
    async preview(req, now) {
      const dest = req.destination;
      const topics = req.topics ?? (dest ? await store.subscriptions.list(dest.id) : []);
      const filters = req.filters ?? (dest ? await store.filters.list(dest.id) : []);
      return previewDigest(
        store,
        {
          topics,
          filters,
          since: dest?.lastDigestAt ?? null,
          maxStories: req.maxStories ?? dest?.maxStories ?? defaults.maxStories,
          timeZone: req.timeZone ?? dest?.timeZone ?? "UTC",
          destinationId: dest?.id ?? null,
          communityId: req.communityId !== undefined ? req.communityId : (dest?.communityId ?? null),
          groundedSummaries: defaults.groundedSummaries ?? false,
        },
        now,
      );
    },
  };
}

/**
 * Feed checks from chat. The fetcher passed here must be the chat-safe one: no file: URLs, and the
 * SSRF guard on unless the operator allowed private hosts.
 */
export function createFeedService(fetcher: FeedFetcher): FeedService {
  return {
    async check(url): Promise<FeedCheck> {
      if (!/^https?:\/\//i.test(url.trim())) {
        return { ok: false, code: "scheme", reason: "only http:// and https:// feed URLs can be added from chat" };
      }
      const r = await testFeed(url.trim(), fetcher, { sample: 3 });
      if (r.ok) {
        return {
          ok: true,
          url: r.url,
          title: r.title,
          items: r.items.map((i) => ({ title: i.title, url: i.url, publishedAt: i.publishedAt })),
        };
      }
      return {
        ok: false,
        code: r.error?.code ?? "error",
        reason: r.error?.message ?? "the feed could not be read",
        ...(r.followedAlternate ? { suggestedUrl: r.url } : {}),
      };
    },
  };
}
