/**
 * The one place configuration is read. A zod schema over the environment (plus `.env` when present),
 * parsed once at start and frozen. An invalid value stops start-up with one line naming the variable.
 * Nothing else in the app reads `process.env`.
 */
import { existsSync, readFileSync } from "node:fs";
import { parse as parseDotenv } from "dotenv";
import { z } from "zod";
import { ConfigError } from "./core/errors.js";

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** "", "0", "false", "no", "off" are false; "1", "true", "yes", "on" true. Anything else is an error. */
const bool = (def: boolean) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return def;
      const s = v.trim().toLowerCase();
      if (["1", "true", "yes", "on"].includes(s)) return true;
      if (["0", "false", "no", "off"].includes(s)) return false;
      ctx.addIssue({ code: "custom", message: `expected true or false, got '${v}'` });
      return z.NEVER;
    });

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? null : v.trim()));

const int = (def: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return def;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: "custom", message: `expected a whole number from ${min} to ${max}, got '${v}'` });
        return z.NEVER;
      }
      return n;
    });

/** An optional decimal in a range; empty means "use the engine's default". */
const optionalNumber = (min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return null;
      const n = Number(v);
      if (!Number.isFinite(n) || n < min || n > max) {
        ctx.addIssue({ code: "custom", message: `expected a number from ${min} to ${max}, got '${v}'` });
        return z.NEVER;
      }
      return n;
    });

/** Durations like "15m", "1h", "30s". A bare number is refused: "20" could mean seconds or minutes. */
const duration = (def: string, minMs: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const s = (v === undefined || v.trim() === "" ? def : v).trim();
      const m = /^(\d+)\s*(s|m|h)$/i.exec(s);
      if (!m) {
        ctx.addIssue({ code: "custom", message: `expected a duration like 15m, 1h or 30s, got '${s}'` });
        return z.NEVER;
      }
      const unit = (m[2] ?? "").toLowerCase();
      const ms = Number(m[1]) * (unit === "s" ? 1000 : unit === "h" ? 3_600_000 : 60_000);
      if (ms < minMs) {
        ctx.addIssue({ code: "custom", message: `must be at least ${minMs / 1000} seconds` });
        return z.NEVER;
      }
      return ms;
    });

const url = (protocols: string[]) =>
  optionalString.refine(
    (v) => {
      if (v === null) return true;
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { message: `expected a ${protocols.join(" or ")} URL` },
  );

export const configSchema = z.object({
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === "" ? "sqlite:./data/newsdesk.db" : v.trim()))
    .refine((v) => /^(sqlite:|postgres:\/\/|postgresql:\/\/)/.test(v), {
      message: "must start with sqlite: (e.g. sqlite:./data/newsdesk.db) or postgres://",
    }),
  DISCORD_TOKEN: optionalString,
  DISCORD_APPLICATION_ID: optionalString.refine((v) => v === null || /^\d{5,25}$/.test(v), {
    message: "must be the numeric application id",
  }),
  DISCORD_API_BASE: url(["http:", "https:"]),
  DISCORD_DEV_GUILD_ID: optionalString,
  TELEGRAM_BOT_TOKEN: optionalString,
  TELEGRAM_API_ROOT: url(["http:", "https:"]),
  TELEGRAM_WEBHOOK_URL: url(["https:", "http:"]),
  TELEGRAM_WEBHOOK_PORT: int(8080, 1, 65535),
  TELEGRAM_WEBHOOK_SECRET: optionalString,
  TELEGRAM_LINK_PREVIEWS: bool(false),
  TELEGRAM_GLOBAL_RATE: int(25, 1, 1000),
  LOG_LEVEL: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === "" ? "info" : v.trim().toLowerCase()))
    .pipe(
      z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"], {
        message: "must be one of trace, debug, info, warn, error, fatal, silent",
      }),
    ),
  DEFAULT_DIGEST_TIME: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === "" ? "08:00" : v.trim()))
    .refine((v) => HHMM.test(v), { message: "time must be HH:MM (24-hour)" }),
  DEFAULT_TIMEZONE: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === "" ? "UTC" : v.trim()))
    .refine(isTimeZone, { message: "unknown IANA time zone" }),
  DIGEST_MAX_STORIES: int(10, 1, 50),
  FEED_POLL_INTERVAL: duration("15m", 60_000),
  FEED_TIMEOUT: duration("20s", 1000),
  FEED_MAX_BYTES: int(5 * 1024 * 1024, 10_000, 100 * 1024 * 1024),
  FEED_MAX_ITEMS: int(200, 1, 10_000),
  FEED_CONCURRENCY: int(16, 1, 256),
  FEEDS_FILE: optionalString,
  ALLOW_PRIVATE_FEED_HOSTS: bool(false),
  CLUSTER_WINDOW_HOURS: int(72, 1, 24 * 14),
  RETENTION_DAYS: int(30, 7, 3650),
  METRICS_PORT: int(0, 0, 65535),
  METRICS_HOST: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === "" ? "127.0.0.1" : v.trim())),
  CLUSTER_JOIN_THRESHOLD: optionalNumber(0, 1),
  CLUSTER_JOIN_THRESHOLD_SUMMARY: optionalNumber(0, 1),
  CLUSTER_MERGE_THRESHOLD: optionalNumber(0, 2),
  INSTANCE_ID: optionalString,
  LLM_BASE_URL: url(["http:", "https:"]),
  LLM_API_KEY: optionalString,
  LLM_MODEL: optionalString,
  LLM_TIMEOUT: duration("30s", 1000),
  LLM_MAX_STORIES_PER_DAY: int(100, 0, 100_000),
  LLM_LANGUAGE: optionalString,
});

export interface Config {
  databaseUrl: string;
  discord: { token: string | null; applicationId: string | null; apiBase: string | null; devGuildId: string | null };
  telegram: {
    token: string | null;
    apiRoot: string | null;
    webhookUrl: string | null;
    webhookPort: number;
    webhookSecret: string | null;
    linkPreviews: boolean;
    globalRatePerSecond: number;
  };
  logLevel: "trace" | "debug" | "info" | "warn" | "error" | "fatal" | "silent";
  defaultDigestTime: string;
  defaultTimeZone: string;
  digestMaxStories: number;
  feedPollIntervalMs: number;
  feedTimeoutMs: number;
  feedMaxBytes: number;
  feedMaxItems: number;
  feedConcurrency: number;
  /** Operator's feed catalogue (OPML); null = the bundled config/feeds.opml. */
  feedsFile: string | null;
  allowPrivateFeedHosts: boolean;
  clusterWindowHours: number;
  /** Days of items, stories and delivery records kept. */
  retentionDays: number;
  /** Prometheus /metrics and /healthz; port 0 = off. */
  metrics: { port: number; host: string };
  /** Story clustering thresholds; null = the engine's tuned default (see README). */
  clusterJoinThreshold: number | null;
  clusterJoinThresholdWithSummary: number | null;
  clusterMergeThreshold: number | null;
  /** Names this process in delivery claims; defaults to host + pid. */
  instanceId: string | null;
  /** Grounded summaries from an OpenAI-compatible model; null = extractive summaries only. */
  llm: LlmConfig | null;
  userAgent: string;
}

export interface LlmConfig {
  baseUrl: string;
  apiKey: string | null;
  model: string;
  timeoutMs: number;
  /** Model calls per UTC day at most (one per story version). */
  maxStoriesPerDay: number;
  /** Language of the summaries (e.g. "German"); null = the sources' language. */
  language: string | null;
}

export type Env = Record<string, string | undefined>;

/** Read `.env` (if present) under the real environment: real variables win. */
export function readEnvironment(processEnv: Env = process.env, dotenvPath = ".env"): Env {
  const fromFile = existsSync(dotenvPath) ? parseDotenv(readFileSync(dotenvPath)) : {};
  return { ...fromFile, ...processEnv };
}

/** Parse and freeze. Throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env): Readonly<Config> {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? "configuration");
    throw new ConfigError(variable, issue?.message ?? "invalid");
  }
  const e = parsed.data;
  // Settings that only make sense together are checked together, still naming one variable.
  if (e.DISCORD_TOKEN && !e.DISCORD_APPLICATION_ID) {
    throw new ConfigError("DISCORD_APPLICATION_ID", "required when DISCORD_TOKEN is set (Developer Portal → General Information)");
  }
  if (e.TELEGRAM_WEBHOOK_URL && !e.TELEGRAM_WEBHOOK_SECRET) {
    throw new ConfigError("TELEGRAM_WEBHOOK_SECRET", "required when TELEGRAM_WEBHOOK_URL is set, so only Telegram can post updates");
  }
  if (e.LLM_BASE_URL && !e.LLM_MODEL) {
    throw new ConfigError("LLM_MODEL", "required when LLM_BASE_URL is set (e.g. gpt-4o-mini, or llama3.1 on Ollama)");
  }
  if (e.LLM_MODEL && !e.LLM_BASE_URL) {
    throw new ConfigError("LLM_BASE_URL", "required when LLM_MODEL is set (e.g. https://api.openai.com/v1 or http://localhost:11434/v1)");
  }
  const config: Config = {
    databaseUrl: e.DATABASE_URL,
    discord: {
      token: e.DISCORD_TOKEN,
      applicationId: e.DISCORD_APPLICATION_ID,
      apiBase: e.DISCORD_API_BASE,
      devGuildId: e.DISCORD_DEV_GUILD_ID,
    },
    telegram: {
      token: e.TELEGRAM_BOT_TOKEN,
      apiRoot: e.TELEGRAM_API_ROOT,
      webhookUrl: e.TELEGRAM_WEBHOOK_URL,
      webhookPort: e.TELEGRAM_WEBHOOK_PORT,
      webhookSecret: e.TELEGRAM_WEBHOOK_SECRET,
      linkPreviews: e.TELEGRAM_LINK_PREVIEWS,
      globalRatePerSecond: e.TELEGRAM_GLOBAL_RATE,
    },
    logLevel: e.LOG_LEVEL,
    defaultDigestTime: e.DEFAULT_DIGEST_TIME,
    defaultTimeZone: e.DEFAULT_TIMEZONE,
    digestMaxStories: e.DIGEST_MAX_STORIES,
    feedPollIntervalMs: e.FEED_POLL_INTERVAL,
    feedTimeoutMs: e.FEED_TIMEOUT,
    feedMaxBytes: e.FEED_MAX_BYTES,
    feedMaxItems: e.FEED_MAX_ITEMS,
    feedConcurrency: e.FEED_CONCURRENCY,
    feedsFile: e.FEEDS_FILE,
    allowPrivateFeedHosts: e.ALLOW_PRIVATE_FEED_HOSTS,
    clusterWindowHours: e.CLUSTER_WINDOW_HOURS,
    retentionDays: e.RETENTION_DAYS,
    metrics: { port: e.METRICS_PORT, host: e.METRICS_HOST },
    clusterJoinThreshold: e.CLUSTER_JOIN_THRESHOLD,
    clusterJoinThresholdWithSummary: e.CLUSTER_JOIN_THRESHOLD_SUMMARY,
    clusterMergeThreshold: e.CLUSTER_MERGE_THRESHOLD,
    instanceId: e.INSTANCE_ID,
    llm:
      e.LLM_BASE_URL && e.LLM_MODEL
        ? {
            baseUrl: e.LLM_BASE_URL,
            apiKey: e.LLM_API_KEY,
            model: e.LLM_MODEL,
            timeoutMs: e.LLM_TIMEOUT,
            maxStoriesPerDay: e.LLM_MAX_STORIES_PER_DAY,
            language: e.LLM_LANGUAGE,
          }
        : null,
    userAgent: "newsdesk/0.1 (+https://github.com/newsdesk/newsdesk; RSS digest bot)",
  };
  return deepFreeze(config);
}

function deepFreeze<T extends object>(o: T): Readonly<T> {
  for (const v of Object.values(o)) if (v && typeof v === "object") deepFreeze(v as object);
  return Object.freeze(o);
}
