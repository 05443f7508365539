import type { Kysely } from "kysely";
import type { SettingsRepository } from "../../core/ports.js";
import type { Database } from "../database.js";

export function createSettingsRepository(db: Kysely<Database>): SettingsRepository {
  return {
    async get(key) {
      const r = await db.selectFrom("settings").select("value").where("key", "=", key).executeTakeFirst();
      return r?.value ?? null;
    },
    async set(key, value) {
      await db
        .insertInto("settings")
        .values({ key, value })
        .onConflict((oc) => oc.column("key").doUpdateSet({ value }))
        .execute();
    },
  };
}
