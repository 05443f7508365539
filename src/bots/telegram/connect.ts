import { PlatformError } from "../../core/errors.js";
import type { Logger } from "../../core/logger.js";
import { describeTelegramError } from "./send-errors.js";

/**
 * Call getMe until it answers, at most `attempts` times with doubling waits (1 s, 2 s, 4 s …),
 * warning at each failure. A 401 (bad token) is final at once.
 */
export async function connect<T>(getMe: () => Promise<T>, logger: Logger, attempts: number, baseDelayMs = 1000): Promise<T> {
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      return await getMe();
    } catch (err) {
      last = err;
      const reason = describeTelegramError(err);
      if ((err as { error_code?: number }).error_code === 401) {
        throw new PlatformError(`Telegram rejected the bot token: ${reason}`, {
          code: "unauthorized",
          userMessage: "TELEGRAM_BOT_TOKEN was rejected by Telegram (401): check the token from @BotFather.",
          cause: err,
        });
      }
      if (i + 1 < attempts) {
        const wait = baseDelayMs * 2 ** i;
        logger.warn({ attempt: i + 1, of: attempts, retryInMs: wait, reason }, "cannot reach the Telegram Bot API yet");
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }
  throw new PlatformError(`cannot reach the Telegram Bot API after ${attempts} attempts: ${describeTelegramError(last)}`, {
    code: "unreachable",
    userMessage: "The Telegram Bot API cannot be reached (check the network or TELEGRAM_API_ROOT).",
    cause: last,
  });
}
