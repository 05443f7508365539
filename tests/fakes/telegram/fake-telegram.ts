/**
 * An in-process fake of the Telegram Bot API on 127.0.0.1, for end-to-end tests with real grammY:
 * `new Bot(fake.token, { client: { apiRoot: fake.apiRoot } })`. It validates like Telegram (HTML entities,
 * lengths, keyboards, forum threads, flood caps), lets a test act as users (sendText, pressButton, …), script
 * failures (failNext, blockBot, kickBot, migrateChat) and inspect everything the bot did (calls, messages).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { BotCommand, User } from "grammy/types";
import { ApiError, type ApiErrorBody } from "./api-error.js";
import { botMethods, scopeKey } from "./bot-methods.js";
import type { CallbackQueryRecord, FakeRecords, MethodContext, MethodHandler } from "./method-context.js";
import { messageMethods } from "./message-methods.js";
import { RateLimiter, type RateLimits, type RateStats } from "./rate-limiter.js";
import { readParams, type Params } from "./read-params.js";
import {
  queueButtonPress, queueMigration, queueMyChatMember, queueText,
  type MyChatMemberInput, type PressButtonInput, type SendTextInput,
} from "./simulate-updates.js";
import {
  TelegramState, type AdminRights, type ChatInput, type FakeChat, type MemberStatus, type StoredMessage, type UserInput,
} from "./telegram-state.js";
import { UpdateQueue } from "./update-queue.js";

export type { ApiErrorBody } from "./api-error.js";
export type { CallbackQueryRecord } from "./method-context.js";
export type { RateLimits, RateStats } from "./rate-limiter.js";
export type { MyChatMemberInput, PressButtonInput, SendTextInput } from "./simulate-updates.js";
export type { AdminRights, ChatInput, ChatType, FakeChat, MemberStatus, StoredMessage, UserInput } from "./telegram-state.js";

export interface FakeTelegramOptions {
  /** Default "123456789:TEST-fake-telegram-token"; its numeric prefix becomes the bot's user id. */
  token?: string;
  botUsername?: string;
  botFirstName?: string;
  rateLimits?: Partial<RateLimits>;
  /** See ParseHtmlOptions.strictEntities; default true. */
  strictHtmlEntities?: boolean;
  /** Clock in ms for rate limits and message dates. */
  now?: () => number;
}

export interface CallRecord {
  method: string;
  params: Params;
  /** When the call arrived (ms, from the fake's clock). */
  time: number;
  ok: boolean;
  result?: unknown;
  error?: ApiErrorBody;
}

export interface ScriptedFailure {
  error_code: number;
  description: string;
  parameters?: ApiErrorBody["parameters"];
  /** Only calls whose chat_id equals this fail. */
  chatId?: number | string;
  /** How many matching calls fail; default 1. */
  times?: number;
  /** Run the method first (the message is posted), then answer with this error: an ambiguous failure. */
  afterAccept?: boolean;
}

interface Script {
  method: string;
  failure: ScriptedFailure | "drop" | "drop-after-accept";
  chatId: string | undefined;
  remaining: number;
}

interface CallWaiter {
  predicate: (call: CallRecord) => boolean;
  resolve: (call: CallRecord) => void;
}

const METHODS: Record<string, MethodHandler> = Object.fromEntries(
  Object.entries({ ...botMethods, ...messageMethods }).map(([name, h]) => [name.toLowerCase(), h]),
);

export class FakeTelegram {
  readonly token: string;
  readonly bot: User;
  /** Every API call the bot made, in completion order. */
  readonly calls: CallRecord[] = [];
  readonly limiter: RateLimiter;
  readonly state: TelegramState;
  readonly records: FakeRecords = {
    webhook: undefined,
    menuButtons: new Map(),
    commands: new Map(),
    callbackQueries: new Map(),
  };
  private readonly updates = new UpdateQueue();
  private readonly server: Server;
  private readonly scripts: Script[] = [];
  private readonly waiters = new Set<CallWaiter>();
  private readonly now: () => number;
  private readonly strictEntities: boolean;
  private port = 0;

  private constructor(opts: FakeTelegramOptions) {
    this.token = opts.token ?? "123456789:TEST-fake-telegram-token";
    this.now = opts.now ?? Date.now;
    this.strictEntities = opts.strictHtmlEntities ?? true;
    const botId = Number(/^(\d+):/.exec(this.token)?.[1] ?? 123456789);
    this.bot = { id: botId, is_bot: true, first_name: opts.botFirstName ?? "Newsdesk Test", username: opts.botUsername ?? "newsdesk_test_bot" };
    this.state = new TelegramState(this.bot, this.now);
    this.limiter = new RateLimiter(opts.rateLimits, this.now);
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  static async start(opts: FakeTelegramOptions = {}): Promise<FakeTelegram> {
    const fake = new FakeTelegram(opts);
    await new Promise<void>((resolve, reject) => {
      fake.server.once("error", reject);
      fake.server.listen(0, "127.0.0.1", () => resolve());
    });
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** Pass as grammY's `client.apiRoot`. */
  get apiRoot(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  // --- the simulated world -------------------------------------------------------------------------------

  addUser(input: UserInput): User {
    return this.state.addUser(input);
  }

  addChat(input: ChatInput): FakeChat {
    return this.state.addChat(input);
  }

  addForumTopic(chatId: number, threadId: number, name: string): void {
    const chat = this.state.chats.get(chatId);
    if (!chat || chat.type !== "supergroup" || !chat.isForum) throw new Error(`fake telegram: ${chatId} is not a forum supergroup`);
    chat.topics.set(threadId, name);
  }

  /** Sets anyone's status in a chat, including the bot's own (`fake.bot.id`). */
  setMember(chatId: number, userId: number, status: MemberStatus, rights?: AdminRights): void {
    this.state.setMember(chatId, userId, status, rights);
  }

  /** The user blocks the bot: sends to their private chat get 403. */
  blockBot(userId: number): void {
    this.state.blocked.add(userId);
  }

  unblockBot(userId: number): void {
    this.state.blocked.delete(userId);
  }

  /** The bot is removed from a group/supergroup/channel: sends get 403 "bot was kicked". */
  kickBot(chatId: number): void {
    this.state.setMember(chatId, this.bot.id, "kicked");
  }

  /** Upgrades a group: calls naming oldId get 400 with migrate_to_chat_id; newId becomes a supergroup. */
  migrateChat(oldId: number, newId: number, opts: { notify?: boolean } = {}): void {
    this.state.migrate(oldId, newId);
    if (opts.notify ?? true) queueMigration(this.world(), oldId, newId);
  }

  /** The next `times` calls of `method` (to `chatId`, if given) fail with this error instead of running. */
  failNext(method: string, failure: ScriptedFailure): void {
    this.scripts.push({
      method: method.toLowerCase(),
      failure,
      chatId: failure.chatId === undefined ? undefined : String(failure.chatId),
      remaining: failure.times ?? 1,
    });
  }

  /**
   * The next matching calls lose their connection without an answer (grammY throws HttpError); with
   * `afterAccept`, only after the method ran (the message was posted: a reset after Telegram accepted).
   */
  dropNext(method: string, opts: { chatId?: number | string; times?: number; afterAccept?: boolean } = {}): void {
    this.scripts.push({
      method: method.toLowerCase(),
      failure: opts.afterAccept ? "drop-after-accept" : "drop",
      chatId: opts.chatId === undefined ? undefined : String(opts.chatId),
      remaining: opts.times ?? 1,
    });
  }

  /** A user (or, with senderChatId, an anonymous admin) writes in a chat. Returns the update_id. */
  sendText(input: SendTextInput): number {
    return queueText(this.world(), input);
  }

  /** A user presses an inline button under a message. Returns the update_id; see callbackQuery(). */
  pressButton(input: PressButtonInput): number {
    return queueButtonPress(this.world(), input);
  }

  /** The bot's membership in a chat changes (added, promoted, removed, blocked). Returns the update_id. */
  sendMyChatMember(input: MyChatMemberInput): number {
    return queueMyChatMember(this.world(), input);
  }

  // --- inspection ----------------------------------------------------------------------------------------

  /** Current messages in a chat (bot's and users'), oldest first, with edits applied and deletions removed. */
  messages(chatId: number): StoredMessage[] {
    return [...(this.state.messageStore.get(chatId)?.values() ?? [])].sort((a, b) => a.messageId - b.messageId);
  }

  /** Commands set for a scope (default scope if omitted) and language, exactly as getMyCommands would answer. */
  commands(scope?: Record<string, unknown>, languageCode?: string): BotCommand[] {
    return this.records.commands.get(scopeKey(scope, languageCode)) ?? [];
  }

  /** The callback query carried by an update from pressButton, with the bot's answer once it came. */
  callbackQuery(updateId: number): CallbackQueryRecord | undefined {
    return [...this.records.callbackQueries.values()].find((q) => q.updateId === updateId);
  }

  /** True while the bot's getUpdates is held open waiting for an update. */
  get longPollWaiting(): boolean {
    return this.updates.waiting;
  }

  rateStats(): RateStats {
    return this.limiter.stats();
  }

  /**
   * Resolves with the first call (already made, from index `since` on, or future) that matches; rejects after
   * `timeoutMs` listing the calls seen, so a failing test says what the bot did instead.
   */
  waitFor(predicate: (call: CallRecord) => boolean, timeoutMs = 2000, since = 0): Promise<CallRecord> {
    const done = this.calls.slice(since).find(predicate);
    if (done) return Promise.resolve(done);
    return new Promise((resolve, reject) => {
      const waiter: CallWaiter = {
        predicate,
        resolve: (call) => {
          clearTimeout(timer);
          resolve(call);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const seen = this.calls.map((c) => `${c.method}${c.ok ? "" : ` (${c.error?.error_code})`}`).join(", ");
        reject(new Error(`fake telegram: no matching call within ${timeoutMs} ms; calls: ${seen || "none"}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /**
   * Resolves once the bot has handled update `updateId`: grammY asks for the next offset only after its
   * middleware finished the batch, so this is the moment to assert on side effects of an update that
   * produces no API call.
   */
  handled(updateId: number, timeoutMs = 2000): Promise<void> {
    return this.updates.confirmed(updateId, timeoutMs);
  }

  /** Ends pending long polls at once (so bot.stop() is quick) and closes the server. */
  async close(): Promise<void> {
    this.updates.close();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeIdleConnections();
      // Let the answers to ended polls flush before cutting keep-alive sockets.
      setTimeout(() => this.server.closeAllConnections(), 50).unref();
    });
  }

  // --- HTTP ----------------------------------------------------------------------------------------------

  private world() {
    return { state: this.state, updates: this.updates, records: this.records };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const route = /^\/bot([^/]+)\/([A-Za-z]+)\/?$/.exec(url.pathname);
    if (!route || (req.method !== "GET" && req.method !== "POST")) {
      return send(res, { error_code: 404, description: "Not Found" });
    }
    if (route[1] !== this.token) return send(res, { error_code: 401, description: "Unauthorized" });
    const name = route[2] ?? "";
    const handler = METHODS[name.toLowerCase()];
    const time = this.now();
    let params: Params = {};
    const aborts: Array<() => void> = [];
    res.on("close", () => {
      if (!res.writableFinished) for (const cancel of aborts) cancel();
    });
    let outcome: { ok: true; result: unknown } | { ok: false; error: ApiErrorBody };
    try {
      if (!handler) throw new ApiError({ error_code: 404, description: "Not Found" });
      params = await readParams(req, url);
      const script = this.takeScript(name, params);
      if (script === "drop") {
        this.record({ method: name, params, time, ok: false, error: { error_code: 0, description: "connection dropped" } });
        req.socket.destroy();
        return;
      }
      if (script && script !== "drop-after-accept" && !script.afterAccept) {
        const { error_code, description, parameters } = script;
        if (error_code === 429) this.limiter.noteRetryAfter(parameters?.retry_after ?? 1, time);
        throw new ApiError({ error_code, description, ...(parameters ? { parameters } : {}) });
      }
      const ctx: MethodContext = {
        state: this.state,
        updates: this.updates,
        limiter: this.limiter,
        records: this.records,
        html: { strictEntities: this.strictEntities },
        onAbort: (cancel) => aborts.push(cancel),
      };
      outcome = { ok: true, result: await handler(ctx, params) };
      if (script === "drop-after-accept") {
        this.record({ method: name, params, time, ok: false, result: outcome.result, error: { error_code: 0, description: "connection dropped after accept" } });
        req.socket.destroy();
        return;
      }
      if (script) {
        const { error_code, description, parameters } = script;
        this.record({ method: name, params, time, ok: false, result: outcome.result, error: { error_code, description } });
        send(res, { error_code, description, ...(parameters ? { parameters } : {}) });
        return;
      }
    } catch (err) {
      const body: ApiErrorBody =
        err instanceof ApiError
          ? err.body
          : { error_code: 500, description: `Internal Server Error: fake telegram bug: ${String(err)}` };
      outcome = { ok: false, error: body };
    }
    this.record({ method: name, params, time, ...outcome });
    if (outcome.ok) {
      if (!res.writableEnded) res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(outcome));
    } else {
      send(res, outcome.error);
    }
  }

  private takeScript(method: string, params: Params): Script["failure"] | undefined {
    const lower = method.toLowerCase();
    const chatId = params.chat_id === undefined ? undefined : String(params.chat_id);
    const script = this.scripts.find(
      (s) => s.method === lower && s.remaining > 0 && (s.chatId === undefined || s.chatId === chatId),
    );
    if (!script) return undefined;
    script.remaining--;
    if (script.remaining === 0) this.scripts.splice(this.scripts.indexOf(script), 1);
    return script.failure;
  }

  private record(call: CallRecord): void {
    this.calls.push(call);
    for (const w of this.waiters) {
      if (w.predicate(call)) {
        this.waiters.delete(w);
        w.resolve(call);
      }
    }
  }
}

function send(res: ServerResponse, error: ApiErrorBody): void {
  if (res.writableEnded) return;
  const status = error.error_code >= 400 && error.error_code < 600 ? error.error_code : 500;
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ ok: false, ...error }));
}

/** Starts a fake Telegram Bot API server on 127.0.0.1 at a free port. */
export function startFakeTelegram(opts: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  return FakeTelegram.start(opts);
}
