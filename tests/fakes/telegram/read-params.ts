/**
 * Reads Bot API parameters from the query string and the body (JSON, form-urlencoded or multipart), as the real
 * server accepts all of them. In form bodies every value is a string and objects arrive JSON-encoded, so those
 * are decoded by the typed accessors below, which know what each parameter should be.
 */
import type { IncomingMessage } from "node:http";
import { badRequest } from "./api-error.js";

export type Params = Record<string, unknown>;

export async function readParams(req: IncomingMessage, url: URL): Promise<Params> {
  const params: Params = {};
  for (const [k, v] of url.searchParams) params[k] = v;
  const body = await readBody(req);
  if (body.length === 0) return params;
  const rawType = req.headers["content-type"] ?? "";
  const type = rawType.toLowerCase();
  if (type.startsWith("application/json")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString("utf8"));
    } catch {
      throw badRequest("invalid JSON body");
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw badRequest("invalid JSON body");
    return { ...params, ...(parsed as Params) };
  }
  if (type.startsWith("application/x-www-form-urlencoded")) {
    for (const [k, v] of new URLSearchParams(body.toString("utf8"))) params[k] = v;
    return params;
  }
  if (type.startsWith("multipart/form-data")) {
    const form = await new Response(body, { headers: { "content-type": rawType } }).formData();
    for (const [k, v] of form) params[k] = typeof v === "string" ? v : { file: v.name, size: v.size };
    return params;
  }
  throw badRequest(`unsupported content type ${type || "(none)"}`);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

// Typed accessors: the real API answers a wrong or missing parameter with a 400 naming it.

export function optInt(p: Params, key: string): number | undefined {
  const v = p[key];
  if (v === undefined || v === null) return undefined;
  const n = typeof v === "string" && /^-?\d+$/.test(v.trim()) ? Number(v) : v;
  if (typeof n !== "number" || !Number.isInteger(n)) throw badRequest(`invalid ${key} specified`);
  return n;
}

export function reqInt(p: Params, key: string): number {
  const n = optInt(p, key);
  if (n === undefined) throw badRequest(`${key} is empty`);
  return n;
}

export function optStr(p: Params, key: string): string | undefined {
  const v = p[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === "number") return String(v);
  if (typeof v !== "string") throw badRequest(`invalid ${key} specified`);
  return v;
}

export function optBool(p: Params, key: string): boolean | undefined {
  const v = p[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === "boolean") return v;
  if (v === "true" || v === 1) return true;
  if (v === "false" || v === 0) return false;
  throw badRequest(`invalid ${key} specified`);
}

export function optObject(p: Params, key: string): Record<string, unknown> | undefined {
  const v = p[key];
  if (v === undefined || v === null) return undefined;
  const o = typeof v === "string" ? parseJson(v) : v;
  if (typeof o !== "object" || o === null || Array.isArray(o)) throw badRequest(`can't parse ${key} JSON object`);
  return o as Record<string, unknown>;
}

export function optArray(p: Params, key: string): unknown[] | undefined {
  const v = p[key];
  if (v === undefined || v === null) return undefined;
  const a = typeof v === "string" ? parseJson(v) : v;
  if (!Array.isArray(a)) throw badRequest(`can't parse ${key} JSON array`);
  return a as unknown[];
}

function parseJson(s: string): unknown {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return undefined;
  }
}
