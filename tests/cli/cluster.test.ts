import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliContext } from "../../src/cli/context.js";
import { clusterCommand } from "../../src/cli/cluster.js";
import { digestCommand } from "../../src/cli/digest.js";
import { topicsCommand } from "../../src/cli/topics.js";
import type { Config } from "../../src/config.js";
import { silentLogger } from "../../src/core/logger.js";
import type { Store } from "../../src/core/ports.js";
import { openStore } from "../../src/store/open-store.js";

let store: Store;
const out: string[] = [];
const err: string[] = [];
const ctx = (): CliContext => ({
  config: { clusterWindowHours: 72, digestMaxStories: 10 } as unknown as Config,
  store,
  logger: silentLogger,
  out: (l) => out.push(l),
  err: (l) => err.push(l),
  now: () => new Date("2024-11-26T20:00:00Z"),
  signal: new AbortController().signal,
});
beforeAll(async () => {
  store = await openStore("sqlite::memory:");
});
afterAll(async () => {
  await store.close();
});

describe("newsdesk cluster", () => {
  it("reads items.jsonl and writes {id, story} lines", async () => {
    const dir = mkdtempSync(join(tmpdir(), "newsdesk-cluster-"));
    const input = join(dir, "items.jsonl");
    const output = join(dir, "clusters.jsonl");
    const lines = [
      { id: "a", title: "Artists leak OpenAI Sora video generator", url: "https://a.example/1", published: "2024-11-26T10:00:00Z" },
      { id: "b", title: "Sora video generator leaked by artists", published: "2024-11-26T11:00:00Z" },
      { id: "c", title: "Nvidia earnings beat estimates", published: "2024-11-26T12:00:00Z" },
      { id: "d", title: "Totally different", url: "https://a.example/1", published: "2024-11-26T13:00:00Z" },
    ];
    writeFileSync(input, lines.map((l) => JSON.stringify(l)).join("\n"));
    expect(await clusterCommand(["--input", input, "--output", output], ctx())).toBe(0);
    const rows = readFileSync(output, "utf8").trim().split("\n").map((l) => JSON.parse(l) as { id: string; story: string });
    const story = new Map(rows.map((r) => [r.id, r.story]));
    expect(rows.map((r) => r.id)).toEqual(["a", "b", "c", "d"]);
    expect(story.get("d")).toBe(story.get("a"));
    expect(story.get("c")).not.toBe(story.get("a"));
  });

  it("scores a labelled CSV and rejects a bad option", async () => {
    const dir = mkdtempSync(join(tmpdir(), "newsdesk-eval-"));
    const csv = join(dir, "l.csv");
    writeFileSync(
      csv,
      "TITLE,STORY,TIMESTAMP,PUBLISHER,URL\n" +
        '"Fed hints at faster tapering, Plosser says",s1,1000,A,http://a/1\n' +
        "Plosser: Fed tapering could be faster,s1,2000,B,http://b/1\n" +
        "Chiquita to buy Fyffes in banana merger,s2,3000,C,http://c/1\n",
    );
    out.length = 0;
    expect(await clusterCommand(["eval", "--csv", csv], ctx())).toBe(0);
    expect(out.join("\n")).toMatch(/B-cubed precision 1\.000/);
    expect(out.join("\n")).toMatch(/ARI .* NMI /);
    expect(await clusterCommand(["eval", "--csv", csv, "--join-threshold", "abc"], ctx())).toBe(2);
  });

  it("scores a scenario file's headlines alone and names a file it cannot read", async () => {
    const dir = mkdtempSync(join(tmpdir(), "newsdesk-eval-"));
    const file = join(dir, "s.jsonl");
    const item = (id: string, story: string, source: string, hour: number, title: string): string =>
      JSON.stringify({ id, story, source, url: `https://${source}.example/${id}`, published: `2024-05-14T${String(hour).padStart(2, "0")}:00:00Z`, title, summary: "Summaries are not read.", ai: true, topics: [] });
    writeFileSync(
      file,
      [
        item("a1", "a", "wire", 8, "Fed hints at faster tapering, Plosser says"),
        item("a2", "a", "daily", 9, "Plosser: Fed tapering could be faster"),
        item("b1", "b", "globe", 10, "Chiquita to buy Fyffes in banana merger"),
        JSON.stringify({ id: "u1", story: "b", source: "post", url: "https://post.example/u1", published: null, title: "Undated, left out", summary: "", ai: false, topics: [] }),
      ].join("\n"),
    );
    out.length = 0;
    expect(await clusterCommand(["eval", "--scenario", file], ctx())).toBe(0);
    expect(out.join("\n")).toMatch(/items 3, stories 2 \(labelled 2\)/);
    expect(out.join("\n")).toMatch(/B-cubed precision 1\.000 {2}recall 1\.000/);
    err.length = 0;
    writeFileSync(file, "not json\n");
    expect(await clusterCommand(["eval", "--scenario", file], ctx())).toBe(1);
    expect(err.join("\n")).toContain("line 1");
    expect(await clusterCommand(["eval", "--scenario", file, "--csv", file], ctx())).toBe(2);
  });
});

describe("newsdesk topics and digest preview", () => {
  it("lists the catalogue", async () => {
    out.length = 0;
    expect(await topicsCommand([], ctx())).toBe(0);
    expect(out.some((l) => l.startsWith("video-generation"))).toBe(true);
  });

  it("prints an empty preview in each format and refuses an unknown format", async () => {
    out.length = 0;
    expect(await digestCommand(["preview", "--format", "json"], ctx())).toBe(0);
    expect(JSON.parse(out.join("\n"))).toMatchObject({ date: "2024-11-26", stories: [], more: 0 });
    out.length = 0;
    expect(await digestCommand(["preview"], ctx())).toBe(0);
    expect(out.join("\n")).toContain("No new stories.");
    expect(await digestCommand(["preview", "--format", "html"], ctx())).toBe(2);
  });

  it("refuses a --max that is not a whole number from 1 to 50", async () => {
    for (const bad of ["abc", "0", "51", "2.5", "-3"]) {
      err.length = 0;
      expect(await digestCommand(["preview", "--max", bad], ctx())).toBe(2);
      expect(err).toEqual(["--max must be a whole number from 1 to 50"]);
    }
    err.length = 0;
    expect(await digestCommand(["preview", "--max"], ctx())).toBe(2);
    expect(err).toEqual(["--max must be a whole number from 1 to 50"]);
    out.length = 0;
    expect(await digestCommand(["preview", "--max", "50", "--format", "json"], ctx())).toBe(0);
    expect(JSON.parse(out.join("\n"))).toMatchObject({ stories: [] });
  });

  it("suggests the closest topic for a misspelt one, and takes topic names", async () => {
    err.length = 0;
    expect(await digestCommand(["preview", "--topics", "anthropic,opneai"], ctx())).toBe(2);
    expect(err).toEqual(["unknown topic 'opneai' — did you mean 'openai'?"]);
    err.length = 0;
    expect(await digestCommand(["preview", "--topics", "zzzzzzzz"], ctx())).toBe(2);
    expect(err).toEqual(["unknown topic 'zzzzzzzz' — see 'newsdesk topics' for the list"]);
    expect(await digestCommand(["preview", "--topics", "OpenAI, anthropic"], ctx())).toBe(0);
  });
});
