import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CliContext } from "../../src/cli/context.js";
import { opmlCommand } from "../../src/cli/opml.js";
import { loadConfig } from "../../src/config.js";
import { silentLogger } from "../../src/core/logger.js";
import type { Store } from "../../src/core/ports.js";
import { parseOpml } from "../../src/digest/ingest/opml-file.js";
import { openStore } from "../../src/store/open-store.js";

let store: Store;
let out: string[];
let ctx: CliContext;
const now = new Date("2024-11-27T00:00:00Z");
const catalogue = new URL("../../config/feeds.opml", import.meta.url);
/** No network in tests: every name fails to resolve, which the private-address check lets through. */
const offline = async (host: string): Promise<never> => {
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
};

beforeEach(async () => {
  store = await openStore("sqlite::memory:");
  out = [];
  ctx = { config: loadConfig({}), store, logger: silentLogger, out: (l) => out.push(l), err: (l) => out.push(l), now: () => now, signal: new AbortController().signal };
});
afterEach(() => store.close());

describe("newsdesk opml", () => {
  it("imports the bundled catalogue with progress, and a second import adds nothing", async () => {
    const expected = parseOpml(readFileSync(catalogue, "utf8"));
    expect(expected.length).toBeGreaterThanOrEqual(20);
    expect(expected.some((f) => f.url.includes("arxiv.org"))).toBe(true);
    const progress: string[] = [];
    expect(await opmlCommand(["import", catalogue.pathname], ctx, { progress: (d, t) => progress.push(`${d}/${t}`), resolver: offline })).toBe(0);
    expect(progress.at(-1)).toBe(`${expected.length}/${expected.length}`);
    expect(await store.feeds.list()).toHaveLength(expected.length);
    expect(out.at(-1)).toBe(`imported ${expected.length} feeds: ${expected.length} added, 0 already present, 0 failed`);
    await opmlCommand(["import", catalogue.pathname], ctx, { progress: () => {}, resolver: offline });
    expect(out.at(-1)).toBe(`imported ${expected.length} feeds: 0 added, ${expected.length} already present, 0 failed`);
  });

  it("exports what it imports (round trip), escaping titles", async () => {
    await store.feeds.add({ url: "https://a.example/feed?x=1&y=2", scope: { kind: "global" }, title: 'Q&A "weekly" <AI>' }, now);
    await store.feeds.add({ url: "https://b.example/rss", scope: { kind: "global" }, title: null }, now);
    expect(await opmlCommand(["export"], ctx)).toBe(0);
    const doc = out.join("\n");
    const byUrl = (a: { url: string }, b: { url: string }) => a.url.localeCompare(b.url);
    expect(parseOpml(doc).sort(byUrl)).toEqual([
      { url: "https://a.example/feed?x=1&y=2", title: 'Q&A "weekly" <AI>', category: null },
      { url: "https://b.example/rss", title: "https://b.example/rss", category: null },
    ]);
    const dir = mkdtempSync(join(tmpdir(), "opml-"));
    writeFileSync(join(dir, "f.opml"), doc);
    const other = await openStore("sqlite::memory:");
    expect(await opmlCommand(["import", join(dir, "f.opml")], { ...ctx, store: other }, { progress: () => {} })).toBe(0);
    expect((await other.feeds.list()).map((f) => f.url).sort()).toEqual(["https://a.example/feed?x=1&y=2", "https://b.example/rss"]);
    await other.close();
  });

  it("writes the export to a file when given one, and says where", async () => {
    await store.feeds.add({ url: "https://a.example/rss", scope: { kind: "global" }, title: "A" }, now);
    const dir = mkdtempSync(join(tmpdir(), "opml-"));
    const path = join(dir, "out.opml");
    expect(await opmlCommand(["export", path], ctx)).toBe(0);
    expect(out).toEqual([`wrote 1 feed to ${path}`]);
    expect(parseOpml(readFileSync(path, "utf8"))).toEqual([{ url: "https://a.example/rss", title: "A", category: null }]);
  });

  it("reports a file that is not OPML", async () => {
    const dir = mkdtempSync(join(tmpdir(), "opml-"));
    writeFileSync(join(dir, "x.opml"), "<rss></rss>");
    expect(await opmlCommand(["import", join(dir, "x.opml")], ctx)).toBe(1);
    expect(out.join("\n")).toContain("not an OPML document");
  });
});

describe("newsdesk opml import and private addresses", () => {
  const opml = (urls: string[]) =>
    `<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>${urls.map((u) => `<outline type="rss" text="f" xmlUrl="${u}"/>`).join("")}</body></opml>`;
  const resolver = async (host: string) => {
    const table: Record<string, string> = { "intranet.example": "10.1.2.3", "public.example": "93.184.215.14", "sneaky.example": "127.0.0.1" };
    const address = table[host];
    if (!address) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    return [{ address, family: 4 }];
  };

  it("refuses feeds on private addresses as feeds add does, and imports the rest", async () => {
    const dir = mkdtempSync(join(tmpdir(), "newsdesk-opml-"));
    const file = join(dir, "mixed.opml");
    writeFileSync(file, opml(["http://127.0.0.1:8080/feed", "http://intranet.example/rss", "https://sneaky.example/rss", "https://public.example/rss", "http://[::1]/feed", "https://unresolvable.example/rss"]));
    expect(await opmlCommand(["import", file], ctx, { progress: () => {}, resolver })).toBe(1);
    expect((await store.feeds.list()).map((f) => f.url).sort()).toEqual(["https://public.example/rss", "https://unresolvable.example/rss"]);
    expect(out).toContain("imported 6 feeds: 2 added, 0 already present, 4 failed");
    expect(out.filter((l) => l.includes("refused: the address is on a private or local network"))).toHaveLength(4);
  });

  it("imports them all when the operator allows private hosts", async () => {
    const dir = mkdtempSync(join(tmpdir(), "newsdesk-opml-"));
    const file = join(dir, "private.opml");
    writeFileSync(file, opml(["http://127.0.0.1:8080/feed", "http://intranet.example/rss"]));
    const allowing = { ...ctx, config: loadConfig({ ALLOW_PRIVATE_FEED_HOSTS: "true" }) };
    expect(await opmlCommand(["import", file], allowing, { progress: () => {}, resolver })).toBe(0);
    expect(await store.feeds.list()).toHaveLength(2);
  });
});
