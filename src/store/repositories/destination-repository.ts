import type { Kysely } from "kysely";
import type { DestinationPatch, DestinationRepository } from "../../core/ports.js";
import type { Destination, DestinationKind, Platform } from "../../core/types.js";
import type { Database } from "../database.js";
import type { DestinationRow, DestinationUpdate } from "../tables/destinations.table.js";
import { ms, toDate, uuid } from "./shared.js";

export function toDestination(r: DestinationRow): Destination {
  return {
    id: r.id,
    platform: r.platform as Platform,
    chatId: r.chat_id,
    threadId: r.thread_id === "" ? null : r.thread_id,
    kind: r.kind as DestinationKind,
    name: r.name,
    communityId: r.community_id,
    userId: r.user_id,
    timeOfDay: r.time_of_day,
    timeZone: r.time_zone,
    maxStories: r.max_stories,
    active: r.active === 1,
    inactiveReason: r.inactive_reason,
    lastDigestAt: toDate(r.last_digest_at),
    createdAt: new Date(Number(r.created_at)),
  };
}

function toUpdate(p: DestinationPatch): DestinationUpdate {
  const u: DestinationUpdate = {};
  if (p.timeOfDay !== undefined) u.time_of_day = p.timeOfDay;
  if (p.timeZone !== undefined) u.time_zone = p.timeZone;
  if (p.maxStories !== undefined) u.max_stories = p.maxStories;
  if (p.active !== undefined) u.active = p.active ? 1 : 0;
  if (p.inactiveReason !== undefined) u.inactive_reason = p.inactiveReason;
  if (p.lastDigestAt !== undefined) u.last_digest_at = ms(p.lastDigestAt);
  if (p.chatId !== undefined) u.chat_id = p.chatId;
  if (p.threadId !== undefined) u.thread_id = p.threadId ?? "";
  if (p.name !== undefined) u.name = p.name;
  return u;
}

export function createDestinationRepository(db: Kysely<Database>): DestinationRepository {
  const find = async (platform: Platform, chatId: string, threadId?: string | null) => {
    const r = await db
      .selectFrom("destinations")
      .selectAll()
      .where("platform", "=", platform)
      .where("chat_id", "=", chatId)
      .where("thread_id", "=", threadId ?? "")
      .executeTakeFirst();
    return r ? toDestination(r) : null;
  };
  return {
    async upsert(d, now) {
      const t = now.getTime();
      await db
        .insertInto("destinations")
        .values({
          id: uuid(),
          platform: d.platform,
          chat_id: d.chatId,
          thread_id: d.threadId ?? "",
          kind: d.kind,
          name: d.name ?? null,
          community_id: d.communityId ?? null,
          user_id: d.userId ?? null,
          time_of_day: d.timeOfDay,
          time_zone: d.timeZone,
          max_stories: d.maxStories ?? 10,
          active: 1,
          created_at: t,
          updated_at: t,
        })
        // Setting a destination again re-activates it: a moderator who re-runs "channel set" means it.
        .onConflict((oc) =>
          oc.columns(["platform", "chat_id", "thread_id"]).doUpdateSet({
            time_of_day: d.timeOfDay,
            time_zone: d.timeZone,
            ...(d.maxStories !== undefined ? { max_stories: d.maxStories } : {}),
            ...(d.name ? { name: d.name } : {}),
            active: 1,
            inactive_reason: null,
            updated_at: t,
          }),
        )
        .execute();
      const got = await find(d.platform, d.chatId, d.threadId);
      if (!got) throw new Error("destination vanished after upsert");
      return got;
    },
    async get(id) {
      const r = await db.selectFrom("destinations").selectAll().where("id", "=", id).executeTakeFirst();
      return r ? toDestination(r) : null;
    },
    find,
    async list(opts = {}) {
      let q = db.selectFrom("destinations").selectAll();
      if (opts.platform) q = q.where("platform", "=", opts.platform);
      if (opts.communityId) q = q.where("community_id", "=", opts.communityId);
      if (opts.active !== undefined) q = q.where("active", "=", opts.active ? 1 : 0);
      if (opts.kind) q = q.where("kind", "=", opts.kind);
      if (opts.userId) q = q.where("user_id", "=", opts.userId);
      return (await q.orderBy("created_at").orderBy("id").execute()).map(toDestination);
    },
    async update(id, patch) {
      const u = toUpdate(patch);
      if (Object.keys(u).length === 0) return;
      await db
        .updateTable("destinations")
        .set({ ...u, updated_at: Date.now() })
        .where("id", "=", id)
        .execute();
    },
    async deactivate(id, reason) {
      await db
        .updateTable("destinations")
        .set({ active: 0, inactive_reason: reason, updated_at: Date.now() })
        .where("id", "=", id)
        .execute();
    },
    async moveChat(platform, fromChatId, toChatId) {
      const r = await db
        .updateTable("destinations")
        .set({ chat_id: toChatId, updated_at: Date.now() })
        .where("platform", "=", platform)
        .where("chat_id", "=", fromChatId)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
    async remove(id) {
      const r = await db.deleteFrom("destinations").where("id", "=", id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}
