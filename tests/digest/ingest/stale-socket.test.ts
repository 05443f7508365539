/**
 * A kept-alive connection the server dropped while it sat idle: the next request on it fails at once
 * with ECONNRESET before any response. The fetcher sends that GET again, once, on a fresh socket,
 * instead of reporting the feed as failed (seen in the e2e days: every poll after a pause failed).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFeedFetcher } from "../../../src/digest/ingest/feed-fetcher.js";

const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>a</title><link>https://x.example/a</link></item></channel></rss>`;

describe("feed fetcher and stale kept-alive sockets", () => {
  let server: Server;
  let port = 0;
  let requests = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests++;
      // The second request on a socket: drop it without answering, as a server closing an idle
      // connection at that very moment does.
      const socket = req.socket as typeof req.socket & { served?: number };
      socket.served = (socket.served ?? 0) + 1;
      if (socket.served > 1) {
        socket.destroy();
        return;
      }
      res.writeHead(200, { "content-type": "application/rss+xml", connection: "keep-alive" });
      res.end(RSS);
    });
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
  });

  it("sends the GET again on a fresh socket when a reused one is reset before any answer", async () => {
    const fetcher = createFeedFetcher({ allowHosts: [`127.0.0.1:${port}`], timeoutMs: 3000 });
    try {
      const url = `http://127.0.0.1:${port}/feed.xml`;
      expect((await fetcher.fetch(url)).status).toBe("ok");
      const before = requests;
      // Reuses the kept-alive socket, which the server drops: retried once, on a new socket.
      expect((await fetcher.fetch(url)).status).toBe("ok");
      expect(requests - before).toBe(2);
    } finally {
      fetcher.close();
    }
  });

  it("does not retry a reset on a fresh socket: a server that resets every request fails the poll", async () => {
    let hits = 0;
    const resetting = createServer((req) => {
      hits++;
      req.socket.destroy();
    });
    await new Promise<void>((r) => resetting.listen(0, "127.0.0.1", r));
    const p = (resetting.address() as AddressInfo).port;
    const fetcher = createFeedFetcher({ allowHosts: [`127.0.0.1:${p}`], timeoutMs: 3000 });
    try {
      // A fresh socket reset is the server's answer, not a stale connection: no retry.
      await expect(fetcher.fetch(`http://127.0.0.1:${p}/feed.xml`)).rejects.toThrow();
      expect(hits).toBe(1);
    } finally {
      fetcher.close();
      await new Promise<void>((r) => resetting.close(() => r()));
    }
  });
});
