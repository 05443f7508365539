/**
 * A loopback HTTP server that serves feeds for tests and benchmarks: fixture files or strings per
 * path with headers and status, ETag / Last-Modified → 304, redirects, slow drip, endless body, gzip,
 * gzip bombs and custom handlers. Counts requests per path and the most concurrent requests per Host.
 * Listens on 127.0.0.1, port 0.
 */
import { readFileSync } from "node:fs";
import http from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import zlib from "node:zlib";

export interface FeedRoute {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  contentType?: string;
  /** Sent as ETag; a request with a matching If-None-Match gets 304. */
  etag?: string;
  /** Sent as Last-Modified; a matching If-Modified-Since gets 304. */
  lastModified?: string;
  /** Answer with this status (default 302) and Location. */
  redirect?: string;
  redirectStatus?: number;
  /** Compress the body with this encoding. */
  encoding?: "gzip" | "deflate" | "br";
  /** Wait before answering. */
  delayMs?: number;
  /** Send the body `dripBytes` (default 1) at a time, every `dripMs`. */
  dripMs?: number;
  dripBytes?: number;
  /** Never finish the body (until the client goes away). */
  endless?: boolean;
  /** Serve gzip that inflates to this many zero bytes. */
  gzipBombBytes?: number;
  /** Full control. */
  handler?: (req: IncomingMessage, res: ServerResponse) => void;
}

export interface FeedServer {
  /** e.g. http://127.0.0.1:40123 */
  readonly url: string;
  readonly port: number;
  /** "127.0.0.1:<port>", for the fetcher's allowHosts. */
  readonly hostPort: string;
  route(path: string, route: FeedRoute): void;
  /** Requests seen for a path (without query), or in total. */
  requests(path?: string): number;
  /** The most requests in flight at once for one Host header value (or the max over all hosts). */
  maxConcurrent(host?: string): number;
  /** Request headers of the last request to a path. */
  lastHeaders(path: string): http.IncomingHttpHeaders | undefined;
  resetCounts(): void;
  close(): Promise<void>;
}

/** Contents of tests/fixtures/feeds/<name>. */
export function fixtureFeed(name: string): Buffer {
  return readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url));
}

function zeros(total: number): Readable {
  let left = total;
  const chunk = Buffer.alloc(64 * 1024);
  return new Readable({
    read() {
      if (left <= 0) return void this.push(null);
      const n = Math.min(left, chunk.length);
      left -= n;
      this.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    },
  });
}

function endlessXml(): Readable {
  const item = Buffer.from("<item><title>again</title><link>https://example.com/x</link></item>\n".repeat(200));
  let first = true;
  return new Readable({
    read() {
      if (first) {
        first = false;
        this.push('<?xml version="1.0"?><rss version="2.0"><channel><title>endless</title>\n');
      }
      this.push(item);
    },
  });
}

function compress(body: Buffer, encoding: "gzip" | "deflate" | "br"): Buffer {
  if (encoding === "gzip") return zlib.gzipSync(body);
  if (encoding === "deflate") return zlib.deflateSync(body);
  return zlib.brotliCompressSync(body);
}

export async function startFeedServer(initial: Record<string, FeedRoute> = {}): Promise<FeedServer> {
  const routes = new Map<string, FeedRoute>(Object.entries(initial));
  const counts = new Map<string, number>();
  const inFlight = new Map<string, number>();
  const maxInFlight = new Map<string, number>();
  const headersSeen = new Map<string, http.IncomingHttpHeaders>();

  async function serve(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const r = routes.get(path);
    if (!r) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    if (r.delayMs) await new Promise((ok) => setTimeout(ok, r.delayMs));
    if (r.handler) return r.handler(req, res);
    if (r.redirect) {
      res.writeHead(r.redirectStatus ?? 302, { location: r.redirect }).end();
      return;
    }
    const headers: Record<string, string> = { "content-type": r.contentType ?? "application/rss+xml; charset=utf-8", ...r.headers };
    if (r.etag) headers.etag = r.etag;
    if (r.lastModified) headers["last-modified"] = r.lastModified;
    const status = r.status ?? 200;
    const etagMatch = r.etag !== undefined && req.headers["if-none-match"] === r.etag;
    const lmMatch = r.lastModified !== undefined && req.headers["if-modified-since"] === r.lastModified;
    if (status === 200 && (etagMatch || lmMatch)) {
      res.writeHead(304, r.etag ? { etag: r.etag } : {}).end();
      return;
    }
    if (r.gzipBombBytes) {
      res.writeHead(status, { ...headers, "content-encoding": "gzip" });
      const src = zeros(r.gzipBombBytes);
      res.on("close", () => src.destroy());
      src.pipe(zlib.createGzip({ level: 1 })).pipe(res);
      return;
    }
    if (r.endless) {
      res.writeHead(status, headers);
      const src = endlessXml();
      res.on("close", () => src.destroy());
      src.pipe(res);
      return;
    }
    let body: Buffer = typeof r.body === "string" ? Buffer.from(r.body) : Buffer.from(r.body ?? "");
    if (r.encoding) {
      body = compress(body, r.encoding);
      headers["content-encoding"] = r.encoding;
    }
    if (r.dripMs) {
      res.writeHead(status, headers);
      const step = r.dripBytes ?? 1;
      let at = 0;
      const timer = setInterval(() => {
        if (at >= body.length) {
          clearInterval(timer);
          res.end();
          return;
        }
        res.write(body.subarray(at, at + step));
        at += step;
      }, r.dripMs);
      res.on("close", () => clearInterval(timer));
      return;
    }
    headers["content-length"] = String(body.length);
    res.writeHead(status, headers).end(body);
  }

  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const host = req.headers.host ?? "";
    counts.set(path, (counts.get(path) ?? 0) + 1);
    headersSeen.set(path, req.headers);
    const now = (inFlight.get(host) ?? 0) + 1;
    inFlight.set(host, now);
    maxInFlight.set(host, Math.max(maxInFlight.get(host) ?? 0, now));
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      inFlight.set(host, (inFlight.get(host) ?? 1) - 1);
    };
    res.on("close", finish);
    res.on("finish", finish);
    serve(req, res, path).catch(() => res.destroy());
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    hostPort: `127.0.0.1:${port}`,
    route: (path, route) => void routes.set(path, route),
    requests: (path) => (path === undefined ? [...counts.values()].reduce((a, b) => a + b, 0) : (counts.get(path) ?? 0)),
    maxConcurrent: (host) => (host === undefined ? Math.max(0, ...maxInFlight.values()) : (maxInFlight.get(host) ?? 0)),
    lastHeaders: (path) => headersSeen.get(path),
    resetCounts() {
      counts.clear();
      maxInFlight.clear();
    },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
