/**
 * Composition root: config → store → pipeline → bots → scheduler. The only module (with src/cli/)
 * that wires concrete parts together.
 */
import { loadConfig, readEnvironment, type Config } from "./config.js";
import { ConfigError, describeError } from "./core/errors.js";
import { createLogger } from "./logging.js";
import { openStore } from "./store/open-store.js";

export function describeSetup(config: Readonly<Config>): string[] {
  const lines: string[] = [];
  const db = config.databaseUrl.startsWith("sqlite:") ? config.databaseUrl : "postgres (DATABASE_URL)";
  lines.push(`database: ${db}`);
  lines.push(
    config.discord.token
      ? `discord: configured${config.discord.applicationId ? "" : " (DISCORD_APPLICATION_ID missing)"}`
      : "discord: off (set DISCORD_TOKEN and DISCORD_APPLICATION_ID in .env)",
  );
  lines.push(config.telegram.token ? "telegram: configured" : "telegram: off (set TELEGRAM_BOT_TOKEN in .env)");
  lines.push(`default digest: ${config.defaultDigestTime} ${config.defaultTimeZone}`);
  return lines;
}

async function main(): Promise<number> {
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
  const logger = createLogger(config);
  const store = await openStore(config.databaseUrl);
  try {
    for (const line of describeSetup(config)) console.log(line);
    logger.debug("store migrated");
    return 0;
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
