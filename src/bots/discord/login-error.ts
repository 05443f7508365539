/**
 * Why `client.login` failed, in words the operator can act on: a token Discord refused is told apart
 * from a Discord API that cannot be reached (network, proxy, DISCORD_API_BASE), as the Telegram
 * adapter does with getMe. discord.js errors never contain the token.
 */
import { PlatformError, describeError } from "../../core/errors.js";

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host not found",
  ETIMEDOUT: "connection timed out",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  UND_ERR_CONNECT_TIMEOUT: "connection timed out",
  UND_ERR_SOCKET: "connection closed",
  UND_ERR_HEADERS_TIMEOUT: "no answer in time",
};

interface ErrorLike {
  code?: unknown;
  status?: unknown;
  name?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/** The network reason anywhere in the cause chain (undici nests it; dual-stack connects aggregate it). */
export function networkReason(err: unknown, depth = 0): string | null {
  if (!err || typeof err !== "object" || depth > 5) return null;
  const e = err as ErrorLike;
  if (typeof e.code === "string" && NETWORK_CODES[e.code]) return NETWORK_CODES[e.code] ?? null;
  if (e.name === "AbortError" || e.name === "TimeoutError") return "no answer in time";
  if (Array.isArray(e.errors)) for (const inner of e.errors) {
    const r = networkReason(inner, depth + 1);
    if (r) return r;
  }
  return networkReason(e.cause, depth + 1);
}

export function loginError(err: unknown): PlatformError {
  const unreachable = networkReason(err);
  if (unreachable) {
    return new PlatformError(`cannot reach the Discord API: ${unreachable} (${describeError(err)})`, {
      code: "unreachable",
      userMessage: `The Discord API cannot be reached (${unreachable}); check the network or DISCORD_API_BASE.`,
      cause: err,
    });
  }
  const e = (err ?? {}) as ErrorLike;
  if (e.code === "TokenInvalid" || e.status === 401 || e.code === 4004) {
    return new PlatformError(`Discord refused the bot token: ${describeError(err)}`, {
      code: "discord-login",
      userMessage: "Discord refused the bot token; check DISCORD_TOKEN (Developer Portal → Bot → Reset Token).",
      cause: err,
    });
  }
  return new PlatformError(`Discord login failed: ${describeError(err)}`, {
    code: "discord-login",
    userMessage: `Discord refused to log in (${describeError(err)}); check DISCORD_TOKEN.`,
    cause: err,
  });
}
