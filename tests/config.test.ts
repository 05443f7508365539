import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { dotenvPaths, loadConfig, readEnvironment } from "../src/config.js";
import { ConfigError } from "../src/core/errors.js";
import { secretsOf } from "../src/logging.js";

function fails(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error("expected a ConfigError");
}

describe("config", () => {
  it("has working defaults with an empty environment", () => {
    const c = loadConfig({});
    expect(c.databaseUrl).toBe("sqlite:./data/newsdesk.db");
    expect(c.defaultDigestTime).toBe("08:00");
    expect(c.defaultTimeZone).toBe("UTC");
    expect(c.feedPollIntervalMs).toBe(15 * 60_000);
    expect(c.allowPrivateFeedHosts).toBe(false);
    expect(c.discord.token).toBeNull();
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.discord)).toBe(true);
  });

  it("names the variable and the problem in one line", () => {
    expect(fails({ DATABASE_URL: "mysql://x" }).message).toMatch(/^DATABASE_URL: must start with sqlite:/);
    expect(fails({ DEFAULT_TIMEZONE: "Mars/Olympus" }).message).toBe("DEFAULT_TIMEZONE: unknown IANA time zone");
    expect(fails({ DEFAULT_DIGEST_TIME: "25:00" }).message).toBe("DEFAULT_DIGEST_TIME: time must be HH:MM (24-hour)");
    expect(fails({ FEED_POLL_INTERVAL: "soon" }).variable).toBe("FEED_POLL_INTERVAL");
    expect(fails({ ALLOW_PRIVATE_FEED_HOSTS: "maybe" }).message).toMatch(/expected true or false/);
    expect(fails({ LOG_LEVEL: "loud" }).message).toBe("LOG_LEVEL: must be one of trace, debug, info, warn, error, fatal, silent");
    expect(fails({ FEED_TIMEOUT: "20" }).message).toMatch(/^FEED_TIMEOUT: expected a duration like 15m, 1h or 30s/);
    expect(fails({ TELEGRAM_API_ROOT: "ftp://x" }).variable).toBe("TELEGRAM_API_ROOT");
    expect(fails({ FEED_MAX_ITEMS: "0" }).message).toMatch(/whole number/);
    expect(fails({ DISCORD_TOKEN: "abc.def.ghi" }).variable).toBe("DISCORD_APPLICATION_ID");
    expect(fails({ CLUSTER_JOIN_THRESHOLD: "high" }).message).toMatch(/^CLUSTER_JOIN_THRESHOLD: expected a number from 0 to 1/);
    expect(fails({ TELEGRAM_BOT_TOKEN: "1:x", TELEGRAM_WEBHOOK_URL: "https://bot.example/hook" }).variable).toBe(
      "TELEGRAM_WEBHOOK_SECRET",
    );
  });

  it("parses durations, booleans and URLs", () => {
    const c = loadConfig({
      FEED_POLL_INTERVAL: "1h",
      FEED_TIMEOUT: "30s",
      ALLOW_PRIVATE_FEED_HOSTS: "yes",
      DATABASE_URL: "postgres://u:p@localhost/db",
      TELEGRAM_API_ROOT: "http://127.0.0.1:8081",
      DEFAULT_TIMEZONE: "Europe/Berlin",
    });
    expect(c.feedPollIntervalMs).toBe(3_600_000);
    expect(c.feedTimeoutMs).toBe(30_000);
    expect(c.allowPrivateFeedHosts).toBe(true);
    expect(c.telegram.apiRoot).toBe("http://127.0.0.1:8081");
    expect(loadConfig({ CLUSTER_JOIN_THRESHOLD: "0.3" }).clusterJoinThreshold).toBe(0.3);
    expect(loadConfig({}).clusterJoinThreshold).toBeNull();
  });
});

describe("DATABASE_URL", () => {
  it("refuses sqlite: with no path, and takes a file or an explicit :memory:", () => {
    for (const bad of ["sqlite:", "sqlite: ", "sqlite://"]) {
      expect(() => loadConfig({ DATABASE_URL: bad }), bad).toThrow(/DATABASE_URL: sqlite: needs a file path/);
    }
    expect(loadConfig({ DATABASE_URL: "sqlite:./x.db" }).databaseUrl).toBe("sqlite:./x.db");
    expect(loadConfig({ DATABASE_URL: "sqlite::memory:" }).databaseUrl).toBe("sqlite::memory:");
  });
});

describe("readEnvironment", () => {
  it("reads the working directory's .env over the package root's, and real variables over both", () => {
    const dir = mkdtempSync(join(tmpdir(), "newsdesk-env-"));
    try {
      const cwdEnv = join(dir, "cwd.env");
      const rootEnv = join(dir, "root.env");
      writeFileSync(cwdEnv, "LOG_LEVEL=debug\nDEFAULT_TIMEZONE=Europe/Berlin\n");
      writeFileSync(rootEnv, "LOG_LEVEL=warn\nDIGEST_MAX_STORIES=7\nDEFAULT_TIMEZONE=Asia/Tokyo\n");
      const env = readEnvironment({ DEFAULT_TIMEZONE: "UTC" }, [cwdEnv, rootEnv]);
      expect(env["LOG_LEVEL"]).toBe("debug");
      expect(env["DIGEST_MAX_STORIES"]).toBe("7");
      expect(env["DEFAULT_TIMEZONE"]).toBe("UTC");
      // A missing file is no error; the same file named twice is read once.
      expect(readEnvironment({}, [join(dir, "missing.env"), rootEnv, rootEnv])["LOG_LEVEL"]).toBe("warn");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("by default reads the working directory's .env, then the package root's", () => {
    const root = new URL("..", import.meta.url).pathname;
    const paths = dotenvPaths("/srv/somewhere");
    expect(paths).toEqual(["/srv/somewhere/.env", join(root, ".env")]);
    expect(JSON.parse(readFileSync(join(dirname(paths[1] ?? ""), "package.json"), "utf8"))).toMatchObject({ name: "newsdesk" });
  });
});

describe("grounded summary settings (LLM_*)", () => {
  it("are off unless a base URL and a model are set", () => {
    expect(loadConfig({}).llm).toBeNull();
    const c = loadConfig({ LLM_BASE_URL: "http://localhost:11434/v1", LLM_MODEL: "llama3.1:8b" });
    expect(c.llm).toEqual({ baseUrl: "http://localhost:11434/v1", apiKey: null, model: "llama3.1:8b", timeoutMs: 30_000, maxStoriesPerDay: 100, language: null });
  });

  it("read the key, timeout, budget and language", () => {
    const c = loadConfig({ LLM_BASE_URL: "https://api.openai.com/v1", LLM_MODEL: "gpt-4o-mini", LLM_API_KEY: "sk-abcdef123456", LLM_TIMEOUT: "45s", LLM_MAX_STORIES_PER_DAY: "0", LLM_LANGUAGE: "German" });
    expect(c.llm).toMatchObject({ apiKey: "sk-abcdef123456", timeoutMs: 45_000, maxStoriesPerDay: 0, language: "German" });
    expect(secretsOf(c)).toContain("sk-abcdef123456");
  });

  it("fail fast naming the variable", () => {
    expect(() => loadConfig({ LLM_MODEL: "gpt-4o-mini" })).toThrow(/^LLM_BASE_URL: required/);
    expect(() => loadConfig({ LLM_BASE_URL: "http://localhost:11434/v1" })).toThrow(/^LLM_MODEL: required/);
    expect(() => loadConfig({ LLM_BASE_URL: "ftp://x", LLM_MODEL: "m" })).toThrow(/^LLM_BASE_URL/);
    expect(() => loadConfig({ LLM_BASE_URL: "http://x/v1", LLM_MODEL: "m", LLM_TIMEOUT: "30" })).toThrow(/^LLM_TIMEOUT/);
    expect(() => loadConfig({ LLM_BASE_URL: "http://x/v1", LLM_MODEL: "m", LLM_MAX_STORIES_PER_DAY: "-1" })).toThrow(/^LLM_MAX_STORIES_PER_DAY/);
  });
});
