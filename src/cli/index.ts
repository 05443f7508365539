/**
 * `newsdesk <group> …`: the operator's command line. A composition root like main.ts: it may wire
 * concrete parts (store, fetcher, engine) together.
 */
import { loadConfig, readEnvironment } from "../config.js";
import { ConfigError, describeError } from "../core/errors.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Config } from "../config.js";
import { createLogger, scrub, secretsOf } from "../logging.js";
import { ensureBuiltinTopics } from "../digest/seed-topics.js";
import { openDatabase } from "../open-database.js";
import { packageRoot } from "../package-root.js";
import { flagProblem } from "./known-flags.js";
import type { CliCommand, CliContext } from "./context.js";
import { processIo } from "./stdio.js";
import type { CliIo } from "./stdio.js";

const USAGE = `newsdesk — RSS/Atom to daily AI-news digests for Discord and Telegram

Usage: newsdesk <command> [options]

  migrate                          create or update the database schema
  feeds add <url|path> [--force]   subscribe the instance to a feed (global scope); it is tested
                                   first, --force adds it even when the test fails
  feeds list [--all]               list feeds with their health (--all: disabled feeds too)
  feeds remove <id|url>            remove a feed and its items
  feeds rename <id|url> <name>     the outlet name digests show for a feed
  feeds test <url|path>            fetch and parse a feed, store nothing
  feeds poll [--once]              poll due feeds and group new items into stories
                                   (once, or every minute until interrupted)
  opml import <file>               add every feed in an OPML file
  opml export [file] [--all]       write feeds as OPML to the file, or print them
                                   (--all: every scope, disabled feeds too)
  cluster --input a.jsonl --output b.jsonl   cluster items offline (--help: options)
  cluster eval --csv <file>        score clustering against a labelled CSV
  cluster eval --scenario <file.jsonl>   the same for a scenario file's headlines alone
  eval scenarios <file.jsonl> [--background <dir>] [--json] [--variants]
                                   replay labelled AI-news days through the engine and score it
  topics [--keywords] [--community <id>]   list the topic catalogue
  digest preview [--topics a,b] [--format text|json|markdown] [--max n] [--color]
                                   preview the next digest: --max stories (1 to 50, default
                                   DIGEST_MAX_STORIES), --color for a terminal
  help                             this text
  --version                        the installed version

Settings come from the environment and .env (the working directory's, then the package's own).

Feeds: http(s) URLs or local files. Feeds on private addresses need ALLOW_PRIVATE_FEED_HOSTS=true.`;

/** The version in package.json. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { version: string }).version;
}

/**
 * The CLI speaks to a person: its own lines say what happened, so routine info-level JSON log lines
 * (which repeat them) stay out unless LOG_LEVEL=debug (or trace) asks for everything.
 */
export function cliLogLevel(config: Readonly<Config>): Readonly<Config> {
  return config.logLevel === "info" ? { ...config, logLevel: "warn" } : config;
}

/** Groups are loaded on demand so `newsdesk migrate` does not load the whole app. */
const groups: Record<string, () => Promise<CliCommand>> = {
  migrate: async () => async (_args, ctx) => {
    ctx.out(`database ready (${ctx.store.dialect})`);
    return 0;
  },
  feeds: async () => (await import("./feeds.js")).feedsCommand,
  opml: async () => (await import("./opml.js")).opmlCommand,
  cluster: async () => (await import("./cluster.js")).clusterCommand,
  eval: async () => (await import("./eval.js")).evalCommand,
  topics: async () => (await import("./topics.js")).topicsCommand,
  digest: async () => (await import("./digest.js")).digestCommand,
};

export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [group, ...args] = argv;
  if (!group || group === "help" || group === "--help" || group === "-h") {
    io.out(USAGE);
    return group ? 0 : 1;
  }
  if (group === "--version" || group === "-v" || group === "version") {
    io.out(`newsdesk ${packageVersion()}`);
    return 0;
  }
  const load = groups[group];
  if (!load) {
    io.err(`unknown ${group.startsWith("-") ? "option" : "command"} '${group}'. Run 'newsdesk help'.`);
    return 2;
  }
  const problem = flagProblem(group, args);
  if (problem) {
    io.err(problem);
    return 2;
  }
  let config;
  try {
    config = loadConfig(readEnvironment());
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err(`newsdesk: configuration error: ${err.message}`);
      return 2;
    }
    throw err;
  }
  const logger = createLogger(cliLogLevel(config));
  let store;
  try {
    store = await openDatabase(config.databaseUrl, (directory) => io.err(`newsdesk: created ${directory} for the database`));
  } catch (err) {
    io.err(`newsdesk: ${scrub(describeError(err), secretsOf(config))}`);
    return 1;
  }
  await ensureBuiltinTopics(store, new Date());
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const ctx: CliContext = { config, store, logger, out: io.out, err: io.err, now: () => new Date(), signal: abort.signal };
  try {
    const command = await load();
    return await command(args, ctx);
  } catch (err) {
    io.err(`newsdesk ${group}: ${describeError(err)}`);
    return 1;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await store.close();
  }
}
