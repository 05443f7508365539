import type { IncomingMessage, ServerResponse } from "node:http";
import { Errors, FakeApiError } from "./api-error.js";
import type { BucketConfig, BucketRef, RateLimiter } from "./rate-limit.js";

export interface RouteRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  now: number;
}

export interface RouteResult {
  status?: number;
  /** Undefined sends 204 No Content. */
  body?: unknown;
}

export interface Route {
  method: string;
  /** e.g. "/channels/:channelId/messages" (after /api/v10). */
  pattern: string;
  /** "bot": needs `Authorization: Bot <token>`; "token": authenticated by the interaction token in the path. */
  auth: "bot" | "token";
  /** Which rate-limit window the route counts in; defaults to the route itself per major parameter. */
  bucket?: (params: Record<string, string>) => { key: string; hash: string; config?: BucketConfig };
  handle(req: RouteRequest): RouteResult | Promise<RouteResult>;
}

export interface RecordedRequest {
  method: string;
  /** Path after /api/v10, e.g. "/channels/123/messages". */
  path: string;
  query: Record<string, string>;
  body: unknown;
  /** Lower-cased request headers without Authorization. */
  headers: Record<string, string>;
  /** Date.now() when it arrived. */
  at: number;
  /** Final status the fake answered with. */
  status?: number;
}

export interface FailureScript {
  method?: string;
  /** Exact path after /api/v10 (e.g. "/channels/1/messages") or a RegExp tested against it. */
  path: string | RegExp;
  status: number;
  code: number;
  message: string;
  /** How many matching requests fail (default 1). */
  times?: number;
}

const API_PREFIX = "/api/v10";

function compile(pattern: string): { re: RegExp; names: string[] } {
  const names: string[] = [];
  const source = pattern
    .split("/")
    .map((seg) => {
      if (seg.startsWith(":")) {
        names.push(seg.slice(1));
        return "([^/]+)";
      }
      return seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  return { re: new RegExp(`^${source}$`), names };
}

function majorParameter(params: Record<string, string>): string {
  return params.channelId ?? params.guildId ?? params.webhookId ?? params.interactionId ?? "-";
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  if (raw.length === 0) return undefined;
  const type = req.headers["content-type"] ?? "";
  if (type.startsWith("multipart/form-data")) {
    // discord.js sends files as multipart with the JSON in a payload_json part; only that part matters here.
    const m = /name="payload_json"[^\r\n]*\r\n(?:[^\r\n]+\r\n)*\r\n([\s\S]*?)\r\n--/.exec(raw);
    return m?.[1] === undefined ? {} : (JSON.parse(m[1]) as unknown);
  }
  return JSON.parse(raw) as unknown;
}

/** The REST half of the fake: auth, rate limits, scripted failures, then the matched route. */
export class RestServer {
  readonly requests: RecordedRequest[] = [];
  /** Unexpected exceptions inside route handlers (answered with 500); tests can assert it stays empty. */
  readonly internalErrors: unknown[] = [];
  private readonly routes: { route: Route; re: RegExp; names: string[] }[] = [];
  private readonly failures: (FailureScript & { left: number })[] = [];

  constructor(
    private readonly token: string,
    private readonly limiter: RateLimiter,
  ) {}

  add(routes: Route[]): void {
    for (const route of routes) this.routes.push({ route, ...compile(route.pattern) });
  }

  failNext(script: FailureScript): void {
    this.failures.push({ ...script, left: script.times ?? 1 });
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const now = Date.now();
    const url = new URL(req.url ?? "/", "http://fake.invalid");
    const method = (req.method ?? "GET").toUpperCase();
    const path = url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) : url.pathname;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (k !== "authorization" && v !== undefined) headers[k] = Array.isArray(v) ? v.join(", ") : v;
    }
    const record: RecordedRequest = { method, path, query: Object.fromEntries(url.searchParams), body: undefined, headers, at: now };
    this.requests.push(record);

    let status: number;
    let payload: unknown;
    let extraHeaders: Record<string, string> = {};
    try {
      record.body = await readBody(req).catch(() => {
        throw new FakeApiError(400, 50109, "The request body contains invalid JSON.");
      });
      const match = this.match(method, path, url.pathname.startsWith(API_PREFIX));
      this.checkAuth(match.route.auth, req.headers.authorization);
      const b = match.route.bucket?.(match.params);
      const bucket: BucketRef = {
        key: b?.key ?? `${method}:${match.route.pattern}:${majorParameter(match.params)}`,
        hash: b?.hash ?? `fake-${method.toLowerCase()}${match.route.pattern.replace(/[/:]/g, "-")}`,
        config: b?.config ?? this.limiter.options.routeBucket,
      };
      const decision = this.limiter.check({ countsGlobally: match.route.auth === "bot", bucket }, now);
      extraHeaders = decision.headers;
      if (!decision.ok) {
        status = 429;
        payload = decision.body;
      } else {
        this.applyScriptedFailure(method, path);
        const result = await match.route.handle({ params: match.params, query: url.searchParams, body: record.body, now });
        status = result.body === undefined ? 204 : (result.status ?? 200);
        payload = result.body;
      }
    } catch (err) {
      if (err instanceof FakeApiError) {
        status = err.status;
        payload = err.toJSON();
      } else {
        this.internalErrors.push(err);
        status = 500;
        payload = { code: 0, message: "500: Internal Server Error" };
      }
    }
    record.status = status;
    res.statusCode = status;
    for (const [k, v] of Object.entries(extraHeaders)) res.setHeader(k, v);
    // A 204 has no body, so no Content-Type either: clients that see JSON would try to parse nothing.
    if (status === 204) {
      res.end();
      return;
    }
    res.setHeader("Content-Type", "application/json");
    res.end(JSON.stringify(payload));
  }

  private match(method: string, path: string, prefixed: boolean): { route: Route; params: Record<string, string> } {
    if (!prefixed) throw Errors.notFound();
    let pathMatched = false;
    for (const { route, re, names } of this.routes) {
      const m = re.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      names.forEach((n, i) => {
        params[n] = decodeURIComponent(m[i + 1] ?? "");
      });
      return { route, params };
    }
    throw pathMatched ? Errors.methodNotAllowed() : Errors.notFound();
  }

  private checkAuth(kind: "bot" | "token", header: string | undefined): void {
    const valid = header === `Bot ${this.token}`;
    // Token routes need no header, but a wrong one is still refused, as Discord does.
    if (kind === "bot" ? !valid : header !== undefined && !valid) throw Errors.unauthorized();
  }

  private applyScriptedFailure(method: string, path: string): void {
    const idx = this.failures.findIndex(
      (f) =>
        (f.method === undefined || f.method.toUpperCase() === method) &&
        (typeof f.path === "string" ? f.path === path : f.path.test(path)),
    );
    const f = this.failures[idx];
    if (!f) return;
    f.left -= 1;
    if (f.left <= 0) this.failures.splice(idx, 1);
    throw new FakeApiError(f.status, f.code, f.message);
  }
}
