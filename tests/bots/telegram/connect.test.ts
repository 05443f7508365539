import { describe, expect, it } from "vitest";
import { GrammyError, HttpError } from "grammy";
import { connect } from "../../../src/bots/telegram/connect.js";
import { PlatformError } from "../../../src/core/errors.js";
import type { Logger } from "../../../src/core/logger.js";

function recordingLogger(lines: string[]): Logger {
  const log = (o: object | string, m?: string) => lines.push(typeof o === "string" ? o : `${m} ${JSON.stringify(o)}`);
  const l: Logger = { debug: log, info: log, warn: log, error: log, child: () => l };
  return l;
}

describe("connecting to the Bot API", () => {
  it("retries a network failure with warnings, then succeeds", async () => {
    const lines: string[] = [];
    let calls = 0;
    const me = await connect(
      async () => {
        if (++calls < 3) throw new HttpError("Network request for 'getMe' failed!", new Error("ECONNREFUSED"));
        return { id: 1 };
      },
      recordingLogger(lines),
      5,
      1,
    );
    expect(me).toEqual({ id: 1 });
    expect(lines.filter((l) => l.startsWith("cannot reach the Telegram Bot API yet"))).toHaveLength(2);
  });

  it("gives up after the attempts with a clear error", async () => {
    const err = await connect(() => Promise.reject(new HttpError("Network request for 'getMe' failed!", new Error("ECONNREFUSED"))), recordingLogger([]), 3, 1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlatformError);
    expect((err as PlatformError).userMessage).toMatch(/cannot be reached/);
  });

  it("stops at once on a rejected token", async () => {
    let calls = 0;
    const err = await connect(
      () => {
        calls++;
        return Promise.reject(new GrammyError("Call to 'getMe' failed!", { ok: false, error_code: 401, description: "Unauthorized" }, "getMe", {}));
      },
      recordingLogger([]),
      5,
      1,
    ).catch((e: unknown) => e);
    expect(calls).toBe(1);
    expect((err as PlatformError).userMessage).toMatch(/TELEGRAM_BOT_TOKEN was rejected/);
  });
});
