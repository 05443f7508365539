import { afterEach, describe, expect, it } from "vitest";
import { parseHtml } from "../../fakes/telegram/parse-html.js";
import { botMessages, replyTo, startHarness, type Harness, settled } from "./harness.js";

const ALICE = 1001;
const BOB = 1002;
const GROUP = -1003001;
const FORUM = -1003002;
const CHANNEL = -1003003;

let h: Harness;

afterEach(async () => {
  await h?.close();
});

async function world(): Promise<Harness> {
  h = await startHarness();
  h.fake.addUser({ id: ALICE, first_name: "Alice", username: "alice" });
  h.fake.addUser({ id: BOB, first_name: "Bob", username: "bob" });
  h.fake.addChat({ id: GROUP, type: "supergroup", title: "AI readers" });
  h.fake.setMember(GROUP, ALICE, "administrator");
  h.fake.setMember(GROUP, BOB, "member");
  return h;
}

describe("Telegram commands through the shared layer", () => {
  it("registers member commands everywhere and moderator commands for administrators", async () => {
    await world();
    const everyone = h.fake.commands({ type: "default" }).map((c) => c.command);
    const admins = h.fake.commands({ type: "all_chat_administrators" }).map((c) => c.command);
    const privateChats = h.fake.commands({ type: "all_private_chats" }).map((c) => c.command);
    expect(everyone).toContain("subscribe");
    expect(everyone).not.toContain("channel_set");
    expect(admins).toEqual(expect.arrayContaining(["subscribe", "channel_set", "feed_add"]));
    expect(privateChats).toContain("topics");
    // Hidden confirmation steps never appear in a menu.
    expect([...everyone, ...admins, ...privateChats].some((c) => c.startsWith("confirm"))).toBe(false);
  });

  it("/subscribe openai in a private chat follows the topic and replies", async () => {
    await world();
    const u = h.fake.sendText({ chatId: ALICE, fromId: ALICE, text: "/subscribe openai" });
    const reply = await replyTo(h, u, ALICE);
    expect(reply?.text).toContain("You now follow OpenAI");
    expect(reply?.parseMode).toBe("HTML");
    const dm = await h.store.destinations.find("telegram", String(ALICE), null);
    expect(dm?.kind).toBe("dm");
    expect(await h.store.subscriptions.list(dm!.id)).toEqual(["openai"]);
  });

  it("/start in a private chat greets and shows the topics as buttons", async () => {
    await world();
    const u = h.fake.sendText({ chatId: ALICE, fromId: ALICE, text: "/start" });
    const reply = await replyTo(h, u, ALICE);
    expect(reply?.text).toMatch(/^Hello Alice!/);
    expect(reply?.text).toContain("OpenAI (openai)");
    const rows = (reply?.replyMarkup?.inline_keyboard ?? []) as { text: string; callback_data: string }[][];
    expect(rows.flat().map((b) => b.callback_data)).toEqual(
      expect.arrayContaining(["subscribe openai", "subscribe anthropic", "subscribe policy"]),
    );
  });

  it("pressing a topic button toggles the follow, answers the query and edits the list", async () => {
    await world();
    const u = h.fake.sendText({ chatId: ALICE, fromId: ALICE, text: "/topics" });
    const list = await replyTo(h, u, ALICE);
    const press = h.fake.pressButton({ chatId: ALICE, fromId: ALICE, messageId: list!.messageId, data: "subscribe openai" });
    await settled(h, press);
    const dm = await h.store.destinations.find("telegram", String(ALICE), null);
    expect(await h.store.subscriptions.list(dm!.id)).toEqual(["openai"]);
    expect(h.fake.callbackQuery(press)?.answered).toBe(true);
    expect(String(h.fake.callbackQuery(press)?.answer?.text)).toContain("You now follow OpenAI");
    const edited = h.fake.messages(ALICE).find((m) => m.messageId === list!.messageId);
    expect(edited?.edits).toBe(1);
    const buttons = ((edited?.replyMarkup?.inline_keyboard ?? []) as { text: string; callback_data: string }[][]).flat();
    expect(buttons.find((b) => b.callback_data === "unsubscribe openai")?.text).toBe("✓ OpenAI");

    // Pressing again unfollows.
    const again = h.fake.pressButton({ chatId: ALICE, fromId: ALICE, messageId: list!.messageId, data: "unsubscribe openai" });
    await settled(h, again);
    expect(await h.store.subscriptions.list(dm!.id)).toEqual([]);
  });

  it("refuses a non-admin configuring the group's digest and lets an admin do it", async () => {
    await world();
    const refused = h.fake.sendText({ chatId: GROUP, fromId: BOB, text: "/channel_set 07:30 Europe/Berlin" });
    const no = await replyTo(h, refused, GROUP);
    expect(no?.text).toContain("Only moderators");
    expect(await h.store.destinations.find("telegram", String(GROUP), null)).toBeNull();

    // The two-word form works too.
    const ok = h.fake.sendText({ chatId: GROUP, fromId: ALICE, text: "/channel set 07:30 Europe/Berlin" });
    const yes = await replyTo(h, ok, GROUP);
    expect(yes?.text).toContain("Daily digest set up");
    const d = await h.store.destinations.find("telegram", String(GROUP), null);
    expect(d).toMatchObject({ kind: "channel", timeOfDay: "07:30", timeZone: "Europe/Berlin", communityId: `telegram:${GROUP}` });
  });

  it("treats an anonymous admin (sender_chat = the group) as a moderator", async () => {
    await world();
    const u = h.fake.sendText({ chatId: GROUP, fromId: 0, senderChatId: GROUP, text: "/channel_set 09:15 UTC" });
    const reply = await replyTo(h, u, GROUP);
    expect(reply?.text).toContain("Daily digest set up");
    expect((await h.store.destinations.find("telegram", String(GROUP), null))?.timeOfDay).toBe("09:15");
  });

  it("a command sent inside a forum topic targets that topic", async () => {
    await world();
    h.fake.addChat({ id: FORUM, type: "supergroup", title: "Forum", is_forum: true });
    h.fake.addForumTopic(FORUM, 77, "News");
    h.fake.setMember(FORUM, ALICE, "creator");
    const u = h.fake.sendText({ chatId: FORUM, fromId: ALICE, threadId: 77, text: "/channel_set 06:00 UTC" });
    const reply = await replyTo(h, u, FORUM);
    expect(reply?.threadId).toBe(77);
    const d = await h.store.destinations.find("telegram", String(FORUM), "77");
    expect(d?.threadId).toBe("77");
  });

  it("configures a channel from a private chat only when both the user and the bot are its admins", async () => {
    await world();
    h.fake.addChat({ id: CHANNEL, type: "channel", title: "AI Daily", username: "aidaily" });
    h.fake.setMember(CHANNEL, ALICE, "administrator");
    h.fake.setMember(CHANNEL, BOB, "member");

    const bob = h.fake.sendText({ chatId: BOB, fromId: BOB, text: "/channel_set @aidaily 08:00 Europe/Berlin" });
    expect((await replyTo(h, bob, BOB))?.text).toContain("Only moderators");
    expect(await h.store.destinations.find("telegram", String(CHANNEL), null)).toBeNull();

    const alice = h.fake.sendText({ chatId: ALICE, fromId: ALICE, text: "/channel_set @aidaily 08:00 Europe/Berlin" });
    expect((await replyTo(h, alice, ALICE))?.text).toContain("AI Daily");
    const d = await h.store.destinations.find("telegram", String(CHANNEL), null);
    expect(d).toMatchObject({ kind: "channel", communityId: `telegram:${CHANNEL}`, timeOfDay: "08:00", timeZone: "Europe/Berlin" });

    // Demoted in the channel: its digest stops, and it can no longer be configured.
    const demoted = h.fake.sendMyChatMember({ chatId: CHANNEL, fromId: ALICE, oldStatus: "administrator", newStatus: "member" });
    await settled(h, demoted);
    expect((await h.store.destinations.find("telegram", String(CHANNEL), null))?.active).toBe(false);
    const later = h.fake.sendText({ chatId: ALICE, fromId: ALICE, text: `/channel_show ${CHANNEL}` });
    const refused = await replyTo(h, later, ALICE);
    expect(refused?.text).toMatch(/administrator/);
  });

  it("asks for confirmation before a destructive action and acts on the button", async () => {
    await world();
    await replyTo(h, h.fake.sendText({ chatId: GROUP, fromId: ALICE, text: "/channel_set 07:30 UTC" }), GROUP);
    const ask = await replyTo(h, h.fake.sendText({ chatId: GROUP, fromId: ALICE, text: "/channel_off" }), GROUP);
    expect(ask?.text).toContain("Stop the daily digest");
    const button = (ask?.replyMarkup?.inline_keyboard as { text: string; callback_data: string }[][])[0]![0]!;
    expect(Buffer.byteLength(button.callback_data)).toBeLessThanOrEqual(64);

    // A member pressing it is refused with an alert; the digest stays on.
    const bobPress = h.fake.pressButton({ chatId: GROUP, fromId: BOB, messageId: ask!.messageId, data: button.callback_data });
    await settled(h, bobPress);
    expect(h.fake.callbackQuery(bobPress)?.answer).toMatchObject({ show_alert: true });
    expect((await h.store.destinations.find("telegram", String(GROUP), null))?.active).toBe(true);

    const press = h.fake.pressButton({ chatId: GROUP, fromId: ALICE, messageId: ask!.messageId, data: button.callback_data });
    await settled(h, press);
    expect((await h.store.destinations.find("telegram", String(GROUP), null))?.active).toBe(false);
    const edited = h.fake.messages(GROUP).find((m) => m.messageId === ask!.messageId);
    expect(edited?.text).toContain("is off");
    expect(edited?.replyMarkup).toBeUndefined();
  });

  it("a command group's word alone lists its subcommands with their usage", async () => {
    await world();
    const u = h.fake.sendText({ chatId: GROUP, fromId: ALICE, text: "/channel" });
    const text = (await replyTo(h, u, GROUP))?.text ?? "";
    expect(text).not.toContain("Unknown command");
    expect(text).toMatch(/^\/channel commands:/);
    expect(text).toMatch(/\/channel_set \S.* — /);
    expect(text).toContain("/channel_follow <topic>");
    expect(text).not.toContain("/filter_add");

    const f = h.fake.sendText({ chatId: ALICE, fromId: ALICE, text: "/filter" });
    const filters = (await replyTo(h, f, ALICE))?.text ?? "";
    expect(filters).toContain("/filter_add");
    expect(filters).toContain("/filter_list");
    // A real subcommand still runs, and an unknown word is still unknown.
    const x = h.fake.sendText({ chatId: ALICE, fromId: ALICE, text: "/nonsense" });
    expect((await replyTo(h, x, ALICE))?.text).toContain("Unknown command /nonsense");
  });

  it("escapes user-supplied text in replies (valid HTML, shown literally)", async () => {
    await world();
    const u = h.fake.sendText({ chatId: ALICE, fromId: ALICE, text: "/subscribe <b>&nope" });
    const reply = await replyTo(h, u, ALICE);
    expect(reply?.sourceText).not.toContain("<b>&");
    expect(parseHtml(reply!.sourceText).ok).toBe(true);
    expect(reply?.text).toContain("<b>&nope");
  });

  it("ignores commands addressed to another bot and survives a failing update", async () => {
    await world();
    const other = h.fake.sendText({ chatId: GROUP, fromId: ALICE, text: "/subscribe@other_bot openai" });
    await settled(h, other);
    expect(botMessages(h.fake, GROUP)).toEqual([]);
    // The reply to this one is refused by Telegram: logged, and polling goes on.
    h.fake.failNext("sendMessage", { error_code: 400, description: "Bad Request: something odd", times: 1 });
    const broken = h.fake.sendText({ chatId: ALICE, fromId: ALICE, text: "/help" });
    await settled(h, broken);
    const next = h.fake.sendText({ chatId: ALICE, fromId: ALICE, text: "/help" });
    const help = await replyTo(h, next, ALICE);
    expect(help?.text).toContain("/subscribe");

    // A handler that throws (answering the button fails) reaches bot.catch; the next update is still handled.
    const list = await replyTo(h, h.fake.sendText({ chatId: ALICE, fromId: ALICE, text: "/topics" }), ALICE);
    h.fake.failNext("answerCallbackQuery", { error_code: 400, description: "Bad Request: query is too old" });
    const press = h.fake.pressButton({ chatId: ALICE, fromId: ALICE, messageId: list!.messageId, data: "subscribe openai" });
    await settled(h, press);
    const after = h.fake.sendText({ chatId: ALICE, fromId: ALICE, text: "/subscribe anthropic" });
    expect((await replyTo(h, after, ALICE))?.text).toContain("You now follow Anthropic");
  });

  it("my_chat_member: a user blocking the bot and a group kicking it deactivate their destinations", async () => {
    await world();
    await replyTo(h, h.fake.sendText({ chatId: ALICE, fromId: ALICE, text: "/subscribe openai" }), ALICE);
    await replyTo(h, h.fake.sendText({ chatId: GROUP, fromId: ALICE, text: "/channel_set 07:30 UTC" }), GROUP);

    const blocked = h.fake.sendMyChatMember({ chatId: ALICE, fromId: ALICE, oldStatus: "member", newStatus: "kicked" });
    await settled(h, blocked);
    const dm = await h.store.destinations.find("telegram", String(ALICE), null);
    expect(dm).toMatchObject({ active: false, inactiveReason: "the user blocked the bot" });

    const kicked = h.fake.sendMyChatMember({ chatId: GROUP, fromId: ALICE, oldStatus: "member", newStatus: "kicked" });
    await settled(h, kicked);
    const group = await h.store.destinations.find("telegram", String(GROUP), null);
    expect(group?.active).toBe(false);
    expect(group?.inactiveReason).toContain("removed");
  });
});
