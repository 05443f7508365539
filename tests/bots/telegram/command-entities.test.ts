/**
 * Real grammY against the fake Bot API: commands are found by their bot_command entity, so punctuation
 * after a command is no obstacle; forwarded commands never act as the person who forwarded them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botMessages, replyTo, settled, startHarness, type Harness } from "./harness.js";

const ALICE = 501;
const BOB = 502;
const GROUP = -100500;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  h.fake.addUser({ id: ALICE, first_name: "Alice", username: "alice" });
  h.fake.addUser({ id: BOB, first_name: "Bob", username: "bob" });
  h.fake.addChat({ id: GROUP, type: "supergroup", title: "AI readers" });
  h.fake.setMember(GROUP, ALICE, "administrator");
  h.fake.setMember(GROUP, BOB, "member");
});
afterAll(async () => {
  await h?.close();
});

const username = () => "newsdesk_test_bot";

describe("Telegram commands followed by punctuation", () => {
  it("/help? in a private chat is /help", async () => {
    const r = await replyTo(h, h.fake.sendText({ chatId: ALICE, fromId: ALICE, text: "/help?" }), ALICE);
    expect(r?.text).toMatch(/topics/i);
    expect(r?.text).not.toMatch(/Unknown command/);
  });

  it("/channel_set: and /channel_off@bot; in a group run for an admin", async () => {
    const set = await replyTo(h, h.fake.sendText({ chatId: GROUP, fromId: ALICE, text: "/channel_set:" }), GROUP);
    expect(set?.text).toContain("Daily digest set up");
    expect(await h.store.destinations.find("telegram", String(GROUP), null)).toMatchObject({ active: true });
    const off = await replyTo(h, h.fake.sendText({ chatId: GROUP, fromId: ALICE, text: `/channel_off@${username()};` }), GROUP);
    expect(off?.text).not.toMatch(/Unknown command/);
    expect(botMessages(h.fake, GROUP).length).toBeGreaterThanOrEqual(2);
  });

  it("/filter_add@bot; keeps its arguments after the punctuation", async () => {
    await replyTo(h, h.fake.sendText({ chatId: GROUP, fromId: ALICE, text: "/channel_set 09:00" }), GROUP);
    const r = await replyTo(h, h.fake.sendText({ chatId: GROUP, fromId: ALICE, text: `/filter_add@${username()}: exclude crypto` }), GROUP);
    expect(r?.text).toContain("crypto");
    const d = await h.store.destinations.find("telegram", String(GROUP), null);
    expect((await h.store.filters.list(d?.id ?? "")).map((f) => f.word)).toEqual(["crypto"]);
  });

  it("a command addressed to another bot, even with punctuation, is not ours", async () => {
    const before = botMessages(h.fake, GROUP).length;
    await settled(h, h.fake.sendText({ chatId: GROUP, fromId: ALICE, text: "/help@some_other_bot?" }));
    expect(botMessages(h.fake, GROUP).length).toBe(before);
  });
});

describe("forwarded commands", () => {
  it("in a group are ignored without a word, even from an admin", async () => {
    const d = await h.store.destinations.find("telegram", String(GROUP), null);
    const before = botMessages(h.fake, GROUP).length;
    // Bob's words, forwarded by admin Alice: must not run as Alice.
    await settled(h, h.fake.sendText({ chatId: GROUP, fromId: ALICE, text: "/filter_add exclude openai", forwardedFromUserId: BOB }));
    await settled(h, h.fake.sendText({ chatId: GROUP, fromId: ALICE, text: "/help", forwardedFromUserId: BOB }));
    expect(botMessages(h.fake, GROUP).length).toBe(before);
    expect((await h.store.filters.list(d?.id ?? "")).map((f) => f.word)).toEqual(["crypto"]);
  });

  it("in a private chat only reading commands run; changes are ignored", async () => {
    const help = await replyTo(h, h.fake.sendText({ chatId: ALICE, fromId: ALICE, text: "/help", forwardedFromUserId: BOB }), ALICE);
    expect(help?.text).toMatch(/topics/i);
    const before = botMessages(h.fake, ALICE).length;
    await settled(h, h.fake.sendText({ chatId: ALICE, fromId: ALICE, text: "/subscribe openai", forwardedFromUserId: BOB }));
    await settled(h, h.fake.sendText({ chatId: ALICE, fromId: ALICE, text: "/settings 07:00 Europe/Berlin", forwardedFromUserId: BOB }));
    await settled(h, h.fake.sendText({ chatId: ALICE, fromId: ALICE, text: "/start", forwardedFromUserId: BOB }));
    expect(botMessages(h.fake, ALICE).length).toBe(before);
    const dm = await h.store.destinations.find("telegram", String(ALICE), null);
    expect(dm ? await h.store.subscriptions.list(dm.id) : []).toEqual([]);
  });
});
