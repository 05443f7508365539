import { afterEach, describe, expect, it } from "vitest";
import { ChatQueues } from "../../../src/bots/telegram/chat-queues.js";
import type { FloodClock } from "../../../src/bots/telegram/flood-limiter.js";
import { botMessages, startHarness, type Harness } from "./harness.js";

/** A promise and its resolver, to hold a task until the test lets it go. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe("ChatQueues", () => {
  it("runs one chat's tasks in order and another chat's alongside", async () => {
    const q = new ChatQueues({ onError: () => {} });
    const log: string[] = [];
    const held = gate();
    q.enqueue("group", async () => {
      await held.promise;
      log.push("group 1");
    });
    q.enqueue("group", async () => {
      log.push("group 2");
    });
    q.enqueue("dm", async () => {
      log.push("dm");
    });
    // The dm runs while the group's first task is held; the group's second waits for its first.
    await new Promise((r) => setImmediate(r));
    expect(log).toEqual(["dm"]);
    held.open();
    await q.idle();
    expect(log).toEqual(["dm", "group 1", "group 2"]);
    expect(q.pending).toBe(0);
  });

  it("a failing task is reported and the chat's next task still runs", async () => {
    const errors: string[] = [];
    const q = new ChatQueues({ onError: (err, key) => errors.push(`${key}: ${(err as Error).message}`) });
    const log: string[] = [];
    q.enqueue("a", () => Promise.reject(new Error("boom")));
    q.enqueue("a", async () => {
      log.push("after");
    });
    await q.idle();
    expect(errors).toEqual(["a: boom"]);
    expect(log).toEqual(["after"]);
  });

  it("drops tasks beyond the per-chat and total bounds", async () => {
    const q = new ChatQueues({ maxPerChat: 2, maxTotal: 3, onError: () => {} });
    const held = gate();
    const task = () => held.promise;
    expect(q.enqueue("a", task)).toBe(true);
    expect(q.enqueue("a", task)).toBe(true);
    expect(q.enqueue("a", task)).toBe(false);
    expect(q.enqueue("b", task)).toBe(true);
    expect(q.enqueue("c", task)).toBe(false);
    held.open();
    await q.idle();
    expect(q.enqueue("a", task)).toBe(true);
    await q.idle();
  });
});

/**
 * A flood-limiter clock that stands still until the test lets it run; from then on every sleep passes at
 * once (time jumps ahead), so whatever was waiting on a cap goes out.
 */
function heldClock(): FloodClock & { run(): void } {
  let now = 1_000_000;
  let running = false;
  let sleepers: Array<() => void> = [];
  return {
    now: () => now,
    sleep: (ms) =>
      new Promise<void>((wake) => {
        if (!running) return sleepers.push(() => ((now += ms), wake()));
        now += ms;
        wake();
      }),
    run() {
      running = true;
      const waiting = sleepers;
      sleepers = [];
      for (const wake of waiting) wake();
    },
  };
}

describe("Telegram updates across chats", () => {
  const ALICE = 1001;
  const GROUP = -1003001;
  let h: Harness | undefined;
  let clock = heldClock();
  afterEach(async () => {
    clock.run();
    await h?.close();
  });

  it("a group waiting on its flood limit does not hold up a private chat's reply", async () => {
    clock = heldClock();
    h = await startHarness({ bot: { perGroupPerMinute: 2, perChatPerSecond: 100, globalRatePerSecond: 1000, floodClock: clock } });
    h.fake.addUser({ id: ALICE, first_name: "Alice" });
    h.fake.addChat({ id: GROUP, type: "supergroup", title: "AI readers" });
    h.fake.setMember(GROUP, ALICE, "member");
    for (let i = 0; i < 3; i++) h.fake.sendText({ chatId: GROUP, fromId: ALICE, text: "/help" });
    h.fake.sendText({ chatId: ALICE, fromId: ALICE, text: "/help" });

    // The group's third reply waits for its minute to pass (the clock stands still); the private reply
    // goes out meanwhile. Handled one update at a time, the private /help would wait behind it.
    await h.fake.waitFor((c) => c.method === "sendMessage" && String(c.params.chat_id) === String(ALICE), 5000);
    expect(botMessages(h.fake, ALICE)).toHaveLength(1);
    expect(botMessages(h.fake, GROUP).length).toBeLessThan(3);

    clock.run();
    await h.adapter.idle();
    expect(botMessages(h.fake, GROUP)).toHaveLength(3);
  });
});
