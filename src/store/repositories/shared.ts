import { randomBytes, randomUUID } from "node:crypto";

/** Epoch ms → Date, keeping null. */
export const toDate = (ms: number | null): Date | null => (ms === null ? null : new Date(Number(ms)));
export const ms = (d: Date | null | undefined): number | null => (d ? d.getTime() : null);

export function parseJsonArray<T>(text: string): T[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
}

/** Short ids for things people type in chat (feeds); UUIDs for the rest. */
export const shortId = (): string => randomBytes(5).toString("hex");
export const uuid = (): string => randomUUID();

/** SQLite allows ~32k bound variables; Postgres 65k. Chunk large IN lists and batch inserts. */
export function chunk<T>(xs: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/** Unique-violation detection across better-sqlite3 and pg. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  if (!e) return false;
  return e.code === "23505" || e.code === "SQLITE_CONSTRAINT_UNIQUE" || e.code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}
