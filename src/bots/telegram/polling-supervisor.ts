/**
 * Long polling that survives losing it. Telegram allows one getUpdates consumer per bot: with several
 * instances, only the holder of the polling leadership polls; the others stand by and start when they
 * become leader. An instance that loses polling anyway (409 Conflict: another process polls with the
 * same token; a network outage grammY gave up on) stands by and retries with a growing pause instead
 * of stopping for good.
 */
import type { Bot } from "grammy";
import type { Leadership } from "../../core/leadership.js";
import type { Logger } from "../../core/logger.js";
import { describeTelegramError } from "./send-errors.js";

export interface PollingSupervisorOptions {
  bot: Bot;
  allowedUpdates: readonly string[];
  logger: Logger;
  /** Who may poll; none: this instance always may. */
  leadership?: Leadership;
  /** First pause before polling again after losing it (default 5 s), doubling up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
}

export interface PollingSupervisor {
  /** Resolves when polling has started, or at once when standing by for the leadership. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** True while this instance is polling. */
  readonly polling: boolean;
}

export function createPollingSupervisor(opts: PollingSupervisorOptions): PollingSupervisor {
  const { bot, logger } = opts;
  const baseRetry = opts.retryMs ?? 5000;
  const maxRetry = opts.maxRetryMs ?? 60_000;
  let running: Promise<void> | null = null;
  let polling = false;
  let stopped = false;
  let failures = 0;
  let retryTimer: NodeJS.Timeout | null = null;
  let unsubscribe: (() => void) | null = null;

  const wanted = () => !stopped && (opts.leadership?.isLeader() ?? true);

  /** Start polling; resolves once getUpdates runs (or failed to start, which schedules a retry). */
  function begin(): Promise<void> {
    return new Promise<void>((resolve) => {
      const run = bot.start({
        allowed_updates: [...opts.allowedUpdates] as never,
        onStart: (me) => {
          polling = true;
          failures = 0;
          logger.info({ username: me.username }, "telegram long polling started");
          resolve();
        },
      });
      running = run.then(
        () => {
          polling = false;
          running = null;
          resolve();
          // Stopped on purpose (leadership lost or shutdown); reconcile in case it came back meanwhile.
          if (wanted()) void reconcile();
        },
        (err: unknown) => {
          polling = false;
          running = null;
          resolve();
          scheduleRetry(describeTelegramError(err));
        },
      );
    });
  }

  function scheduleRetry(reason: string): void {
    if (stopped || retryTimer) return;
    const wait = Math.min(maxRetry, baseRetry * 2 ** Math.min(failures, 10));
    failures += 1;
    logger.warn({ reason, retryInMs: wait }, "telegram polling lost: standing by, then trying again");
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void reconcile();
    }, wait);
    retryTimer.unref?.();
  }

  async function reconcile(): Promise<void> {
    if (wanted() && !running) await begin();
    else if (!wanted() && running) {
      const r = running;
      logger.info("telegram long polling handed over: standing by");
      await bot.stop().catch((err: unknown) => logger.warn({ error: describeTelegramError(err) }, "telegram stop failed"));
      await r;
    }
  }

  return {
    get polling() {
      return polling;
    },
    async start() {
      unsubscribe = opts.leadership?.onChange(() => void reconcile()) ?? null;
      if (!wanted()) {
        logger.info("telegram long polling: standing by while another instance polls");
        return;
      }
      await reconcile();
    },
    async stop() {
      stopped = true;
      unsubscribe?.();
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      const r = running;
      if (r) {
        await bot.stop().catch(() => {});
        await r;
      }
    },
  };
}
