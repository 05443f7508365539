import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFeedFetcher, parseRetryAfter } from "../../../src/digest/ingest/feed-fetcher.js";
import type { FeedFetcher } from "../../../src/digest/ingest/feed-fetcher.js";
import { HttpStatusError } from "../../../src/digest/ingest/ingest-errors.js";
import { fixtureFeed, startFeedServer } from "../../fakes/feed-server.js";
import type { FeedServer } from "../../fakes/feed-server.js";

let server: FeedServer;
let fetcher: FeedFetcher;
const rss = fixtureFeed("scenario-byte-review.xml");

async function failure(url: string, f: FeedFetcher = fetcher): Promise<{ code: string; userMessage: string }> {
  try {
    await f.fetch(url);
  } catch (err) {
    return err as { code: string; userMessage: string };
  }
  throw new Error(`expected ${url} to fail`);
}

beforeAll(async () => {
  server = await startFeedServer({
    "/feed": { body: rss, etag: '"v1"', lastModified: "Tue, 26 Nov 2024 18:00:00 GMT" },
    "/gz": { body: rss, encoding: "gzip" },
    "/br": { body: rss, encoding: "br" },
    "/deflate": { body: rss, encoding: "deflate" },
    "/moved": { redirect: "/feed", redirectStatus: 301 },
    "/moved-twice": { redirect: "/moved", redirectStatus: 308 },
    "/temp": { redirect: "/feed", redirectStatus: 302 },
    "/loop-a": { redirect: "/loop-b" },
    "/loop-b": { redirect: "/loop-a" },
    "/drip": { body: rss, dripMs: 50, dripBytes: 1 },
    "/endless": { endless: true },
    "/bomb": { gzipBombBytes: 200 * 1024 * 1024 },
    "/big": { body: "x".repeat(300_000) },
    "/500": { status: 500, body: "oops" },
    "/429": { status: 429, headers: { "retry-after": "120" } },
  });
  fetcher = createFeedFetcher({ allowHosts: [server.hostPort], timeoutMs: 1500, maxBytes: 256 * 1024 });
  for (let i = 0; i < 7; i++) server.route(`/chain${i}`, { redirect: `/chain${i + 1}` });
  server.route("/chain7", { body: rss });
});
afterAll(async () => {
  fetcher.close();
  await server.close();
});

describe("createFeedFetcher", () => {
  it("fetches a feed with a User-Agent naming newsdesk and returns its validators", async () => {
    const res = await fetcher.fetch(`${server.url}/feed`);
    expect(res.status).toBe("ok");
    if (res.status !== "ok") return;
    expect(Buffer.from(res.body).equals(rss)).toBe(true);
    expect(res.etag).toBe('"v1"');
    expect(res.lastModified).toBe("Tue, 26 Nov 2024 18:00:00 GMT");
    expect(server.lastHeaders("/feed")?.["user-agent"]).toMatch(/newsdesk/);
  });

  it("sends conditional headers and reports 304 as not-modified", async () => {
    const res = await fetcher.fetch(`${server.url}/feed`, { etag: '"v1"' });
    expect(res.status).toBe("not-modified");
    expect(server.lastHeaders("/feed")?.["if-none-match"]).toBe('"v1"');
    const byDate = await fetcher.fetch(`${server.url}/feed`, { lastModified: "Tue, 26 Nov 2024 18:00:00 GMT" });
    expect(byDate.status).toBe("not-modified");
  });

  it.each(["/gz", "/br", "/deflate"])("decompresses %s", async (path) => {
    const res = await fetcher.fetch(`${server.url}${path}`);
    expect(res.status === "ok" && Buffer.from(res.body).equals(rss)).toBe(true);
  });

  it("follows redirects and reports where permanent ones lead", async () => {
    const res = await fetcher.fetch(`${server.url}/moved-twice`);
    expect(res.url).toBe(`${server.url}/feed`);
    expect(res.permanentUrl).toBe(`${server.url}/feed`);
    const temp = await fetcher.fetch(`${server.url}/temp`);
    expect(temp.url).toBe(`${server.url}/feed`);
    expect(temp.permanentUrl).toBeNull();
  });

  it("stops redirect loops and chains longer than 5", async () => {
    expect((await failure(`${server.url}/loop-a`)).code).toBe("redirects");
    expect((await failure(`${server.url}/chain0`)).code).toBe("redirects");
    expect(server.requests("/chain6")).toBe(0);
    const lenient = createFeedFetcher({ allowHosts: [server.hostPort], maxRedirects: 7 });
    expect((await lenient.fetch(`${server.url}/chain0`)).status).toBe("ok");
    lenient.close();
  });

  it("times out a slow drip and an endless body within the total deadline", async () => {
    expect((await failure(`${server.url}/drip`)).code).toBe("timeout");
    const endless = await failure(`${server.url}/endless`);
    expect(["too-large", "timeout"]).toContain(endless.code);
  });

  it("cuts off a gzip bomb and an oversized body", async () => {
    expect((await failure(`${server.url}/bomb`)).code).toBe("too-large");
    expect((await failure(`${server.url}/big`)).code).toBe("too-large");
  });

  it("reports HTTP errors with status and Retry-After", async () => {
    const err = await failure(`${server.url}/500`);
    expect(err).toBeInstanceOf(HttpStatusError);
    expect(err.userMessage).toContain("500");
    const limited = (await failure(`${server.url}/429`)) as unknown as HttpStatusError;
    expect(limited.status).toBe(429);
    expect(limited.retryAfterMs).toBe(120_000);
  });

  it("parses Retry-After as seconds or an HTTP date", () => {
    expect(parseRetryAfter("30")).toBe(30_000);
    expect(parseRetryAfter(new Date(Date.UTC(2030, 0, 1, 0, 1)).toUTCString(), Date.UTC(2030, 0, 1))).toBe(60_000);
    expect(parseRetryAfter("soon")).toBeNull();
  });
});

describe("SSRF guard", () => {
  const strict = () => createFeedFetcher({ timeoutMs: 2000 });

  it("refuses loopback unless the host:port is explicitly allowed", async () => {
    const f = strict();
    expect((await failure(`${server.url}/feed`, f)).code).toBe("blocked");
    expect((await failure(`http://localhost:${server.port}/feed`, f)).code).toBe("blocked");
    f.close();
  });

  it.each([
    ["127.0.0.1", "/feed"],
    ["169.254.169.254", "/latest/meta-data/"],
    ["[::1]", "/feed"],
    ["10.0.0.1", "/"],
    ["[::ffff:127.0.0.1]", "/"],
  ])("refuses a redirect from an allowed host to %s", async (target, path) => {
    const hop = `/to-${target.replace(/[^0-9a-f]/g, "")}`;
    const port = target === "127.0.0.1" ? server.port + 1 : 80;
    server.route(hop, { redirect: `http://${target}:${port}${path}` });
    const before = server.requests();
    const err = await failure(`${server.url}${hop}`);
    expect(err.code).toBe("blocked");
    expect(server.requests()).toBe(before + 1);
  });

  it("checks the resolved address of every name, including DNS answers that point inward", async () => {
    const f = createFeedFetcher({
      timeoutMs: 2000,
      resolver: async (host) => (host === "metadata.evil.test" ? [{ address: "169.254.169.254", family: 4 }] : [{ address: "100.64.1.2", family: 4 }]),
    });
    expect((await failure("http://metadata.evil.test/", f)).code).toBe("blocked");
    expect((await failure("http://cgnat.evil.test/", f)).code).toBe("blocked");
    f.close();
  });

  it("reaches a private host when the operator allows it, and connects to the address it checked", async () => {
    const resolved: string[] = [];
    const f = createFeedFetcher({
      allowPrivateHosts: true,
      resolver: async (host) => {
        resolved.push(host);
        return [{ address: "127.0.0.1", family: 4 }];
      },
    });
    const res = await f.fetch(`http://feeds.internal.test:${server.port}/feed`);
    expect(res.status).toBe("ok");
    expect(resolved).toEqual(["feeds.internal.test"]);
    expect(server.lastHeaders("/feed")?.host).toBe(`feeds.internal.test:${server.port}`);
    f.close();
  });

  it("accepts only http and https, and file: only when allowed", async () => {
    expect((await failure("ftp://example.com/feed", strict())).code).toBe("bad-url");
    const fileUrl = new URL("../../fixtures/feeds/scenario-byte-review.xml", import.meta.url).href;
    expect((await failure(fileUrl, strict())).code).toBe("blocked");
    const res = await createFeedFetcher({ allowFile: true }).fetch(fileUrl);
    expect(res.status).toBe("ok");
  });
});
