/**
 * Composition root: config → store → pipeline → bots → scheduler. With no bot token it runs the
 * offline demo instead. The only module (with src/cli/) that wires concrete parts together.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { loadConfig, readEnvironment, type Config } from "./config.js";
import { createConsoleMessenger } from "./bots/console/console-messenger.js";
import type { BotAdapter } from "./core/bot.js";
import { ConfigError, NewsdeskError, describeError } from "./core/errors.js";
import type { Logger } from "./core/logger.js";
import type { Messenger } from "./core/messenger.js";
import type { Store } from "./core/ports.js";
import type { Platform } from "./core/types.js";
import { packageRoot, removeDemoFeeds, runDemo } from "./demo.js";
import { createFeedFetcher } from "./digest/ingest/feed-fetcher.js";
import { syncFeedCatalogue } from "./digest/feed-catalogue.js";
import { createPipeline } from "./digest/pipeline.js";
import { startScheduler } from "./digest/scheduler.js";
import { ensureBuiltinTopics } from "./digest/seed-topics.js";
import { createLogger, scrub, secretsOf } from "./logging.js";
import { defaultInstanceId } from "./instance-id.js";
import { createMetrics, serveMetrics } from "./metrics.js";
import { createBots } from "./wire-bots.js";
import { startRoles } from "./roles.js";
import { createHostSlots } from "./digest/ingest/host-slots.js";
import { openStore } from "./store/open-store.js";
import { openDatabase } from "./open-database.js";
import { ignoreBrokenPipes } from "./cli/stdio.js";

export function describeSetup(config: Readonly<Config>, demo = false): string[] {
  const live = config.databaseUrl.startsWith("sqlite:") ? config.databaseUrl : "postgres (DATABASE_URL)";
  const db = demo ? `a throwaway in-memory database (the demo never touches ${live})` : live;
  return [
    `database: ${db}`,
    config.discord.token
      ? "discord: configured"
      : "discord: off (set DISCORD_TOKEN and DISCORD_APPLICATION_ID in .env)",
    config.telegram.token ? "telegram: configured" : "telegram: off (set TELEGRAM_BOT_TOKEN in .env)",
    `default digest: ${config.defaultDigestTime} ${config.defaultTimeZone}`,
    config.llm ? `summaries: grounded, model ${config.llm.model}` : "summaries: extractive (set LLM_BASE_URL and LLM_MODEL for grounded ones)",
  ];
}

/** The live service: runs until SIGTERM/SIGINT, then shuts down cleanly. */
async function runLive(config: Readonly<Config>, store: Store, logger: Logger): Promise<number> {
  const slot = config.instanceId ? null : await defaultInstanceId({ databaseUrl: config.databaseUrl });
  const instanceId = config.instanceId ?? slot?.id ?? "newsdesk";
  logger.info({ instanceId, from: slot ? "default (host name and slot; set INSTANCE_ID in containers)" : "INSTANCE_ID" }, "instance id");
  const removed = await removeDemoFeeds(store);
  if (removed) logger.info({ removed }, "removed the offline demo's sample feeds");
  const roles = startRoles(config, store, instanceId, logger);
  const catalogue = config.feedsFile ?? join(packageRoot(), "config", "feeds.opml");
  try {
    if (roles.has("ingest")) {
      const r = await syncFeedCatalogue(store, await readFile(catalogue, "utf8"), new Date());
      if (!r.skipped) logger.info({ catalogue, added: r.added }, "feed catalogue imported");
    }
  } catch (err) {
    // A broken catalogue must not keep the bots down: say so and run with the feeds already stored.
    logger.error({ catalogue, err: describeError(err) }, "feed catalogue could not be read");
  }
  // Operator-configured feeds may be file: paths; feeds added from chat never are (see chatFetcher).
  const fetcher = createFeedFetcher({
    timeoutMs: config.feedTimeoutMs,
    maxBytes: config.feedMaxBytes,
    userAgent: config.userAgent,
    allowPrivateHosts: config.allowPrivateFeedHosts,
    allowFile: true,
    concurrency: config.feedConcurrency,
  });
  const chatFetcher = createFeedFetcher({
    timeoutMs: config.feedTimeoutMs,
    maxBytes: config.feedMaxBytes,
    userAgent: config.userAgent,
    allowPrivateHosts: config.allowPrivateFeedHosts,
    allowFile: false,
  });
  const messengers = new Map<Platform, Messenger>();
  const bots: BotAdapter[] = await createBots(config, {
    store,
    logger,
    chatFetcher,
    now: () => new Date(),
    ...(roles.telegramPolling ? { telegramPolling: roles.telegramPolling } : {}),
  });
  for (const b of bots) messengers.set(b.platform, b.messenger);
  messengers.set("console", createConsoleMessenger(process.stdout));

  // Optional grounded summaries (LLM_*): unset, no model is ever called.
  // The model client (and the openai package) is loaded only when a model is configured.
  const summaries = config.llm
    ? (await import("./digest/summaries/grounded-summaries.js")).groundedSummariesFor(config.llm, { store, logger })
    : undefined;
  if (config.llm) logger.info({ model: config.llm.model, perDay: config.llm.maxStoriesPerDay }, "grounded summaries on");
  const pipeline = createPipeline(
    {
      store,
      fetcher,
      messengers,
      logger,
      instanceId,
      ...(roles.cluster ? { clusterLeadership: roles.cluster } : {}),
      hostSlots: createHostSlots(store.leases, { holder: instanceId, perHost: fetcher.limits.perHost, ttlMs: config.feedTimeoutMs * 2 }),
      ...(summaries ? { summaries } : {}),
    },
    {
      pollIntervalMs: config.feedPollIntervalMs,
      claimLeaseMs: config.feedClaimLeaseMs,
      maxItemsPerFeed: config.feedMaxItems,
      cluster: {
        windowHours: config.clusterWindowHours,
        ...(config.clusterJoinThreshold !== null ? { joinThreshold: config.clusterJoinThreshold } : {}),
        ...(config.clusterJoinThresholdWithSummary !== null
          ? { joinThresholdWithSummary: config.clusterJoinThresholdWithSummary }
          : {}),
        ...(config.clusterMergeThreshold !== null
          ? { mergeThreshold: config.clusterMergeThreshold }
          : {}),
      },
    },
  );

  const started: BotAdapter[] = [];
  try {
    for (const bot of bots) {
      // Its platform's role receives; otherwise the instance only sends through it (deliver role).
      if (roles.has(bot.platform === "discord" ? "discord" : "telegram")) await bot.start();
      else await bot.startSending?.();
      started.push(bot);
      logger.info({ platform: bot.platform }, "bot started");
    }
  } catch (err) {
    // One platform failing to start must not leave the other connected (the process would never exit).
    for (const bot of started) await bot.stop().catch(() => {});
    await roles.stop();
    fetcher.close();
    chatFetcher.close();
    throw err;
  }
  // Only claims this instance really took back count as resumed; the others are held by live instances.
  const unfinished = roles.has("deliver") ? await pipeline.resumeUnfinished(new Date()) : [];
  if (unfinished.length) {
    const resumed = unfinished.filter((o) => o.resumed);
    logger.info(
      {
        resumed: resumed.length,
        finished: resumed.filter((o) => o.status === "sent" || o.status === "empty").length,
        heldByOthers: unfinished.filter((o) => !o.resumed && o.status === "skipped").length,
      },
      "unfinished deliveries at start-up",
    );
  }
  const metrics = createMetrics(store, { roles: roles.roles, leaders: roles.leaders });
  metrics.observe.deliveries?.(unfinished);
  const metricsServer = config.metrics.port ? await serveMetrics(metrics, config.metrics.host, config.metrics.port) : null;
  if (metricsServer) logger.info({ host: config.metrics.host, port: config.metrics.port }, "metrics and health check listening");
  const scheduler = startScheduler(pipeline, logger, {
    retentionDays: config.retentionDays,
    observe: metrics.observe,
    run: { feeds: roles.has("ingest"), prune: roles.has("ingest"), digests: roles.has("deliver") },
    ...(config.schedulerTickMs !== 60_000 ? { tickMs: config.schedulerTickMs } : {}),
  });
  logger.info({ instanceId, roles: roles.roles, bots: bots.map((b) => b.platform) }, "newsdesk running");

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info({ signal }, "shutting down");
      resolve();
    };
    process.once("SIGTERM", () => stop("SIGTERM"));
    process.once("SIGINT", () => stop("SIGINT"));
  });
  // In-flight deliveries finish (scheduler.stop waits); anything cut short stays claimed and is
  // resumed at the next start.
  await scheduler.stop();
  for (const bot of bots) await bot.stop().catch((err: unknown) => logger.warn({ err: describeError(err) }, "bot stop"));
  // Leader locks last: released once this instance has stopped polling, so the next leader starts
  // without a 409 from us.
  await roles.stop();
  fetcher.close();
  chatFetcher.close();
  metricsServer?.close();
  logger.info({ instanceId }, "newsdesk stopped");
  slot?.release();
  return 0;
}

async function main(): Promise<number> {
  ignoreBrokenPipes();
  let config: Readonly<Config>;
  try {
    config = loadConfig(readEnvironment());
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`newsdesk: configuration error: ${err.message}`);
      return 2;
    }
    throw err;
  }
  const demo = !config.discord.token && !config.telegram.token;
  // The demo prints a digest for a person to read: keep routine info logs out of it.
  const logger = createLogger(demo && config.logLevel === "info" ? { ...config, logLevel: "warn" } : config);
  // The demo's sample news lives and dies in memory: it never mixes with (or into) the live database.
  const store = demo
    ? await openStore("sqlite::memory:")
    : await openDatabase(config.databaseUrl, (directory) => logger.info({ directory }, `created ${directory} for the database`));
  try {
    await ensureBuiltinTopics(store, new Date());
    if (demo) {
      for (const line of describeSetup(config, true)) console.log(line);
      console.log("");
      await runDemo(
        { store, logger, out: (s) => process.stdout.write(s) },
        { maxStories: config.digestMaxStories, timeZone: config.defaultTimeZone },
      );
      console.log("\nTo go live: put DISCORD_TOKEN (and DISCORD_APPLICATION_ID) and/or TELEGRAM_BOT_TOKEN in .env, then npm start.");
      return 0;
    }
    return await runLive(config, store, logger);
  } catch (err) {
    // Fatal start-up errors end in one readable line, with any secret scrubbed like every log line.
    const text = err instanceof NewsdeskError ? err.userMessage : describeError(err);
    logger.error({ err: describeError(err) }, "start-up failed");
    console.error(`newsdesk: ${scrub(text, secretsOf(config))}`);
    return 1;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`newsdesk: ${describeError(err)}`);
    process.exitCode = 1;
  },
);
