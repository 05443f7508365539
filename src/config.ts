/**
 * The one place configuration is read. A zod schema over the environment (plus `.env` when present),
 * parsed once at start and frozen. An invalid value stops start-up with one line naming the variable.
 * Nothing else in the app reads `process.env`.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse as parseDotenv } from "dotenv";
import { z } from "zod";
import { ConfigError } from "./core/errors.js";
import { packageRoot } from "./package-root.js";
import { bool, duration, HHMM, int, isTimeZone, optionalNumber, optionalString, roles, shardIds, url, type Role } from "./config-fields.js";

export { ROLES, type Role } from "./config-fields.js";

export const configSchema = z.object({
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === "" ? "sqlite:./data/newsdesk.db" : v.trim()))
    .refine((v) => /^(sqlite:|postgres:\/\/|postgresql:\/\/)/.test(v), {
      message: "must start with sqlite: (e.g. sqlite:./data/newsdesk.db) or postgres://",
    })
    // "sqlite:" alone used to mean a throwaway in-memory database: a typo that loses everything at
    // exit. A throwaway database must be asked for by name.
    .refine((v) => !/^sqlite:(\/\/)?\s*$/.test(v), {
      message: "sqlite: needs a file path, e.g. sqlite:./data/newsdesk.db (or sqlite::memory: for a throwaway database)",
    }),
  DISCORD_TOKEN: optionalString,
  DISCORD_APPLICATION_ID: optionalString.refine((v) => v === null || /^\d{5,25}$/.test(v), {
    message: "must be the numeric application id",
  }),
  DISCORD_API_BASE: url(["http:", "https:"]),
  DISCORD_DEV_GUILD_ID: optionalString,
  DISCORD_SHARDS: optionalString.refine((v) => v === null || v.toLowerCase() === "auto", {
    message: "must be auto (or leave it empty and set DISCORD_SHARD_IDS with DISCORD_SHARD_COUNT)",
  }),
  DISCORD_SHARD_IDS: shardIds,
  DISCORD_SHARD_COUNT: int(0, 0, 100_000),
  ROLES: roles,
  LEADER_LEASE: duration("30s", 1000),
  FEED_CLAIM_LEASE: duration("5m", 1000),
  SCHEDULER_TICK: duration("1m", 1000),
  TELEGRAM_BOT_TOKEN: optionalString,
  TELEGRAM_API_ROOT: url(["http:", "https:"]),
  TELEGRAM_WEBHOOK_URL: url(["https:", "http:"]),
  TELEGRAM_WEBHOOK_PORT: int(8080, 1, 65535),
  TELEGRAM_WEBHOOK_SECRET: optionalString,
  TELEGRAM_LINK_PREVIEWS: bool(false),
  TELEGRAM_GLOBAL_RATE: int(25, 1, 1000),
  TELEGRAM_MAX_IN_FLIGHT: int(4, 1, 64),
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
  FEED_POLL_INTERVAL: duration("15m", 5000),
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
  discord: {
    token: string | null;
    applicationId: string | null;
    apiBase: string | null;
    devGuildId: string | null;
    /** null: one shard; "auto": Discord's recommended count, all in this instance; else these of `count`. */
    shards: "auto" | { ids: number[]; count: number } | null;
  };
  telegram: {
    token: string | null;
    apiRoot: string | null;
    webhookUrl: string | null;
    webhookPort: number;
    webhookSecret: string | null;
    linkPreviews: boolean;
    globalRatePerSecond: number;
    /** Sends on their way at once: bounds what one crash can duplicate (Telegram has no idempotency key). */
    maxInFlight: number;
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
  /** Names this process in delivery claims; default host + slot (src/instance-id.ts). */
  instanceId: string | null;
  /** What this instance does (ROLES); all by default. */
  roles: readonly Role[];
  /** Leader locks (clustering, Telegram polling): a dead leader is replaced within this. */
  leaderLeaseMs: number;
  /** Due feeds are claimed for a poll for this long; a dead poller's feeds are due again after it. */
  feedClaimLeaseMs: number;
  /** How often the scheduler looks for due feeds and digests (1 minute; shorter for tests). */
  schedulerTickMs: number;
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

/** Where `.env` is looked for, first wins: the working directory, then the package root. */
export function dotenvPaths(cwd = process.cwd()): string[] {
  return [join(cwd, ".env"), join(packageRoot(), ".env")];
}

/**
 * The environment with `.env` files under it: real variables win over the working directory's `.env`,
 * which wins over the package root's `.env` (so `npm start` from elsewhere, a service manager starting
 * in /, or `npx newsdesk` still find the operator's settings next to the code).
 */
export function readEnvironment(processEnv: Env = process.env, paths: readonly string[] = dotenvPaths()): Env {
  const layers = [...new Set(paths.map((p) => resolve(p)))]
    .filter((p) => existsSync(p))
    .map((p) => parseDotenv(readFileSync(p)))
    .reverse();
  return Object.assign({}, ...layers, processEnv) as Env;
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
  if (e.DISCORD_SHARD_IDS && e.DISCORD_SHARDS) {
    throw new ConfigError("DISCORD_SHARDS", "set either DISCORD_SHARDS=auto or DISCORD_SHARD_IDS with DISCORD_SHARD_COUNT, not both");
  }
  if (e.DISCORD_SHARD_IDS && e.DISCORD_SHARD_COUNT === 0) {
    throw new ConfigError("DISCORD_SHARD_COUNT", "required with DISCORD_SHARD_IDS: the total number of shards across all instances");
  }
  if (e.DISCORD_SHARD_IDS && e.DISCORD_SHARD_IDS.some((id) => id >= e.DISCORD_SHARD_COUNT)) {
    throw new ConfigError("DISCORD_SHARD_IDS", `shard numbers run from 0 to DISCORD_SHARD_COUNT - 1 (${e.DISCORD_SHARD_COUNT - 1})`);
  }
  if (e.DISCORD_SHARD_COUNT > 0 && !e.DISCORD_SHARD_IDS) {
    throw new ConfigError("DISCORD_SHARD_IDS", "required with DISCORD_SHARD_COUNT: which of the shards this instance runs, e.g. 0,1");
  }
  if (e.FEED_CLAIM_LEASE <= e.FEED_TIMEOUT) {
    throw new ConfigError("FEED_CLAIM_LEASE", "must be longer than FEED_TIMEOUT, or a slow feed could be fetched twice");
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
      shards: e.DISCORD_SHARDS ? "auto" : e.DISCORD_SHARD_IDS ? { ids: e.DISCORD_SHARD_IDS, count: e.DISCORD_SHARD_COUNT } : null,
    },
    telegram: {
      token: e.TELEGRAM_BOT_TOKEN,
      apiRoot: e.TELEGRAM_API_ROOT,
      webhookUrl: e.TELEGRAM_WEBHOOK_URL,
      webhookPort: e.TELEGRAM_WEBHOOK_PORT,
      webhookSecret: e.TELEGRAM_WEBHOOK_SECRET,
      linkPreviews: e.TELEGRAM_LINK_PREVIEWS,
      globalRatePerSecond: e.TELEGRAM_GLOBAL_RATE,
      maxInFlight: e.TELEGRAM_MAX_IN_FLIGHT,
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
    roles: e.ROLES,
    leaderLeaseMs: e.LEADER_LEASE,
    feedClaimLeaseMs: e.FEED_CLAIM_LEASE,
    schedulerTickMs: e.SCHEDULER_TICK,
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
