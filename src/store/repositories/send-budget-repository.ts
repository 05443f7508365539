import { sql, type Kysely } from "kysely";
import type { SendBudgetRepository } from "../../core/ports.js";
import type { Database } from "../database.js";
import { dbNowMs } from "./db-clock.js";

/**
 * The shared send budget on Postgres, as a generic cell rate algorithm (GCRA) on one row per key: a send
 * is granted while the row's theoretical arrival time is at most a burst ahead of the database's now,
 * and each grant moves it one interval on. One short UPDATE per message (25 a second at most for a
 * Telegram bot), whatever the number of instances; the row lock serialises them, so N instances together
 * never exceed the rate. A hold (429 retry_after) refuses every grant until it ends.
 */
export function createSendBudgetRepository(db: Kysely<Database>): SendBudgetRepository {
  const now = dbNowMs("postgres");
  const known = new Set<string>();

  const ensure = async (key: string) => {
    if (known.has(key)) return;
    await db.insertInto("send_budgets").values({ key, next_at: 0, hold_until: 0 }).onConflict((oc) => oc.column("key").doNothing()).execute();
    known.add(key);
  };

  return {
    async take(key, perSecond, burst) {
      await ensure(key);
      // Whole milliseconds, rounded up: never faster than the rate.
      const interval = Math.ceil(1000 / Math.max(perSecond, 0.001));
      const tau = Math.max(0, Math.floor(burst) - 1) * interval;
      const { rows } = await sql<{ wait: string | number | null }>`
        with c as materialized (select ${now} as now),
        granted as (
          update send_budgets b set next_at = greatest(b.next_at, c.now) + ${interval}
          from c
          where b.key = ${key} and b.hold_until <= c.now and greatest(b.next_at, c.now) - c.now <= ${tau}
          returning 0 as wait
        )
        select coalesce(
          (select wait from granted),
          (select greatest(b.hold_until - c.now, greatest(b.next_at, c.now) - ${tau} - c.now, 1)
             from send_budgets b, c where b.key = ${key})
        ) as wait`.execute(db);
      const wait = rows[0]?.wait;
      if (wait === null || wait === undefined) {
        // The row vanished (a test dropped it): create it again next time.
        known.delete(key);
        return 1;
      }
      return Number(wait);
    },

    async hold(key, ms) {
      await ensure(key);
      const until = sql<number>`${now} + ${Math.max(0, Math.round(ms))}`;
      await db
        .updateTable("send_budgets")
        .set({ hold_until: sql<number>`greatest(hold_until, ${until})`, next_at: sql<number>`greatest(next_at, ${until})` })
        .where("key", "=", key)
        .execute();
    },
  };
}
