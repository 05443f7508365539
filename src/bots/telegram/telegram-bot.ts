/**
 * The Telegram adapter: a grammY bot wired to the shared command layer and the core's platform events, plus
 * a Messenger for deliveries. Long polling by default; with `webhook` set, a node http server receives
 * updates (the secret token is checked by grammY's webhookCallback).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { autoRetry } from "@grammyjs/auto-retry";
import { Bot, webhookCallback } from "grammy";
import type { BotCommandScope, UserFromGetMe } from "grammy/types";
import type { BotAdapter, BotDeps } from "../../core/bot.js";
import type { Leadership } from "../../core/leadership.js";
import type { Logger } from "../../core/logger.js";
import type { SendBudgetRepository } from "../../core/ports.js";
import type { Messenger } from "../../core/messenger.js";
import { ActingPlaces, CallbackCodec, MessageOrigins } from "./callback-data.js";
import { ChatAdmins } from "./chat-admins.js";
import { ChatQueues } from "./chat-queues.js";
import { commandMenus } from "./command-names.js";
import { floodControl } from "./flood-control.js";
import { FloodLimiter, type FloodClock, type SharedSendBudget } from "./flood-limiter.js";
import { handleCallback } from "./handle-callback.js";
import { handleCommandMessage } from "./handle-command.js";
import { handleMigration, handleMyChatMember } from "./handle-membership.js";
import type { TelegramRuntime } from "./reply-sender.js";
import { describeTelegramError } from "./send-errors.js";
import { connect } from "./connect.js";
import { createPollingSupervisor } from "./polling-supervisor.js";
import { createTelegramMessenger } from "./telegram-messenger.js";

export interface TelegramWebhookOptions {
  /** Public HTTPS URL Telegram posts updates to (set with setWebhook). */
  url: string;
  /** Local port of the http server (0: any free port, see webhookPort). */
  port: number;
  /** Checked against X-Telegram-Bot-Api-Secret-Token on every request. */
  secret: string;
  /** Local interface to listen on (default all). */
  host?: string;
}

export interface TelegramBotOptions {
  token: string;
  /** A self-hosted Bot API server (or the test fake) instead of https://api.telegram.org. */
  apiRoot?: string | null;
  webhook?: TelegramWebhookOptions | null;
  linkPreviews: boolean;
  globalRatePerSecond?: number;
  /** Sends on their way at once (default 4): bounds the duplicates one crash can cause. */
  maxInFlight?: number;
  /** Other instances using this token share the global budget and 429 holds through the database. */
  sharedBudget?: SendBudgetRepository | null;
  perChatPerSecond?: number;
  perGroupPerMinute?: number;
  /** Retries of a request Telegram answered with 429 (or 5xx); default 3. */
  maxRetries?: number;
  /** Longest retry_after honoured in place; longer waits fail as rate-limited (default 30 s). */
  maxRetryDelaySeconds?: number;
  /** For tests: how long admin lookups are cached, and the limiter's clock. */
  adminCacheMs?: number;
  floodClock?: FloodClock;
  /** getMe attempts at start (1, 2, 4 … s apart) before start() fails; default 5. */
  connectAttempts?: number;
  /**
   * Long polling with several instances: only the leader polls, the others stand by (none: always
   * poll). Ignored in webhook mode, where every instance receives updates.
   */
  pollingLeadership?: Leadership;
  /** First pause before polling again after losing it (409 Conflict …); default 5 s. */
  pollingRetryMs?: number;
}

export interface TelegramBot extends BotAdapter {
  readonly platform: "telegram";
  /** The underlying grammY bot (for diagnostics and tests). */
  readonly bot: Bot;
  readonly limiter: FloodLimiter;
  /** The local port of the webhook server once started, else null. */
  readonly webhookPort: number | null;
  /** Resolves once every received update has been handled (updates run in per-chat queues). */
  idle(): Promise<void>;
  /** True while this instance long-polls (false in webhook mode or while standing by). */
  readonly polling: boolean;
}

const ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"] as const;

export function createTelegramBot(opts: TelegramBotOptions, deps: BotDeps): TelegramBot {
  const logger = deps.logger.child({ platform: "telegram" });
  const bot = new Bot(opts.token, { client: { ...(opts.apiRoot ? { apiRoot: opts.apiRoot } : {}) } });
  const limiter = new FloodLimiter(
    {
      ...(opts.globalRatePerSecond !== undefined ? { globalPerSecond: opts.globalRatePerSecond } : {}),
      ...(opts.perChatPerSecond !== undefined ? { perChatPerSecond: opts.perChatPerSecond } : {}),
      ...(opts.perGroupPerMinute !== undefined ? { perGroupPerMinute: opts.perGroupPerMinute } : {}),
      ...(opts.maxInFlight !== undefined ? { maxInFlight: opts.maxInFlight } : {}),
    },
    opts.floodClock,
    opts.sharedBudget ? sharedBudgetOf(opts.sharedBudget, opts.token, opts.globalRatePerSecond ?? 25, logger) : null,
  );
  // Order matters: auto-retry is installed last so it wraps the limiter and every retry queues again.
  bot.api.config.use(floodControl(limiter));
  bot.api.config.use(
    autoRetry({
      maxRetryAttempts: opts.maxRetries ?? 3,
      maxDelaySeconds: opts.maxRetryDelaySeconds ?? 30,
      // A send that failed on the network or with a 5xx may still have arrived: retrying it could post
      // twice. The messenger retries such a digest part once, and counts it (see send-errors.ts).
      rethrowHttpErrors: true,
      rethrowInternalServerErrors: true,
    }),
  );

  const rt: TelegramRuntime = {
    deps: { ...deps, logger },
    codec: new CallbackCodec(deps.commands),
    origins: new MessageOrigins(),
    acting: new ActingPlaces(),
    admins: new ChatAdmins(bot.api, opts.adminCacheMs !== undefined ? { ttlMs: opts.adminCacheMs } : {}),
    me: (): UserFromGetMe => bot.botInfo,
    linkPreviews: opts.linkPreviews,
  };

  // Updates run concurrently across chats and in order within one: a reply waiting for a busy group's
  // flood limit must not hold up a private chat. The middleware returns at once, so errors are logged
  // here rather than by bot.catch.
  const queues = new ChatQueues({
    onError: (err, chatId) => logger.error({ chatId, error: describeTelegramError(err) }, "telegram update failed"),
  });
  bot.use((ctx, next) => {
    const updateId = ctx.update.update_id;
    const key = String(ctx.chat?.id ?? ctx.from?.id ?? "");
    const queued = queues.enqueue(key, () =>
      next().catch((err: unknown) => {
        logger.error({ updateId, error: describeTelegramError(err) }, "telegram update failed");
      }),
    );
    if (!queued) logger.warn({ updateId, chatId: key }, "telegram update dropped: too many waiting in this chat");
  });
  bot.on("message:migrate_to_chat_id", (ctx) => handleMigration(ctx, rt));
  bot.on("message:text", (ctx) => handleCommandMessage(ctx, rt));
  bot.on("callback_query:data", (ctx) => handleCallback(ctx, rt));
  bot.on("my_chat_member", (ctx) => handleMyChatMember(ctx, rt));
  // One bad update is logged and skipped; polling goes on.
  bot.catch((err) => {
    logger.error({ updateId: err.ctx.update.update_id, error: describeTelegramError(err.error) }, "telegram update failed");
  });

  const messenger: Messenger = createTelegramMessenger(bot.api, deps.events, logger, {
    linkPreviews: opts.linkPreviews,
    limiter,
    ...(opts.maxInFlight !== undefined ? { maxInFlight: opts.maxInFlight } : {}),
  });
  let server: Server | null = null;
  const poller = createPollingSupervisor({
    bot,
    allowedUpdates: ALLOWED_UPDATES,
    logger,
    ...(opts.pollingLeadership ? { leadership: opts.pollingLeadership } : {}),
    ...(opts.pollingRetryMs !== undefined ? { retryMs: opts.pollingRetryMs } : {}),
  });

  async function registerCommands(): Promise<void> {
    const menus = commandMenus(deps.commands);
    const sets: Array<[BotCommandScope, typeof menus.everyone]> = [
      [{ type: "default" }, menus.everyone],
      [{ type: "all_private_chats" }, menus.privateChats],
      [{ type: "all_chat_administrators" }, menus.administrators],
    ];
    for (const [scope, list] of sets) {
      try {
        if (list.length > 0) await bot.api.setMyCommands(list, { scope });
        else await bot.api.deleteMyCommands({ scope });
      } catch (err) {
        // Menus are a convenience: typed commands work without them.
        logger.warn({ scope: scope.type, error: describeTelegramError(err) }, "telegram setMyCommands failed");
      }
    }
  }

  async function startWebhook(hook: TelegramWebhookOptions): Promise<void> {
    const path = new URL(hook.url).pathname;
    const handle = webhookCallback(bot, "http", { secretToken: hook.secret, onTimeout: "return" });
    server = createServer((req, res) => {
      const reqPath = new URL(req.url ?? "/", "http://localhost").pathname;
      if (req.method !== "POST" || reqPath !== path) {
        res.writeHead(404).end();
        return;
      }
      handle(req, res).catch((err: unknown) => {
        logger.error({ error: describeTelegramError(err) }, "telegram webhook request failed");
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    const s = server;
    await new Promise<void>((resolve, reject) => {
      s.once("error", reject);
      s.listen(hook.port, hook.host, () => resolve());
    });
    await bot.api.setWebhook(hook.url, { secret_token: hook.secret, allowed_updates: [...ALLOWED_UPDATES] });
    logger.info({ port: (s.address() as AddressInfo).port }, "telegram webhook listening");
  }

  return {
    platform: "telegram",
    messenger,
    bot,
    limiter,
    idle: () => queues.idle(),
    get polling() {
      return poller.polling;
    },
    get webhookPort() {
      const address = server?.address();
      return address && typeof address === "object" ? address.port : null;
    },
    async start() {
      // grammY's own init() retries getMe forever on network errors, silently. Connect ourselves, say
      // so, and give up with a clear error after a few attempts (a supervisor restarts us).
      logger.info("connecting to the Telegram Bot API");
      bot.botInfo = await connect(() => bot.api.getMe(), logger, opts.connectAttempts ?? 5);
      await registerCommands();
      if (opts.webhook) await startWebhook(opts.webhook);
      else await poller.start();
    },
    async startSending() {
      // grammY sends with the token alone; no getMe, no polling, no webhook in this instance.
      logger.info("telegram: sending only (updates are received by another instance)");
    },
    async stop() {
      if (server) {
        const s = server;
        server = null;
        await new Promise<void>((resolve) => s.close(() => resolve()));
      }
      await poller.stop();
      // Updates already received are answered before we report stopped.
      await queues.idle();
    },
  };
}

/**
 * The budget key is the bot's id (the token's public part before the colon), never the secret. The burst
 * matches the local limiter's: a tenth of a second's worth.
 */
function sharedBudgetOf(repo: SendBudgetRepository, token: string, perSecond: number, logger: Logger): SharedSendBudget {
  const key = `telegram:${token.split(":")[0] ?? "bot"}`;
  const burst = Math.max(1, Math.ceil(perSecond / 10));
  let warnedAt = 0;
  return {
    take: () => repo.take(key, perSecond, burst),
    hold: (ms) => repo.hold(key, ms),
    onError: (err) => {
      // At most one warning a minute: a database outage must not flood the log once per message.
      if (Date.now() - warnedAt < 60_000) return;
      warnedAt = Date.now();
      logger.warn({ error: err instanceof Error ? err.message : String(err) }, "shared Telegram send budget unavailable; pacing locally");
    },
  };
}
