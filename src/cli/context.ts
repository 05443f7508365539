import type { Config } from "../config.js";
import type { Logger } from "../core/logger.js";
import type { Store } from "../core/ports.js";

/** What every `newsdesk <group>` command receives. */
export interface CliContext {
  config: Readonly<Config>;
  store: Store;
  logger: Logger;
  out(line: string): void;
  err(line: string): void;
  now(): Date;
  /** Aborted on SIGINT/SIGTERM, so long-running commands (feeds poll) stop and close the store. */
  signal: AbortSignal;
}

export type CliCommand = (args: string[], ctx: CliContext) => Promise<number>;
