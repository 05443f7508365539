import { autoRetry } from "@grammyjs/auto-retry";
import { Bot, GrammyError, HttpError } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFakeTelegram, type FakeTelegram } from "./fake-telegram.js";

const USER = 1001;
const GROUP = -2001;
const SUPERGROUP = -1002002;

let fake: FakeTelegram;
let bot: Bot;
let polling = false;
const botErrors: unknown[] = [];

async function setup(opts: Parameters<typeof startFakeTelegram>[0] = {}): Promise<void> {
  fake = await startFakeTelegram(opts);
  fake.addUser({ id: USER, first_name: "Ada", username: "ada" });
  fake.addChat({ id: GROUP, type: "group", title: "AI readers" });
  bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
  bot.catch((err) => void botErrors.push(err));
}

async function startPolling(): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    bot.start({ onStart: () => resolve() }).catch(reject);
  });
  polling = true;
}

async function untilLongPollWaits(): Promise<void> {
  while (!fake.longPollWaiting) await new Promise((r) => setTimeout(r, 5));
}

/** The GrammyError a call fails with (the test fails if it succeeds). */
async function apiError(call: Promise<unknown>): Promise<GrammyError> {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GrammyError);
  return err as GrammyError;
}

beforeEach(async () => {
  botErrors.length = 0;
  polling = false;
  await setup();
});

afterEach(async () => {
  if (polling) await bot.stop();
  await fake.close();
  expect(botErrors).toEqual([]);
});

describe("long polling with grammY", () => {
  it("delivers /start to bot.command and records the reply", async () => {
    bot.command("start", (ctx) => ctx.reply("Hello <b>there</b>", { parse_mode: "HTML" }));
    await startPolling();
    fake.sendText({ chatId: USER, fromId: USER, text: "/start" });
    const call = await fake.waitFor((c) => c.method === "sendMessage" && c.ok);
    expect(call.params.chat_id).toBe(USER);
    const [incoming, reply] = fake.messages(USER);
    expect(incoming?.fromBot).toBe(false);
    expect(reply).toMatchObject({ fromBot: true, text: "Hello there", sourceText: "Hello <b>there</b>", parseMode: "HTML" });
    expect(reply?.entities).toEqual([{ type: "bold", offset: 6, length: 5 }]);
  });

  it("recognises /cmd@botname in groups and ignores commands for other bots", async () => {
    const seen: string[] = [];
    bot.command("digest", async (ctx) => {
      seen.push(ctx.msg.text);
      await ctx.reply("ok");
    });
    await startPolling();
    fake.sendText({ chatId: GROUP, fromId: USER, text: "/digest@someone_else_bot" });
    fake.sendText({ chatId: GROUP, fromId: USER, text: `/digest@${fake.bot.username} today` });
    await fake.waitFor((c) => c.method === "sendMessage" && c.ok);
    expect(seen).toEqual([`/digest@${fake.bot.username} today`]);
  });

  it("routes button presses to callback_query:data and records the answer", async () => {
    bot.on("callback_query:data", (ctx) => ctx.answerCallbackQuery({ text: `got ${ctx.callbackQuery.data}` }));
    await startPolling();
    const sent = await bot.api.sendMessage(USER, "Pick one", {
      reply_markup: { inline_keyboard: [[{ text: "More", callback_data: "more:1" }]] },
    });
    const updateId = fake.pressButton({ chatId: USER, fromId: USER, messageId: sent.message_id, data: "more:1" });
    await fake.waitFor((c) => c.method === "answerCallbackQuery" && c.ok);
    expect(fake.callbackQuery(updateId)).toMatchObject({ answered: true, answer: { text: "got more:1" } });
  });

  it("delivers my_chat_member and anonymous-admin messages with realistic shapes", async () => {
    const events: string[] = [];
    bot.on("my_chat_member", (ctx) => void events.push(`member:${ctx.myChatMember.new_chat_member.status}`));
    bot.on("message:text", (ctx) => void events.push(`text:${ctx.from.username}:${ctx.senderChat?.id}`));
    await startPolling();
    fake.sendMyChatMember({ chatId: GROUP, fromId: USER, oldStatus: "member", newStatus: "administrator" });
    const last = fake.sendText({ chatId: GROUP, fromId: USER, text: "hello", senderChatId: GROUP });
    await fake.handled(last);
    expect(events).toEqual(["member:administrator", `text:GroupAnonymousBot:${GROUP}`]);
    const admins = await bot.api.getChatAdministrators(GROUP);
    expect(admins.map((a) => a.user.id)).toEqual([fake.bot.id]);
  });
});

describe("getUpdates", () => {
  it("confirms updates by offset and honours limit", async () => {
    const a = fake.sendText({ chatId: USER, fromId: USER, text: "one" });
    fake.sendText({ chatId: USER, fromId: USER, text: "two" });
    const first = await bot.api.getUpdates({ limit: 1 });
    expect(first.map((u) => u.message?.text)).toEqual(["one"]);
    const rest = await bot.api.getUpdates({ offset: a + 1 });
    expect(rest.map((u) => u.update_id)).toEqual([a + 1]);
    expect(rest[0]?.message).toMatchObject({ chat: { id: USER, type: "private" }, from: { id: USER, is_bot: false } });
    expect(await bot.api.getUpdates({ offset: a + 2 })).toEqual([]);
  });

  it("answers a waiting long poll as soon as an update is queued", async () => {
    const poll = bot.api.getUpdates({ timeout: 5 });
    await untilLongPollWaits();
    fake.sendText({ chatId: USER, fromId: USER, text: "wake up" });
    expect((await poll).map((u) => u.message?.text)).toEqual(["wake up"]);
  });

  it("ends the older of two concurrent long polls with 409 Conflict", async () => {
    const first = bot.api.getUpdates({ timeout: 5 });
    await untilLongPollWaits();
    const second = bot.api.getUpdates({ timeout: 5 });
    const conflict = await apiError(first);
    expect(conflict.error_code).toBe(409);
    fake.sendText({ chatId: USER, fromId: USER, text: "for the survivor" });
    expect((await second).map((u) => u.message?.text)).toEqual(["for the survivor"]);
  });

  it("ends a waiting long poll with no updates on close", async () => {
    const poll = bot.api.getUpdates({ timeout: 30 });
    await untilLongPollWaits();
    await fake.close();
    expect(await poll).toEqual([]);
  });
});

describe("message validation", () => {
  it("rejects unsupported tags and unbalanced HTML, accepts escaped text", async () => {
    const script = await apiError(bot.api.sendMessage(USER, "<script>x</script>", { parse_mode: "HTML" }));
    expect(script.error_code).toBe(400);
    expect(script.description).toBe('Bad Request: can\'t parse entities: Unsupported start tag "script" at byte offset 0');
    const open = await apiError(bot.api.sendMessage(USER, "<b>bold", { parse_mode: "HTML" }));
    expect(open.description).toContain('Can\'t find end tag corresponding to start tag "b"');
    const crossed = await apiError(bot.api.sendMessage(USER, "<b><i>x</b></i>", { parse_mode: "HTML" }));
    expect(crossed.description).toContain("Unmatched end tag");
    const raw = await apiError(bot.api.sendMessage(USER, "AT&T", { parse_mode: "HTML" }));
    expect(raw.description).toContain("can't parse entities");
    const ok = await bot.api.sendMessage(USER, "a &lt;b&gt; &amp; &quot;q&quot; &#128512; &#x41;", { parse_mode: "HTML" });
    expect(ok.text).toBe('a <b> & "q" 😀 A');
    expect(fake.messages(USER)).toHaveLength(1);
  });

  it("counts the 4096 limit in UTF-16 units of the visible text", async () => {
    await bot.api.sendMessage(USER, "😀".repeat(2048)); // 2048 surrogate pairs = 4096 units
    const pairs = await apiError(bot.api.sendMessage(USER, "😀".repeat(2048) + "!"));
    expect(pairs.description).toBe("Bad Request: message is too long");
    await bot.api.sendMessage(USER, `<b>${"&amp;".repeat(4096)}</b>`, { parse_mode: "HTML" });
    const entities = await apiError(bot.api.sendMessage(USER, "&amp;".repeat(4097), { parse_mode: "HTML" }));
    expect(entities.description).toBe("Bad Request: message is too long");
    const empty = await apiError(bot.api.sendMessage(USER, "<b> </b>", { parse_mode: "HTML" }));
    expect(empty.description).toBe("Bad Request: message text is empty");
  });

  it("checks callback_data is 1..64 bytes", async () => {
    const keyboard = (data: string) => ({ reply_markup: { inline_keyboard: [[{ text: "b", callback_data: data }]] } });
    await bot.api.sendMessage(USER, "ok", keyboard("x".repeat(64)));
    const long = await apiError(bot.api.sendMessage(USER, "no", keyboard("é".repeat(33)))); // 66 bytes
    expect(long.description).toBe("Bad Request: BUTTON_DATA_INVALID");
    const empty = await apiError(bot.api.sendMessage(USER, "no", keyboard("")));
    expect(empty.description).toBe("Bad Request: BUTTON_DATA_INVALID");
  });

  it("requires message_thread_id to name a topic of a forum supergroup", async () => {
    fake.addChat({ id: SUPERGROUP, type: "supergroup", title: "Forum", is_forum: true });
    fake.addForumTopic(SUPERGROUP, 7, "AI news");
    const sent = await bot.api.sendMessage(SUPERGROUP, "in topic", { message_thread_id: 7 });
    expect(sent).toMatchObject({ message_thread_id: 7, is_topic_message: true });
    const missing = await apiError(bot.api.sendMessage(SUPERGROUP, "x", { message_thread_id: 8 }));
    expect(missing.description).toBe("Bad Request: message thread not found");
    const notForum = await apiError(bot.api.sendMessage(GROUP, "x", { message_thread_id: 7 }));
    expect(notForum.description).toBe("Bad Request: message thread not found");
  });

  it("answers chat not found, and records link preview options", async () => {
    const missing = await apiError(bot.api.sendMessage(424242, "hi"));
    expect(missing.description).toBe("Bad Request: chat not found");
    await bot.api.sendMessage(USER, "https://example.com", { link_preview_options: { is_disabled: true } });
    expect(fake.messages(USER)[0]?.linkPreviewOptions).toEqual({ is_disabled: true });
  });

  it("posts to a channel only as administrator, as the channel", async () => {
    fake.addChat({ id: -1003, type: "channel", title: "AI Digest" });
    const post = await bot.api.sendMessage(-1003, "digest");
    expect(post.sender_chat?.id).toBe(-1003);
    expect(post.from).toBeUndefined();
    fake.setMember(-1003, fake.bot.id, "member");
    const err = await apiError(bot.api.sendMessage(-1003, "again"));
    expect(err.description).toBe("Bad Request: need administrator rights in the channel chat");
  });

  it("edits and deletes messages", async () => {
    const m = await bot.api.sendMessage(USER, "draft");
    await bot.api.editMessageText(USER, m.message_id, "<i>final</i>", { parse_mode: "HTML" });
    expect(fake.messages(USER)[0]).toMatchObject({ text: "final", edits: 1, entities: [{ type: "italic", offset: 0, length: 5 }] });
    const same = await apiError(bot.api.editMessageText(USER, m.message_id, "<i>final</i>", { parse_mode: "HTML" }));
    expect(same.description).toContain("message is not modified");
    await bot.api.deleteMessage(USER, m.message_id);
    expect(fake.messages(USER)).toEqual([]);
    const gone = await apiError(bot.api.deleteMessage(USER, m.message_id));
    expect(gone.description).toBe("Bad Request: message to delete not found");
  });
});

describe("rate limits and failures", () => {
  it("answers 429 with retry_after, and auto-retry gets through", async () => {
    await fake.close();
    await setup({ rateLimits: { perChatBurst: 1 } });
    await bot.api.sendMessage(USER, "first");
    const limited = await apiError(bot.api.sendMessage(USER, "second"));
    expect(limited.error_code).toBe(429);
    expect(limited.parameters.retry_after).toBe(1);
    expect(limited.description).toBe("Too Many Requests: retry after 1");
    bot.api.config.use(autoRetry({ maxRetryAttempts: 2 }));
    await bot.api.sendMessage(USER, "third"); // waits out the cap (~1 s), then succeeds
    expect(fake.messages(USER).map((m) => m.text)).toEqual(["first", "third"]);
    expect(fake.rateStats()).toMatchObject({ accepted: 2, maxPerSecondInOneChat: 1 });
  });

  it("fails scripted calls, 5xx included, only as often as asked", async () => {
    fake.failNext("sendMessage", { error_code: 502, description: "Bad Gateway", chatId: USER, times: 2 });
    expect((await apiError(bot.api.sendMessage(USER, "a"))).error_code).toBe(502);
    await bot.api.sendMessage(GROUP, "other chat is unaffected");
    expect((await apiError(bot.api.sendMessage(USER, "b"))).error_code).toBe(502);
    await bot.api.sendMessage(USER, "c");
    expect(fake.messages(USER).map((m) => m.text)).toEqual(["c"]);
  });

  it("drops a scripted connection, which grammY reports as HttpError", async () => {
    fake.dropNext("getChat");
    const err = await bot.api.getChat(USER).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((await bot.api.getChat(USER)).id).toBe(USER);
  });

  it("treats my_chat_member kicked in a private chat as the user blocking the bot", async () => {
    await bot.api.sendMessage(USER, "before");
    fake.sendMyChatMember({ chatId: USER, fromId: USER, oldStatus: "member", newStatus: "kicked" });
    expect((await apiError(bot.api.sendMessage(USER, "after"))).error_code).toBe(403);
  });

  it("gives 403 for a user who blocked the bot and a group that kicked it", async () => {
    fake.blockBot(USER);
    const blocked = await apiError(bot.api.sendMessage(USER, "hi"));
    expect([blocked.error_code, blocked.description]).toEqual([403, "Forbidden: bot was blocked by the user"]);
    fake.kickBot(GROUP);
    const kicked = await apiError(bot.api.sendMessage(GROUP, "hi"));
    expect([kicked.error_code, kicked.description]).toEqual([403, "Forbidden: bot was kicked from the group chat"]);
  });

  it("gives 400 with migrate_to_chat_id for an upgraded group", async () => {
    fake.migrateChat(GROUP, SUPERGROUP);
    const err = await apiError(bot.api.sendMessage(GROUP, "hi"));
    expect(err.description).toBe("Bad Request: group chat was upgraded to a supergroup chat");
    expect(err.parameters.migrate_to_chat_id).toBe(SUPERGROUP);
    const moved = await bot.api.sendMessage(SUPERGROUP, "hi again");
    expect(moved.chat).toMatchObject({ id: SUPERGROUP, type: "supergroup" });
  });
});

describe("chats, members and commands", () => {
  it("reflects setMember in getChatMember", async () => {
    expect((await bot.api.getChatMember(GROUP, USER)).status).toBe("left");
    fake.setMember(GROUP, USER, "administrator", { can_delete_messages: false });
    const admin = await bot.api.getChatMember(GROUP, USER);
    expect(admin).toMatchObject({ status: "administrator", user: { id: USER }, can_delete_messages: false });
    fake.setMember(GROUP, USER, "kicked");
    expect((await bot.api.getChatMember(GROUP, USER)).status).toBe("kicked");
    expect((await bot.api.getChatMember(GROUP, fake.bot.id)).status).toBe("member");
  });

  it("stores commands per scope and language", async () => {
    await bot.api.setMyCommands([{ command: "digest", description: "Today's digest" }]);
    await bot.api.setMyCommands([{ command: "abo", description: "Abonnieren" }], {
      scope: { type: "chat", chat_id: GROUP },
      language_code: "de",
    });
    expect(fake.commands()).toEqual([{ command: "digest", description: "Today's digest" }]);
    expect(fake.commands({ type: "chat", chat_id: GROUP }, "de").map((c) => c.command)).toEqual(["abo"]);
    expect(await bot.api.getMyCommands({ scope: { type: "chat", chat_id: GROUP } })).toEqual([]);
    await bot.api.deleteMyCommands();
    expect(await bot.api.getMyCommands()).toEqual([]);
    const bad = await apiError(bot.api.setMyCommands([{ command: "Bad-Name", description: "x" }]));
    expect(bad.description).toBe("Bad Request: BOT_COMMAND_INVALID");
  });

  it("leaves a chat, after which sends are refused", async () => {
    await bot.api.sendChatAction(GROUP, "typing");
    await bot.api.leaveChat(GROUP);
    const err = await apiError(bot.api.sendMessage(GROUP, "still here?"));
    expect(err.description).toBe("Forbidden: bot is not a member of the group chat");
  });
});

describe("HTTP surface", () => {
  it("answers 401 for an unknown token and 404 for an unknown method", async () => {
    const wrongToken = await fetch(`${fake.apiRoot}/bot1:nope/getMe`);
    expect(wrongToken.status).toBe(401);
    expect(await wrongToken.json()).toEqual({ ok: false, error_code: 401, description: "Unauthorized" });
    const unknown = await fetch(`${fake.apiRoot}/bot${fake.token}/sendTelepathy`, { method: "POST" });
    expect(await unknown.json()).toEqual({ ok: false, error_code: 404, description: "Not Found" });
  });

  it("accepts form-urlencoded and multipart bodies", async () => {
    const form = new URLSearchParams({
      chat_id: String(USER),
      text: "<b>urlencoded</b>",
      parse_mode: "HTML",
      reply_markup: JSON.stringify({ inline_keyboard: [[{ text: "x", callback_data: "1" }]] }),
    });
    const r1 = await fetch(`${fake.apiRoot}/bot${fake.token}/sendMessage`, { method: "POST", body: form });
    expect(await r1.json()).toMatchObject({ ok: true, result: { text: "urlencoded", chat: { id: USER } } });
    const multi = new FormData();
    multi.set("chat_id", String(GROUP));
    multi.set("text", "007");
    const r2 = await fetch(`${fake.apiRoot}/bot${fake.token}/sendMessage`, { method: "POST", body: multi });
    expect(await r2.json()).toMatchObject({ ok: true, result: { text: "007", chat: { id: GROUP } } });
    expect(fake.messages(USER)[0]?.replyMarkup).toEqual({ inline_keyboard: [[{ text: "x", callback_data: "1" }]] });
  });

  it("waitFor rejects with the calls it saw", async () => {
    await bot.api.getMe();
    await expect(fake.waitFor((c) => c.method === "sendMessage", 30)).rejects.toThrow(/calls: getMe/);
  });
});
