import type { Kysely } from "kysely";
import type { StoryLinkRepository, StoryMessageRepository } from "../../core/ports.js";
import type { StoryLink, StoryLinkKind, StoryMessage } from "../../core/types.js";
import type { Database } from "../database.js";
import type { StoryLinkRow } from "../tables/story-links.table.js";
import type { StoryMessageRow } from "../tables/story-messages.table.js";
import { chunk } from "./shared.js";

function toLink(r: StoryLinkRow): StoryLink {
  return {
    storyId: r.story_id,
    earlierStoryId: r.earlier_story_id,
    kind: (r.kind === "same" ? "same" : "followup") satisfies StoryLinkKind,
    score: Number(r.score),
    earlierTitle: r.earlier_title,
    earlierUrl: r.earlier_url,
    earlierFirstSeenAt: new Date(Number(r.earlier_first_seen_at)),
    createdAt: new Date(Number(r.created_at)),
  };
}

function toMessage(r: StoryMessageRow): StoryMessage {
  return {
    destinationId: r.destination_id,
    storyId: r.story_id,
    deliveryId: r.delivery_id,
    chatId: r.chat_id,
    threadId: r.thread_id === "" ? null : r.thread_id,
    messageId: r.message_id,
    sentAt: new Date(Number(r.sent_at)),
  };
}

export function createStoryLinkRepository(db: Kysely<Database>): StoryLinkRepository {
  return {
    async saveMany(links) {
      for (const part of chunk(links, 200)) {
        if (part.length === 0) continue;
        await db
          .insertInto("story_links")
          .values(
            part.map((l) => ({
              story_id: l.storyId,
              earlier_story_id: l.earlierStoryId,
              kind: l.kind,
              score: l.score,
              earlier_title: l.earlierTitle,
              earlier_url: l.earlierUrl,
              earlier_first_seen_at: l.earlierFirstSeenAt.getTime(),
              created_at: l.createdAt.getTime(),
            })),
          )
          .onConflict((oc) =>
            oc.column("story_id").doUpdateSet((eb) => ({
              earlier_story_id: eb.ref("excluded.earlier_story_id"),
              kind: eb.ref("excluded.kind"),
              score: eb.ref("excluded.score"),
              earlier_title: eb.ref("excluded.earlier_title"),
              earlier_url: eb.ref("excluded.earlier_url"),
              earlier_first_seen_at: eb.ref("excluded.earlier_first_seen_at"),
            })),
          )
          .execute();
      }
    },
    async forStories(storyIds) {
      const out = new Map<string, StoryLink>();
      for (const part of chunk(storyIds)) {
        if (part.length === 0) continue;
        const rows = await db.selectFrom("story_links").selectAll().where("story_id", "in", part).execute();
        for (const r of rows) out.set(r.story_id, toLink(r));
      }
      return out;
    },
    async pruneBefore(before) {
      const r = await db.deleteFrom("story_links").where("created_at", "<", before.getTime()).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}

export function createStoryMessageRepository(db: Kysely<Database>): StoryMessageRepository {
  const repo: StoryMessageRepository = {
    async record(messages) {
      for (const part of chunk(messages, 200)) {
        if (part.length === 0) continue;
        await db
          .insertInto("story_messages")
          .values(
            part.map((m) => ({
              destination_id: m.destinationId,
              story_id: m.storyId,
              delivery_id: m.deliveryId,
              chat_id: m.chatId,
              thread_id: m.threadId ?? "",
              message_id: m.messageId,
              sent_at: m.sentAt.getTime(),
            })),
          )
          // A resumed send may report a part twice: the first placement is the one readers saw.
          .onConflict((oc) => oc.columns(["destination_id", "story_id"]).doNothing())
          .execute();
      }
    },
    async carryOver(fromStoryId, intoStoryId) {
      if (fromStoryId === intoStoryId) return;
      const rows = await db.selectFrom("story_messages").selectAll().where("story_id", "=", fromStoryId).execute();
      await repo.record(rows.map((r) => ({ ...toMessage(r), storyId: intoStoryId })));
    },
    async find(destinationId, storyIds) {
      const out = new Map<string, StoryMessage>();
      for (const part of chunk(storyIds)) {
        if (part.length === 0) continue;
        const rows = await db
          .selectFrom("story_messages")
          .selectAll()
          .where("destination_id", "=", destinationId)
          .where("story_id", "in", part)
          .execute();
        for (const r of rows) out.set(r.story_id, toMessage(r));
      }
      return out;
    },
    async pruneBefore(before) {
      const r = await db.deleteFrom("story_messages").where("sent_at", "<", before.getTime()).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
  return repo;
}
