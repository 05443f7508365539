/**
 * SIGTERM during a delivery run at Telegram's real limits (issue 15): 500 Telegram destinations through
 * the fake Bot API enforcing 30 msg/s (the adapter paces at 25), the signal at a random moment of the run,
 * three runs on SQLite. Figures: time from the signal to the process's exit (goal < 10 s every time),
 * messages sent after the process saw the signal, and after a restart: digests lost and duplicated (goal 0).
 */
import { startFakeTelegram } from "../tests/fakes/telegram/fake-telegram.js";
import { startDeliveryProcess } from "../tests/digest/delivery/child.js";
import { childDb } from "../tests/digest/delivery/db-for-child.js";
import { figures, seedTelegramWorld } from "../tests/digest/delivery/telegram-world.js";
import { verdict } from "./verdict.js";

const DESTINATIONS = 500;
const RUNS = 3;

export async function run(): Promise<void> {
  const stops: number[] = [];
  let after = 0;
  let lost = 0;
  let duplicated = 0;
  for (let r = 0; r < RUNS; r++) {
    const fake = await startFakeTelegram();
    const db = childDb("sqlite");
    const store = await db.open();
    try {
      const chats = await seedTelegramWorld(store, fake, { destinations: DESTINATIONS, stories: 2, summaryChars: 200 });
      const env = { ...db.env, TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot };
      const sent = () => fake.calls.filter((c) => c.method === "sendMessage" && c.ok);
      const first = startDeliveryProcess(env);
      const at = 50 + Math.floor(Math.random() * 350);
      await first.waitFor(`${at} messages`, () => sent().length >= at, 120_000);
      const signalled = Date.now();
      first.proc.kill("SIGTERM");
      await first.exited;
      const stopMs = Date.now() - signalled;
      const seenAt = Number(first.events.find((e) => e.event === "signal")?.["at"] ?? signalled);
      const late = sent().filter((c) => c.time > seenAt).length;
      stops.push(stopMs);
      after = Math.max(after, late);
      const second = startDeliveryProcess(env);
      const end = Date.now() + 120_000;
      while (sent().length < DESTINATIONS && Date.now() < end) await new Promise((res) => setTimeout(res, 200));
      await new Promise((res) => setTimeout(res, 500));
      second.proc.kill("SIGTERM");
      await second.exited;
      const f = figures(fake, chats);
      const missing = chats.filter((c) => fake.messages(c).length === 0).length;
      lost += missing + f.incomplete;
      duplicated += f.duplicated;
      console.log(`run ${r + 1}: signal after ${at} messages; exit ${stopMs} ms after it; ${late} messages after the process saw it; after restart: lost ${missing + f.incomplete}, duplicated ${f.duplicated}, 429s ${fake.rateStats().refused}`);
    } finally {
      await store.close();
      await fake.close();
      await db.cleanup();
    }
  }
  console.log(`stop times: ${stops.join(", ")} ms (goal < 10000 every time)`);
  verdict("shutdown: slowest exit after SIGTERM (ms)", Math.max(...stops), 10_000, { better: "lower" });
  verdict("shutdown: messages sent after the signal (most in a run)", after, 4, { better: "lower" });
  verdict("shutdown: digests lost after restart", lost, 0, { better: "lower" });
  verdict("shutdown: messages duplicated after restart", duplicated, 0, { better: "lower" });
}
