import { GrammyError, HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import { classifySendError } from "../../../src/bots/telegram/send-errors.js";

const TOKEN = "123456789:AAHsecretsecretsecretsecretsecret";

function apiError(error_code: number, description: string, parameters = {}) {
  return new GrammyError(`Call to 'sendMessage' failed! (${error_code}: ${description})`, { ok: false, error_code, description, parameters }, "sendMessage", {});
}

describe("classifySendError", () => {
  it("403s are permanent and unreachable", () => {
    for (const d of ["Forbidden: bot was blocked by the user", "Forbidden: bot was kicked from the group chat", "Forbidden: user is deactivated"]) {
      expect(classifySendError(apiError(403, d))).toMatchObject({ kind: "permanent", unreachable: true });
    }
  });

  it("a group upgrade carries the new chat id", () => {
    const f = classifySendError(apiError(400, "Bad Request: group chat was upgraded to a supergroup chat", { migrate_to_chat_id: -100777 }));
    expect(f).toMatchObject({ kind: "permanent", migrateToChatId: "-100777", unreachable: false });
  });

  it("chat not found is permanent; an unexpected 400 is not (it is more likely our bug)", () => {
    expect(classifySendError(apiError(400, "Bad Request: chat not found"))).toMatchObject({ kind: "permanent", unreachable: true });
    expect(classifySendError(apiError(400, "Bad Request: can't parse entities"))).toMatchObject({ kind: "transient" });
  });

  it("429 is rate-limited with the wait; 5xx transient", () => {
    expect(classifySendError(apiError(429, "Too Many Requests: retry after 5", { retry_after: 5 }))).toMatchObject({ kind: "rate-limited", retryAfterMs: 5000 });
    expect(classifySendError(apiError(502, "Bad Gateway"))).toMatchObject({ kind: "transient" });
  });

  it("network errors never leak the URL or token", () => {
    const inner = Object.assign(new Error(`request to https://api.telegram.org/bot${TOKEN}/sendMessage failed`), { code: "ECONNRESET" });
    const f = classifySendError(new HttpError(`Network request for 'sendMessage' failed! ${inner.message}`, inner));
    expect(f).toMatchObject({ kind: "transient", reason: "sendMessage: network error (ECONNRESET)" });
    expect(classifySendError(new Error(`boom ${TOKEN}`)).reason).not.toContain("secret");
  });
});
