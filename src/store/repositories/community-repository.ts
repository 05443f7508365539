import type { Kysely } from "kysely";
import type { CommunityRepository } from "../../core/ports.js";
import type { Community, Platform } from "../../core/types.js";
import type { Database } from "../database.js";
import type { CommunityRow } from "../tables/communities.table.js";

const toCommunity = (r: CommunityRow): Community => ({
  id: r.id,
  platform: r.platform as Platform,
  externalId: r.external_id,
  name: r.name,
  noticeDestinationId: r.notice_destination_id,
  createdAt: new Date(Number(r.created_at)),
});

export function createCommunityRepository(db: Kysely<Database>): CommunityRepository {
  const get = async (id: string) => {
    const r = await db.selectFrom("communities").selectAll().where("id", "=", id).executeTakeFirst();
    return r ? toCommunity(r) : null;
  };
  return {
    async upsert(c, now) {
      await db
        .insertInto("communities")
        .values({
          id: c.id,
          platform: c.platform,
          external_id: c.externalId,
          name: c.name,
          notice_destination_id: c.noticeDestinationId,
          created_at: now.getTime(),
        })
        // The name may change (server renamed); the notice destination is only changed explicitly.
        .onConflict((oc) => oc.column("id").doUpdateSet({ name: c.name }))
        .execute();
      const got = await get(c.id);
      if (!got) throw new Error(`community ${c.id} vanished after upsert`);
      return got;
    },
    get,
    async setNoticeDestination(id, destinationId) {
      await db.updateTable("communities").set({ notice_destination_id: destinationId }).where("id", "=", id).execute();
    },
    async list() {
      return (await db.selectFrom("communities").selectAll().orderBy("id").execute()).map(toCommunity);
    },
  };
}
