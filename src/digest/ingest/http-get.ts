/**
 * One HTTP(S) GET hop with the limits the fetcher needs: guarded DNS lookup, connect timeout, a shared
 * abort signal for the total deadline, and a body cap counted *after* decompression so a gzip bomb
 * is cut off as soon as it inflates past the cap.
 */
import http from "node:http";
import https from "node:https";
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import type { Readable } from "node:stream";
import zlib from "node:zlib";
import { fetchError } from "./ingest-errors.js";
import { BlockedAddressError } from "./address-guard.js";

export interface HopResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** Present for 2xx only. */
  body: Uint8Array | null;
}

export interface HopOptions {
  headers: Record<string, string>;
  lookup: http.RequestOptions["lookup"] | undefined;
  agent: http.Agent | https.Agent;
  connectTimeoutMs: number;
  maxBytes: number;
  signal: AbortSignal;
}

const TLS_CODES = /^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_OSSL|HOSTNAME_MISMATCH)/;

/** Map a socket/DNS/TLS failure to a FetchError a moderator can read. */
export function mapNetworkError(err: unknown, url: URL, signal: AbortSignal): Error {
  if (signal.aborted) return fetchError("timeout", "The server took too long to answer", err, `timeout fetching ${url.href}`);
  if (err instanceof BlockedAddressError) {
    return fetchError("blocked", "That address is on a private or local network, which feeds may not use", err, err.message);
  }
  const code = (err as NodeJS.ErrnoException | null)?.code ?? "";
  const msg = err instanceof Error ? err.message : String(err);
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EAI_NODATA" || code === "EAI_FAIL") {
    return fetchError("dns", `The host name ${url.hostname} could not be resolved`, err, msg);
  }
  if (TLS_CODES.test(code)) return fetchError("tls", `Secure connection failed (${code})`, err, msg);
  if (code === "ECONNREFUSED") return fetchError("connection", "The server refused the connection", err, msg);
  if (code === "ETIMEDOUT" || code === "ECONNECTTIMEOUT") return fetchError("timeout", "Connecting to the server timed out", err, msg);
  return fetchError("connection", `The connection failed (${code || msg})`, err, msg);
}

function decoderFor(res: IncomingMessage): Readable {
  const enc = (res.headers["content-encoding"] ?? "identity").toLowerCase().trim();
  // Lenient flush: a truncated stream still yields what was decoded instead of an error.
  const flush = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
  let d: zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | null = null;
  if (enc === "gzip" || enc === "x-gzip") d = zlib.createGunzip(flush);
  else if (enc === "deflate") d = zlib.createInflate(flush);
  else if (enc === "br") d = zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
  else if (enc !== "identity" && enc !== "") throw fetchError("connection", `Unsupported content encoding "${enc}"`);
  if (!d) return res;
  const decoder = d;
  res.on("error", (e) => decoder.destroy(e));
  res.pipe(decoder);
  return decoder;
}

async function readBody(res: IncomingMessage, maxBytes: number, url: URL): Promise<Uint8Array> {
  const tooLarge = () => fetchError("too-large", `The feed is larger than ${Math.round(maxBytes / 1024)} KB`, undefined, `body over ${maxBytes} bytes from ${url.href}`);
  const declared = Number(res.headers["content-length"]);
  if (!res.headers["content-encoding"] && Number.isFinite(declared) && declared > maxBytes) {
    res.destroy();
    throw tooLarge();
  }
  const stream = decoderFor(res);
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const buf = chunk as Buffer;
      total += buf.length;
      if (total > maxBytes) throw tooLarge();
      chunks.push(buf);
    }
  } finally {
    if (total > maxBytes || !res.complete) {
      stream.destroy();
      res.destroy();
    }
  }
  return Buffer.concat(chunks, total);
}

/**
 * Perform one GET. Redirects and errors are returned as statuses; only 2xx bodies are read.
 * A kept-alive socket the server closed while it sat idle fails at once with ECONNRESET before any
 * response: that request never reached the server, so it is sent again, once, on a fresh socket
 * (GET is idempotent). Without this, every poll after a pause could fail on a stale connection.
 */
export function httpGetOnce(url: URL, opts: HopOptions, retriedStale = false): Promise<HopResponse> {
  return new Promise<HopResponse>((resolve, reject) => {
    const mod = url.protocol === "https:" ? https : http;
    let connectTimer: NodeJS.Timeout | undefined;
    const req = mod.request(url, {
      method: "GET",
      headers: opts.headers,
      agent: opts.agent,
      lookup: opts.lookup,
      signal: opts.signal,
    });
    let responded = false;
    const fail = (err: unknown) => {
      clearTimeout(connectTimer);
      reject(err instanceof Error && "userMessage" in err ? err : mapNetworkError(err, url, opts.signal));
    };
    req.on("error", (err: NodeJS.ErrnoException) => {
      if (!responded && !retriedStale && req.reusedSocket && err.code === "ECONNRESET" && !opts.signal.aborted) {
        clearTimeout(connectTimer);
        httpGetOnce(url, opts, true).then(resolve, reject);
        return;
      }
      fail(err);
    });
    req.on("socket", (socket) => {
      if (!socket.connecting) return;
      connectTimer = setTimeout(() => {
        const err: NodeJS.ErrnoException = new Error(`connect timeout after ${opts.connectTimeoutMs} ms`);
        err.code = "ECONNECTTIMEOUT";
        req.destroy(err);
      }, opts.connectTimeoutMs);
      socket.once("connect", () => clearTimeout(connectTimer));
    });
    req.on("response", (res) => {
      responded = true;
      clearTimeout(connectTimer);
      const status = res.statusCode ?? 0;
      if (status < 200 || status >= 300) {
        // Not reading the body: drop the connection rather than drain an unknown amount.
        res.destroy();
        resolve({ status, headers: res.headers, body: null });
        return;
      }
      res.on("error", () => {});
      readBody(res, opts.maxBytes, url).then(
        (body) => resolve({ status, headers: res.headers, body }),
        (err: unknown) => fail(err),
      );
    });
    req.end();
  });
}
