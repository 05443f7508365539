/**
 * The field parsers of the configuration schema (src/config.ts): one zod type per kind of value, each
 * failing with a message that says what was expected. Pure: nothing here reads the environment.
 */
import { z } from "zod";

export const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** "", "0", "false", "no", "off" are false; "1", "true", "yes", "on" true. Anything else is an error. */
export const bool = (def: boolean) =>
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

export const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? null : v.trim()));

export const int = (def: number, min: number, max: number) =>
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
export const optionalNumber = (min: number, max: number) =>
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
export const duration = (def: string, minMs: number) =>
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

export const url = (protocols: string[]) =>
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

/** What an instance does; several instances on one Postgres split the work by role. */
export const ROLES = ["ingest", "deliver", "discord", "telegram"] as const;
export type Role = (typeof ROLES)[number];

/** ROLES=ingest,deliver: a comma list of roles; empty means all of them. */
export const roles = z
  .string()
  .optional()
  .transform((v, ctx): Role[] => {
    const parts = (v ?? "").split(",").map((p) => p.trim().toLowerCase()).filter(Boolean);
    if (parts.length === 0 || (parts.length === 1 && parts[0] === "all")) return [...ROLES];
    const unknown = parts.filter((p) => !(ROLES as readonly string[]).includes(p));
    if (unknown.length) {
      ctx.addIssue({ code: "custom", message: `unknown role '${unknown[0]}'; roles are ${ROLES.join(", ")} (comma-separated)` });
      return z.NEVER;
    }
    return ROLES.filter((r) => parts.includes(r));
  });

/** DISCORD_SHARD_IDS=0,1: distinct shard numbers. */
export const shardIds = z
  .string()
  .optional()
  .transform((v, ctx): number[] | null => {
    if (v === undefined || v.trim() === "") return null;
    const ids = v.split(",").map((p) => p.trim());
    if (ids.some((p) => !/^\d{1,5}$/.test(p))) {
      ctx.addIssue({ code: "custom", message: `expected shard numbers like 0,1, got '${v}'` });
      return z.NEVER;
    }
    return [...new Set(ids.map(Number))].sort((a, b) => a - b);
  });
