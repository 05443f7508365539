/** Confirmation buttons for a channel configured from a private chat act on that channel. */
import { afterEach, expect, it } from "vitest";
import { replyTo, startHarness, type Harness, settled } from "./harness.js";

const ALICE = 1001;
const CHANNEL = -1003003;
let h: Harness;
afterEach(async () => {
  await h?.close();
});

async function askToStop(from: number) {
  const ask = await replyTo(h, h.fake.sendText({ chatId: from, fromId: from, text: "/channel_off @aidaily" }), from);
  const button = (ask?.replyMarkup?.inline_keyboard as { callback_data: string }[][])[0]![0]!;
  return { ask: ask!, data: button.callback_data };
}

it("a channel admin stops a channel's digest from a private chat through the confirm button", async () => {
  h = await startHarness();
  h.fake.addUser({ id: ALICE, first_name: "Alice", username: "alice" });
  h.fake.addChat({ id: CHANNEL, type: "channel", title: "AI Daily", username: "aidaily" });
  h.fake.setMember(CHANNEL, ALICE, "administrator");
  await replyTo(h, h.fake.sendText({ chatId: ALICE, fromId: ALICE, text: "/channel_set @aidaily 08:00 UTC" }), ALICE);
  expect((await h.store.destinations.find("telegram", String(CHANNEL), null))?.active).toBe(true);

  const { ask, data } = await askToStop(ALICE);
  const press = h.fake.pressButton({ chatId: ALICE, fromId: ALICE, messageId: ask.messageId, data });
  await settled(h, press);
  expect(h.fake.callbackQuery(press)?.answer?.show_alert ?? false).toBe(false);
  expect((await h.store.destinations.find("telegram", String(CHANNEL), null))?.active).toBe(false);
});

it("the button re-checks that the presser still administers the channel", async () => {
  // No admin cache, so the press sees the demotion at once (production caches lookups for a minute).
  h = await startHarness({ bot: { adminCacheMs: 0 } });
  h.fake.addUser({ id: ALICE, first_name: "Alice", username: "alice" });
  h.fake.addChat({ id: CHANNEL, type: "channel", title: "AI Daily", username: "aidaily" });
  h.fake.setMember(CHANNEL, ALICE, "administrator");
  await replyTo(h, h.fake.sendText({ chatId: ALICE, fromId: ALICE, text: "/channel_set @aidaily 08:00 UTC" }), ALICE);
  const { ask, data } = await askToStop(ALICE);
  h.fake.setMember(CHANNEL, ALICE, "member");
  const press = h.fake.pressButton({ chatId: ALICE, fromId: ALICE, messageId: ask.messageId, data });
  await settled(h, press);
  expect(h.fake.callbackQuery(press)?.answer?.show_alert).toBe(true);
  expect((await h.store.destinations.find("telegram", String(CHANNEL), null))?.active).toBe(true);
});
