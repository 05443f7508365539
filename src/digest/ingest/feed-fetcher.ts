/**
 * The feed fetcher: http(s) with timeouts, a body cap, redirects followed by hand (each hop guarded),
 * conditional GET, and a polite User-Agent. `file:` only when the operator allows it.
 */
import { constants as fsConstants } from "node:fs";
import { open as openFile, stat } from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import { fileURLToPath } from "node:url";
import { bareHostname, guardedLookup, literalAddressBlocked, systemResolver } from "./address-guard.js";
import type { Resolver } from "./address-guard.js";
import { httpGetOnce } from "./http-get.js";
import { fetchError, HttpStatusError } from "./ingest-errors.js";

export interface FetchConditions {
  etag?: string | null;
  lastModified?: string | null;
  /** Abandons the fetch early (a poll round out of time); it rejects with a timeout error. */
  signal?: AbortSignal;
}

interface FetchedBase {
  /** The URL finally answered (after redirects). */
  url: string;
  /** Where a chain of permanent redirects (301/308) from the requested URL leads, if anywhere. */
  permanentUrl: string | null;
}

export type FetchResult =
  | (FetchedBase & { status: "not-modified" })
  | (FetchedBase & {
      status: "ok";
      body: Uint8Array;
      contentType: string | null;
      etag: string | null;
      lastModified: string | null;
    });

export interface FeedFetcher {
  /** Politeness limits the poller applies around `fetch`. */
  readonly limits: { concurrency: number; perHost: number };
  /** Whether `file:` URLs are accepted (operator config / command line only). */
  readonly allowFile: boolean;
  fetch(url: string, conditions?: FetchConditions): Promise<FetchResult>;
  /** Drop pooled connections. */
  close(): void;
}

export interface FeedFetcherOptions {
  /** Whole fetch including redirects and body; default 20 s. */
  timeoutMs?: number;
  connectTimeoutMs?: number;
  /** Body cap after decompression; default 5 MB. */
  maxBytes?: number;
  maxRedirects?: number;
  userAgent?: string;
  /** Operator switch (ALLOW_PRIVATE_FEED_HOSTS): reach private/loopback hosts. */
  allowPrivateHosts?: boolean;
  /** Exact `host:port` (or `host`) entries exempt from the address guard, e.g. a test server. */
  allowHosts?: string[];
  allowFile?: boolean;
  /** Global concurrent fetches; default 16. */
  concurrency?: number;
  /** Concurrent fetches per host; default 2. */
  perHostConcurrency?: number;
  /** DNS resolver; default the system's. */
  resolver?: Resolver;
}

export const DEFAULT_USER_AGENT = "newsdesk/0.1 (+https://github.com/newsdesk/newsdesk; RSS reader)";

export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | null {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return null;
  if (/^\s*\d+\s*$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : Math.max(0, t - now);
}

function header(v: string | string[] | undefined): string | null {
  return (Array.isArray(v) ? v[0] : v) ?? null;
}

export function createFeedFetcher(options: FeedFetcherOptions = {}): FeedFetcher {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const connectTimeoutMs = Math.min(options.connectTimeoutMs ?? 10_000, timeoutMs);
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const maxRedirects = options.maxRedirects ?? 5;
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  const allowPrivate = options.allowPrivateHosts ?? false;
  const allowHosts = new Set((options.allowHosts ?? []).map((h) => h.toLowerCase()));
  const allowFile = options.allowFile ?? false;
  const resolver = options.resolver ?? systemResolver;
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 4 });
  const guarded = guardedLookup(resolver, false);
  const open = guardedLookup(resolver, true);

  function isExempt(u: URL): boolean {
    if (allowPrivate) return true;
    const host = bareHostname(u).toLowerCase();
    const port = u.port || (u.protocol === "https:" ? "443" : "80");
    return allowHosts.has(`${host}:${port}`) || allowHosts.has(host) || allowHosts.has(`[${host}]:${port}`);
  }

  /**
   * A local file, for the operator: regular files only (a device such as /dev/zero or a named pipe
   * would never end or never start), opened non-blocking so a FIFO swapped in after the check cannot
   * hang the open, and the byte limit enforced while reading (a file growing as it is read is cut off).
   */
  async function fetchFile(u: URL, signal?: AbortSignal): Promise<FetchResult> {
    if (!allowFile) throw fetchError("blocked", "Local files can only be added by the operator, not from chat");
    const path = fileURLToPath(u);
    const tooLarge = () => fetchError("too-large", `The file is larger than ${Math.round(maxBytes / 1024)} KB`);
    let handle: FileHandle | null = null;
    try {
      const before = await stat(path);
      if (!before.isFile()) throw fetchError("file", `${path} is not a regular file`);
      if (before.size > maxBytes) throw tooLarge();
      handle = await openFile(path, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
      if (!(await handle.stat()).isFile()) throw fetchError("file", `${path} is not a regular file`);
      const chunks: Buffer[] = [];
      let total = 0;
      for (;;) {
        if (signal?.aborted) throw fetchError("timeout", "Reading the file was interrupted");
        const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, maxBytes + 1 - total));
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
        if (bytesRead === 0) break;
        total += bytesRead;
        if (total > maxBytes) throw tooLarge();
        chunks.push(chunk.subarray(0, bytesRead));
      }
      const body = Buffer.concat(chunks, total);
      return { status: "ok", url: u.href, permanentUrl: null, body, contentType: null, etag: null, lastModified: null };
    } catch (err) {
      if (err instanceof Error && "userMessage" in err) throw err;
      throw fetchError("file", `Cannot read ${path}`, err);
    } finally {
      await handle?.close();
    }
  }

  async function fetchUrl(raw: string, conditions: FetchConditions = {}): Promise<FetchResult> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch (err) {
      throw fetchError("bad-url", `"${raw}" is not a valid URL`, err);
    }
    if (url.protocol === "file:") return fetchFile(url, conditions.signal);
    const signal = conditions.signal ? AbortSignal.any([AbortSignal.timeout(timeoutMs), conditions.signal]) : AbortSignal.timeout(timeoutMs);
    const seen = new Set<string>();
    let permanentUrl: string | null = null;
    let stillPermanent = true;
    for (let hop = 0; ; hop++) {
      if (url.protocol !== "http:" && url.protocol !== "https:") {
        throw fetchError("bad-url", `Only http and https feeds are supported (got ${url.protocol})`);
      }
      if (url.username || url.password) throw fetchError("bad-url", "Feed URLs with credentials are not supported");
      const exempt = isExempt(url);
      const blocked = literalAddressBlocked(url, exempt);
      if (blocked) throw fetchError("blocked", "That address is on a private or local network, which feeds may not use", blocked, blocked.message);
      seen.add(url.href);
      const headers: Record<string, string> = {
        "user-agent": userAgent,
        accept: "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5",
        "accept-encoding": "gzip, deflate, br",
      };
      // Validators belong to the stored URL; after a redirect they may mean nothing to the new host.
      if (hop === 0 && conditions.etag) headers["if-none-match"] = conditions.etag;
      if (hop === 0 && conditions.lastModified) headers["if-modified-since"] = conditions.lastModified;
      const res = await httpGetOnce(url, {
        headers,
        lookup: exempt ? open : guarded,
        agent: url.protocol === "https:" ? httpsAgent : httpAgent,
        connectTimeoutMs,
        maxBytes,
        signal,
      });
      const location = header(res.headers.location);
      if ([301, 302, 303, 307, 308].includes(res.status) && location) {
        if (hop >= maxRedirects) throw fetchError("redirects", `Too many redirects (more than ${maxRedirects})`);
        let next: URL;
        try {
          next = new URL(location, url);
        } catch (err) {
          throw fetchError("bad-url", "The server redirected to an invalid URL", err);
        }
        if (seen.has(next.href)) throw fetchError("redirects", "The server redirects in a loop");
        stillPermanent &&= res.status === 301 || res.status === 308;
        if (stillPermanent) permanentUrl = next.href;
        url = next;
        continue;
      }
      if (res.status === 304) return { status: "not-modified", url: url.href, permanentUrl };
      if (res.status < 200 || res.status >= 300 || !res.body) {
        const retryAfter = res.status === 429 || res.status === 503 ? parseRetryAfter(res.headers["retry-after"]) : null;
        throw new HttpStatusError(res.status, retryAfter, url.href);
      }
      return {
        status: "ok",
        url: url.href,
        permanentUrl,
        body: res.body,
        contentType: header(res.headers["content-type"]),
        etag: header(res.headers.etag),
        lastModified: header(res.headers["last-modified"]),
      };
    }
  }

  return {
    limits: { concurrency: Math.max(1, options.concurrency ?? 16), perHost: Math.max(1, options.perHostConcurrency ?? 2) },
    allowFile,
    fetch: fetchUrl,
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
