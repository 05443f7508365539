/**
 * Long polling across instances: only the leader polls and a stand-by takes over; an instance that
 * loses polling to a 409 Conflict stands by and retries instead of stopping for good.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startLeaderElection, type LeaderElection } from "../../../src/core/leadership.js";
import { silentLogger } from "../../../src/core/logger.js";
import type { Store } from "../../../src/core/ports.js";
import { createTelegramBot, type TelegramBot } from "../../../src/bots/telegram/telegram-bot.js";
import { openStore } from "../../../src/store/open-store.js";
import { botMessages, startHarness, type Harness } from "./harness.js";

const ALICE = 1001;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(cond: () => boolean, timeoutMs: number): Promise<number> {
  const t = Date.now();
  while (!cond()) {
    if (Date.now() - t > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(20);
  }
  return Date.now() - t;
}

let h: Harness;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await h?.close();
});

function second(leadership?: LeaderElection): TelegramBot {
  const bot = createTelegramBot(
    { token: h.fake.token, apiRoot: h.fake.apiRoot, linkPreviews: false, pollingRetryMs: 100, ...(leadership ? { pollingLeadership: leadership } : {}) },
    h.deps,
  );
  cleanups.push(() => bot.stop());
  return bot;
}

async function answeredOnce(text: string): Promise<void> {
  const before = botMessages(h.fake, ALICE).length;
  const u = h.fake.sendText({ chatId: ALICE, fromId: ALICE, text });
  await h.fake.handled(u, 5000);
  await until(() => botMessages(h.fake, ALICE).length > before, 5000);
  await sleep(200);
  expect(botMessages(h.fake, ALICE).length - before).toBe(1);
}

describe("Telegram long polling with several instances", () => {
  it("polls in the leader only; when the leader goes, a stand-by polls within one lease", async () => {
    const dir = mkdtempSync(join(tmpdir(), "newsdesk-poll-"));
    const stores: Store[] = [await openStore(`sqlite:${join(dir, "db")}`), await openStore(`sqlite:${join(dir, "db")}`)];
    cleanups.push(async () => {
      for (const s of stores) await s.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const leaseMs = 600;
    const a = startLeaderElection(stores[0]!.leases, { name: "telegram-polling", holder: "a", leaseMs, logger: silentLogger });
    await until(() => a.isLeader(), 2000);
    const b = startLeaderElection(stores[1]!.leases, { name: "telegram-polling", holder: "b", leaseMs, logger: silentLogger });
    cleanups.push(() => b.stop());
    h = await startHarness({ start: false, bot: { pollingLeadership: a, pollingRetryMs: 100 } });
    h.fake.addUser({ id: ALICE, first_name: "Alice", username: "alice" });
    await h.adapter.start();
    const standBy = second(b);
    await standBy.start();
    expect(h.adapter.polling).toBe(true);
    expect(standBy.polling).toBe(false);
    await answeredOnce("/help");

    // The leader goes away (its lease is released as on shutdown, or simply expires on a crash).
    await a.stop();
    const took = await until(() => standBy.polling, leaseMs * 2);
    expect(took).toBeLessThanOrEqual(leaseMs);
    expect(h.adapter.polling).toBe(false);
    await answeredOnce("/help");
  });

  it("an instance that loses polling to 409 Conflict stands by and polls again once the other is gone", async () => {
    h = await startHarness({ bot: { pollingRetryMs: 100 } });
    h.fake.addUser({ id: ALICE, first_name: "Alice", username: "alice" });
    expect(h.adapter.polling).toBe(true);
    // A second poller with the same token (another deployment, a stale process): Telegram ends the
    // older long poll with 409 Conflict.
    const rogue = second();
    await rogue.start();
    await until(() => !h.adapter.polling, 5000);
    await rogue.stop();
    // Not stopped for good: it retries, polls again and answers.
    await until(() => h.adapter.polling, 5000);
    await answeredOnce("/help");
  });
});
