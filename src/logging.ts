/**
 * The concrete logger (pino), made by the composition root. Secrets (bot tokens, database passwords)
 * are scrubbed from every line at the output stream, so no error message or URL can leak them,
 * wherever it was logged from.
 */
import { pino } from "pino";
import type { Config } from "./config.js";
import type { Logger } from "./core/logger.js";

export function secretsOf(config: Readonly<Config>): string[] {
  const out: string[] = [];
  if (config.discord.token) out.push(config.discord.token);
  if (config.telegram.token) out.push(config.telegram.token);
  if (config.telegram.webhookSecret) out.push(config.telegram.webhookSecret);
  if (config.llm?.apiKey) out.push(config.llm.apiKey);
  try {
    const pw = new URL(config.databaseUrl).password;
    if (pw) out.push(decodeURIComponent(pw), pw);
  } catch {
    // sqlite: URLs have no password
  }
  // Short strings would redact ordinary words; real tokens are long.
  return [...new Set(out)].filter((s) => s.length >= 6);
}

export function scrub(line: string, secrets: readonly string[]): string {
  let out = line;
  for (const s of secrets) out = out.split(s).join("[redacted]");
  return out;
}

export interface LineSink {
  write(line: string): void;
}

export function createLogger(
  config: Readonly<Config>,
  sink: LineSink = process.stderr,
): Logger {
  const secrets = secretsOf(config);
  const stream = { write: (line: string) => sink.write(scrub(line, secrets)) };
  return pino({ level: config.logLevel, base: { app: "newsdesk" } }, stream) as unknown as Logger;
}
