/**
 * Item 11 of the fault findings: a 502 or a connection reset after Telegram accepted a message. Telegram has
 * no idempotency key, so the one retry may post a second copy; there is never a third, the retries are
 * counted (SendResult.ambiguous → /metrics), and a send that never reached Telegram is not counted.
 */
import { afterEach, describe, expect, it } from "vitest";
import { Api } from "grammy";
import { createTelegramMessenger } from "../../../src/bots/telegram/telegram-messenger.js";
import { silentLogger } from "../../../src/core/logger.js";
import { UNCONFIRMED_MESSAGE_ID } from "../../../src/core/messenger.js";
import { createPlatformEvents } from "../../../src/core/platform-events.js";
import type { Destination } from "../../../src/core/types.js";
import { botMessages, digestDoc, NOW, startHarness, story, type Harness } from "./harness.js";

const ALICE = 1001;
let h: Harness;

afterEach(async () => {
  await h?.close();
});

async function dm(): Promise<Destination> {
  h.fake.addUser({ id: ALICE, first_name: "Alice" });
  return h.store.destinations.upsert(
    { platform: "telegram", chatId: String(ALICE), kind: "dm", userId: String(ALICE), timeOfDay: "08:00", timeZone: "UTC" },
    NOW,
  );
}

const BAD_GATEWAY = { error_code: 502, description: "Bad Gateway", afterAccept: true };

describe("ambiguous Telegram failures", () => {
  it("a 502 after Telegram accepted: retried once (one duplicate at most), counted, then the digest goes on", async () => {
    h = await startHarness();
    const dest = await dm();
    h.fake.failNext("sendMessage", BAD_GATEWAY);
    const recorded: string[] = [];
    const result = await h.adapter.messenger.sendDigest(dest, digestDoc([story(1)]), { key: "k", skipParts: 0, onSent: async (id) => void recorded.push(id) });
    expect(result).toMatchObject({ ok: true, ambiguous: { retried: 1, unconfirmed: 0 } });
    expect(botMessages(h.fake, ALICE)).toHaveLength(2);
    expect(recorded).toHaveLength(1);
    // grammY's auto-retry no longer retries 5xx on its own (it did, up to 3 times: up to 3 duplicates).
    expect(h.fake.calls.filter((c) => c.method === "sendMessage")).toHaveLength(2);
  });

  it("a connection reset after accept, twice: two copies, never a third; the part is recorded unconfirmed", async () => {
    h = await startHarness();
    const dest = await dm();
    h.fake.dropNext("sendMessage", { afterAccept: true, times: 5 });
    const recorded: string[] = [];
    const result = await h.adapter.messenger.sendDigest(dest, digestDoc([story(1)]), { key: "k", skipParts: 0, onSent: async (id) => void recorded.push(id) });
    expect(result).toMatchObject({ ok: false, kind: "transient", ambiguous: { retried: 1, unconfirmed: 1 } });
    expect(!result.ok && result.reason).toMatch(/network error/);
    expect(botMessages(h.fake, ALICE)).toHaveLength(2);
    expect(recorded).toEqual([UNCONFIRMED_MESSAGE_ID]);
  });

  it("a 502 that Telegram did not act on: one retry delivers it once", async () => {
    h = await startHarness();
    const dest = await dm();
    h.fake.failNext("sendMessage", { error_code: 502, description: "Bad Gateway" });
    const result = await h.adapter.messenger.sendDigest(dest, digestDoc([story(1)]), { key: "k", skipParts: 0, onSent: async () => {} });
    expect(result).toMatchObject({ ok: true, ambiguous: { retried: 1 } });
    expect(botMessages(h.fake, ALICE)).toHaveLength(1);
  });

  it("a refused connection never reached Telegram: not ambiguous, not retried in place, not counted", async () => {
    h = await startHarness();
    const dest = await dm();
    // Nothing listens on port 1: the request never leaves this machine.
    const api = new Api(h.fake.token, { apiRoot: "http://127.0.0.1:1" });
    const messenger = createTelegramMessenger(api, createPlatformEvents(h.store, silentLogger), silentLogger, { linkPreviews: false });
    const started = Date.now();
    const result = await messenger.sendDigest(dest, digestDoc([story(1)]), { key: "k", skipParts: 0, onSent: async () => {} });
    expect(Date.now() - started).toBeLessThan(900);
    expect(result).toMatchObject({ ok: false, kind: "transient" });
    expect(result.ambiguous).toBeUndefined();
  });
});
