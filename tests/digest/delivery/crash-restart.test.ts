/**
 * Items 9 and 10 of the fault findings, as the crash trial ran them: a delivery process (the real
 * Telegram adapter against the fake Bot API) is killed with SIGKILL in the middle of a run, then
 * started again with the default instance id. The restarted process must recognise its own claims
 * and resume them at once (not after the 10-minute lease), say how many it really resumed, lose
 * nothing, and duplicate at most one message per destination that had a send in flight (at most
 * TELEGRAM_MAX_IN_FLIGHT in all).
 */
import { afterAll, describe, expect, it } from "vitest";
import type { Store } from "../../../src/core/ports.js";
import { startFakeTelegram, type FakeTelegram } from "../../fakes/telegram/fake-telegram.js";
import { dialectNames } from "../../store/store-fixture.js";
import { startDeliveryProcess, type Child } from "./child.js";
import { childDb, type ChildDb } from "./db-for-child.js";
import { figures, seedTelegramWorld } from "./telegram-world.js";

const DESTINATIONS = 48;
const MAX_IN_FLIGHT = 4;

for (const dialect of dialectNames()) {
  describe(`crash mid-delivery and restart with the default instance id (${dialect})`, () => {
    let db: ChildDb;
    let store: Store;
    let fake: FakeTelegram;
    const children: Child[] = [];

    afterAll(async () => {
      for (const c of children) if (c.proc.exitCode === null) c.proc.kill("SIGKILL");
      await store?.close();
      await fake?.close();
      await db?.cleanup();
    });

    it("resumes its own claims at once, loses nothing, duplicates at most one message per destination in flight", async () => {
      fake = await startFakeTelegram({ rateLimits: { globalPerSecond: 200 } });
      db = childDb(dialect);
      store = await db.open();
      // Six long stories: three Telegram messages per digest.
      const chats = await seedTelegramWorld(store, fake, { destinations: DESTINATIONS, stories: 6, summaryChars: 1500 });
      const env = {
        ...db.env,
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        TELEGRAM_GLOBAL_RATE: "150",
        TELEGRAM_MAX_IN_FLIGHT: String(MAX_IN_FLIGHT),
      };
      const sends = () => fake.calls.filter((c) => c.method === "sendMessage" && c.ok).length;

      const first = startDeliveryProcess(env);
      children.push(first);
      await first.waitFor("the first sends", () => sends() >= 40, 60_000);
      first.proc.kill("SIGKILL");
      await first.exited;
      const firstId = first.events.find((e) => e.event === "instance")?.["id"];
      const unfinished = (await store.deliveries.listUnfinished()).length;
      expect(unfinished).toBeGreaterThan(0);

      const restartedAt = Date.now();
      const second = startDeliveryProcess(env);
      children.push(second);
      await second.waitFor("the resumption", () => second.events.some((e) => e.event === "unfinished"), 60_000);
      const resumedEvent = second.events.find((e) => e.event === "unfinished")!;
      expect(second.events.find((e) => e.event === "instance")?.["id"]).toBe(firstId);
      // What it logs as resumed is what it really took back: every claim the killed process left.
      expect(resumedEvent).toMatchObject({ resumed: unfinished, finished: unfinished, heldByOthers: 0 });
      const allSent = async () => {
        const rows = await Promise.all((await store.destinations.list({ active: true })).map((d) => store.deliveries.latest(d.id)));
        return rows.every((r) => r?.status === "sent");
      };
      const end = Date.now() + 60_000;
      while (!(await allSent())) {
        if (Date.now() > end) throw new Error(`not every digest was finished; child output:\n${second.output().slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const resumeMs = Date.now() - restartedAt;
      second.proc.kill("SIGTERM");
      await second.exited;

      const f = figures(fake, chats);
      console.log(`[crash ${dialect}] killed after ${sends()} sends total; unfinished at kill ${unfinished}; resumed ${String(resumedEvent["resumed"])}; all done ${resumeMs} ms after restart; duplicated ${f.duplicated}; incomplete ${f.incomplete}; parts ${f.parts}; 429s ${fake.rateStats().refused}`);
      expect(f.parts).toBe(3);
      expect(f.incomplete).toBe(0);
      expect(f.worstInOneChat).toBeLessThanOrEqual(1);
      expect(f.duplicated).toBeLessThanOrEqual(MAX_IN_FLIGHT);
      // Not after the 10-minute lease.
      expect(resumeMs).toBeLessThan(30_000);
    }, 120_000);
  });
}
