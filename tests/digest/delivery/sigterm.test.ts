/**
 * Issue 15: SIGTERM to the node process in the middle of a run to 500 Telegram destinations. The process
 * claims nothing new, finishes only the messages already on their way (each recorded), keeps the rest for
 * resumption and exits well within 10 s; a restart then finishes every digest with nothing lost or doubled.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { Store } from "../../../src/core/ports.js";
import { startFakeTelegram, type FakeTelegram } from "../../fakes/telegram/fake-telegram.js";
import { dialectNames } from "../../store/store-fixture.js";
import { startDeliveryProcess, type Child } from "./child.js";
import { childDb, type ChildDb } from "./db-for-child.js";
import { figures, seedTelegramWorld } from "./telegram-world.js";

const DESTINATIONS = 500;
const MAX_IN_FLIGHT = 4;

for (const dialect of dialectNames()) {
  describe(`SIGTERM during a delivery run (${dialect})`, () => {
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

    it("stops within 10 s after only the messages in flight, and the restart finishes the rest once", async () => {
      fake = await startFakeTelegram({ rateLimits: { globalPerSecond: 120 } });
      db = childDb(dialect);
      store = await db.open();
      const chats = await seedTelegramWorld(store, fake, { destinations: DESTINATIONS, stories: 2, summaryChars: 200 });
      const env = {
        ...db.env,
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        TELEGRAM_GLOBAL_RATE: "100",
        TELEGRAM_MAX_IN_FLIGHT: String(MAX_IN_FLIGHT),
      };
      const sent = () => fake.calls.filter((c) => c.method === "sendMessage" && c.ok);

      const first = startDeliveryProcess(env);
      children.push(first);
      await first.waitFor("a quarter of the run", () => sent().length >= DESTINATIONS / 4, 90_000);
      const signalledAt = Date.now();
      const before = sent().length;
      first.proc.kill("SIGTERM");
      const code = await first.exited;
      const stopMs = Date.now() - signalledAt;
      // Counted from the moment the process saw the signal (the kill itself takes a few ms to arrive).
      const seenAt = Number(first.events.find((e) => e.event === "signal")?.["at"] ?? signalledAt);
      const after = sent().filter((c) => c.time > seenAt).length;
      const stopped = first.events.find((e) => e.event === "stopped");
      expect(code).toBe(0);
      expect(stopped?.["ended"]).toBe(true);
      expect(stopMs).toBeLessThan(10_000);
      // Only what was on its way: one permit's worth, not the rest of the run.
      expect(after).toBeLessThanOrEqual(MAX_IN_FLIGHT);
      expect(sent().length).toBeLessThan(DESTINATIONS);

      const second = startDeliveryProcess(env);
      children.push(second);
      const end = Date.now() + 90_000;
      while (sent().length < DESTINATIONS) {
        if (Date.now() > end || second.proc.exitCode !== null) throw new Error(`the restart did not finish; output:\n${second.output().slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      await new Promise((r) => setTimeout(r, 300));
      second.proc.kill("SIGTERM");
      await second.exited;
      const f = figures(fake, chats);
      console.log(`[sigterm ${dialect}] ${DESTINATIONS} destinations; signal after ${before} messages; exit ${stopMs} ms after the signal (scheduler.stop ${String(stopped?.["ms"])} ms); ${after} messages after the signal; after restart: duplicated ${f.duplicated}, incomplete ${f.incomplete}, 429s ${fake.rateStats().refused}`);
      expect(f.parts).toBe(1);
      expect(f.duplicated).toBe(0);
      expect(f.incomplete).toBe(0);
      expect(f.messages).toBe(DESTINATIONS);
    }, 240_000);
  });
}
