import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/logging.js";

describe("logging", () => {
  it("never writes a token, even inside an error message or URL", () => {
    const token = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ";
    const config = loadConfig({ TELEGRAM_BOT_TOKEN: token, DISCORD_TOKEN: "discord-secret-token-xyz", DISCORD_APPLICATION_ID: "123456789012", LOG_LEVEL: "info" });
    const lines: string[] = [];
    const log = createLogger(config, { write: (l) => lines.push(l) });
    log.error({ err: new Error(`request to https://api.telegram.org/bot${token}/getMe failed`) }, "call failed");
    log.info(`using discord-secret-token-xyz`);
    expect(lines).toHaveLength(2);
    expect(lines.join("")).not.toContain(token);
    expect(lines.join("")).not.toContain("discord-secret-token-xyz");
    expect(lines.join("")).toContain("[redacted]");
  });
});
