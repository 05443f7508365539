import { sql, type Kysely } from "kysely";
import type { ClaimResult, DeliveryRepository } from "../../core/ports.js";
import type { Delivery, DeliveryStatus, DigestDoc } from "../../core/types.js";
import type { Database } from "../database.js";
import type { DeliveryRow } from "../tables/deliveries.table.js";
import { dbNowMs } from "./db-clock.js";
import { chunk, parseJsonArray, toDate, uuid } from "./shared.js";

function toDelivery(r: DeliveryRow): Delivery {
  return {
    id: r.id,
    destinationId: r.destination_id,
    digestKey: r.digest_key,
    status: r.status as DeliveryStatus,
    claimedBy: r.claimed_by,
    leaseUntil: toDate(r.lease_until),
    attempts: r.attempts,
    storyIds: parseJsonArray<string>(r.story_ids),
    messageIds: parseJsonArray<string>(r.message_ids),
    doc: r.doc ? (JSON.parse(r.doc) as DigestDoc) : null,
    lastError: r.last_error,
    createdAt: new Date(Number(r.created_at)),
    sentAt: toDate(r.sent_at),
  };
}

/**
 * The delivery ledger. The unique (destination_id, digest_key) constraint is what makes a digest
 * exactly-once across instances: whoever inserts the row owns it; everyone else sees a conflict.
 * A claim whose lease expired (its holder crashed) may be taken over by a conditional UPDATE, which
 * the database serialises, so only one taker wins.
 *
 * Lease times are the database's clock at the moment of the claim (and of each renewal), never the
 * caller's idea of "now": a digest run passes the time its tick started, and a destination claimed
 * 13 minutes into a long tick must not be born with an already expired lease. One clock also means two
 * instances with skewed clocks agree on when a lease ran out.
 */
export function createDeliveryRepository(db: Kysely<Database>, dialect: "sqlite" | "postgres" = "sqlite"): DeliveryRepository {
  const clock = dbNowMs(dialect);
  const leaseFromNow = (ms: number) => sql<number>`${clock} + ${Math.max(0, Math.round(ms))}`;
  const find = async (destinationId: string, digestKey: string) => {
    const r = await db
      .selectFrom("deliveries")
      .selectAll()
      .where("destination_id", "=", destinationId)
      .where("digest_key", "=", digestKey)
      .executeTakeFirst();
    return r ? toDelivery(r) : null;
  };

  return {
    async claim(req): Promise<ClaimResult> {
      const t = req.now.getTime();
      const id = uuid();
      const ins = await db
        .insertInto("deliveries")
        .values({
          id,
          destination_id: req.destinationId,
          digest_key: req.digestKey,
          status: "claimed",
          claimed_by: req.instanceId,
          lease_until: leaseFromNow(req.leaseMs),
          attempts: 1,
          story_ids: JSON.stringify(req.storyIds),
          message_ids: "[]",
          doc: req.doc ? JSON.stringify(req.doc) : null,
          created_at: t,
          updated_at: t,
        })
        .onConflict((oc) => oc.columns(["destination_id", "digest_key"]).doNothing())
        .executeTakeFirst();
      if (Number(ins.numInsertedOrUpdatedRows ?? 0) > 0) {
        const d = await find(req.destinationId, req.digestKey);
        if (d && d.id === id) return { claimed: true, delivery: d, resumed: false };
      }
      // Someone holds this key. Take it over only if unfinished and its lease ran out (or, at start-up,
      // if it is our own claim from before a restart).
      const upd = await db
        .updateTable("deliveries")
        .set({
          claimed_by: req.instanceId,
          lease_until: leaseFromNow(req.leaseMs),
          attempts: sql<number>`attempts + 1`,
          updated_at: t,
        })
        .where("destination_id", "=", req.destinationId)
        .where("digest_key", "=", req.digestKey)
        .where("status", "=", "claimed")
        .where((eb) => {
          const expired = eb.or([eb("lease_until", "is", null), eb("lease_until", "<=", clock)]);
          return req.resumeOwn ? eb.or([expired, eb("claimed_by", "=", req.instanceId)]) : expired;
        })
        .executeTakeFirst();
      const current = await find(req.destinationId, req.digestKey);
      if (!current) throw new Error("delivery row vanished during claim");
      if (Number(upd.numUpdatedRows) > 0) return { claimed: true, delivery: current, resumed: true };
      return { claimed: false, delivery: current };
    },

    async recordMessage(deliveryId, messageId, fence) {
      return db.transaction().execute(async (trx) => {
        const r = await trx
          .selectFrom("deliveries")
          .select(["message_ids", "claimed_by", "status"])
          .where("id", "=", deliveryId)
          .executeTakeFirst();
        if (!r) return false;
        if (fence && (r.claimed_by !== fence.owner || r.status !== "claimed")) return false;
        const ids = parseJsonArray<string>(r.message_ids);
        ids.push(messageId);
        let q = trx
          .updateTable("deliveries")
          .set({
            message_ids: JSON.stringify(ids),
            updated_at: Date.now(),
            // Every accepted message renews the lease: a long send is not mistaken for a dead one.
            ...(fence ? { lease_until: leaseFromNow(fence.leaseMs) } : {}),
          })
          .where("id", "=", deliveryId);
        // The fence is in the UPDATE itself, which the database applies atomically with any takeover.
        if (fence) q = q.where("claimed_by", "=", fence.owner).where("status", "=", "claimed");
        const u = await q.executeTakeFirst();
        return Number(u.numUpdatedRows) > 0;
      });
    },

    async complete(deliveryId, now, owner) {
      const t = now.getTime();
      return db.transaction().execute(async (trx) => {
        const r = await trx.selectFrom("deliveries").selectAll().where("id", "=", deliveryId).executeTakeFirst();
        if (!r) return false;
        let q = trx
          .updateTable("deliveries")
          .set({ status: "sent", sent_at: t, lease_until: null, updated_at: t, last_error: null })
          .where("id", "=", deliveryId);
        if (owner) q = q.where("claimed_by", "=", owner).where("status", "=", "claimed");
        // A claim lost to another instance is that instance's to finish.
        if (Number((await q.executeTakeFirst()).numUpdatedRows) === 0) return false;
        const storyIds = parseJsonArray<string>(r.story_ids);
        for (const part of chunk(storyIds)) {
          if (part.length === 0) continue;
          await trx
            .insertInto("delivered_stories")
            .values(part.map((s) => ({ destination_id: r.destination_id, story_id: s, delivery_id: r.id, delivered_at: t })))
            .onConflict((oc) => oc.columns(["destination_id", "story_id"]).doNothing())
            .execute();
        }
        await trx
          .updateTable("destinations")
          .set({ last_digest_at: t, updated_at: t })
          .where("id", "=", r.destination_id)
          .execute();
        return true;
      });
    },

    async fail(deliveryId, error, final, now, opts = {}) {
      const t = now.getTime();
      // The retry time is a delay from now on the database's clock (see leases above).
      const retryAfterMs = opts.retryAfterMs ?? (opts.retryAt ? opts.retryAt.getTime() - t : 0);
      let q = db
        .updateTable("deliveries")
        .set(
          final
            ? { status: "failed", last_error: error, lease_until: null, updated_at: t }
            : // Released: the lease ends at retryAt, after which the next tick (any instance) may retry.
              { last_error: error, lease_until: leaseFromNow(retryAfterMs), updated_at: t },
        )
        .where("id", "=", deliveryId);
      if (opts.owner) q = q.where("claimed_by", "=", opts.owner).where("status", "=", "claimed");
      return Number((await q.executeTakeFirst()).numUpdatedRows) > 0;
    },

    async get(id) {
      const r = await db.selectFrom("deliveries").selectAll().where("id", "=", id).executeTakeFirst();
      return r ? toDelivery(r) : null;
    },
    find,
    async latest(destinationId) {
      const r = await db
        .selectFrom("deliveries")
        .selectAll()
        .where("destination_id", "=", destinationId)
        .orderBy("created_at", "desc")
        .executeTakeFirst();
      return r ? toDelivery(r) : null;
    },
    async listUnfinished() {
      const rows = await db.selectFrom("deliveries").selectAll().where("status", "=", "claimed").execute();
      return rows.map(toDelivery);
    },
    async deliveredStoryIds(destinationId, storyIds) {
      let q = db.selectFrom("delivered_stories").select("story_id").where("destination_id", "=", destinationId);
      if (storyIds) {
        if (storyIds.length === 0) return new Set();
        const out = new Set<string>();
        for (const part of chunk(storyIds)) {
          const rows = await q.where("story_id", "in", part).execute();
          for (const r of rows) out.add(r.story_id);
        }
        return out;
      }
      q = q.orderBy("delivered_at");
      return new Set((await q.execute()).map((r) => r.story_id));
    },
    async deliveredSince(since) {
      const rows = await db
        .selectFrom("delivered_stories")
        .select(["destination_id", "story_id"])
        .where("delivered_at", ">=", since.getTime())
        .execute();
      const map = new Map<string, Set<string>>();
      for (const r of rows) {
        let set = map.get(r.destination_id);
        if (!set) map.set(r.destination_id, (set = new Set()));
        set.add(r.story_id);
      }
      return map;
    },
    async pruneBefore(before) {
      const t = before.getTime();
      // Unfinished claims are kept whatever their age: they are resumed, never forgotten.
      const d = await db.deleteFrom("deliveries").where("created_at", "<", t).where("status", "!=", "claimed").executeTakeFirst();
      const s = await db.deleteFrom("delivered_stories").where("delivered_at", "<", t).executeTakeFirst();
      return { deliveries: Number(d.numDeletedRows), deliveredStories: Number(s.numDeletedRows) };
    },
    async carryOver(fromStoryId, intoStoryId) {
      if (fromStoryId === intoStoryId) return 0;
      const rows = await db.selectFrom("delivered_stories").selectAll().where("story_id", "=", fromStoryId).execute();
      for (const part of chunk(rows)) {
        if (part.length === 0) continue;
        await db
          .insertInto("delivered_stories")
          .values(part.map((r) => ({ destination_id: r.destination_id, story_id: intoStoryId, delivery_id: r.delivery_id, delivered_at: r.delivered_at })))
          .onConflict((oc) => oc.columns(["destination_id", "story_id"]).doNothing())
          .execute();
      }
      return rows.length;
    },
    async markDelivered(destinationId, storyIds, deliveryId, now) {
      for (const part of chunk(storyIds)) {
        if (part.length === 0) continue;
        await db
          .insertInto("delivered_stories")
          .values(
            part.map((s) => ({ destination_id: destinationId, story_id: s, delivery_id: deliveryId, delivered_at: now.getTime() })),
          )
          .onConflict((oc) => oc.columns(["destination_id", "story_id"]).doNothing())
          .execute();
      }
    },
  };
}
