/**
 * The core's reactions to platform events: deactivate or move destinations, and tell moderators.
 */
import type { PlatformEvents } from "./bot.js";
import type { Logger } from "./logger.js";
import type { Store } from "./ports.js";

export function createPlatformEvents(store: Store, logger: Logger): PlatformEvents {
  return {
    async removedFromCommunity(communityId, reason) {
      const dests = await store.destinations.list({ communityId, active: true });
      for (const d of dests) await store.destinations.deactivate(d.id, reason);
      logger.info({ communityId, count: dests.length, reason }, "removed from community; destinations deactivated");
    },
    async chatMigrated(platform, fromChatId, toChatId) {
      const n = await store.destinations.moveChat(platform, fromChatId, toChatId);
      logger.info({ platform, fromChatId, toChatId, moved: n }, "chat migrated");
    },
    async chatUnreachable(platform, chatId, reason, threadId) {
      const all = await store.destinations.list({ platform, active: true });
      // A DM destination is keyed by the user id, so a DM channel id may also match `userId`.
      const hit = all.filter(
        (x) => (x.chatId === chatId || (x.kind === "dm" && x.userId === chatId)) && (threadId === undefined || x.threadId === threadId),
      );
      for (const d of hit) await store.destinations.deactivate(d.id, reason);
      if (hit.length) logger.info({ platform, chatId, threadId, count: hit.length, reason }, "destinations unreachable; deactivated");
    },
  };
}
