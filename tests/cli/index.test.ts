import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/index.js";
import { flagProblem } from "../../src/cli/known-flags.js";
import { clusterCommand } from "../../src/cli/cluster.js";
import type { CliContext } from "../../src/cli/context.js";

describe("newsdesk help", () => {
  it("lists every option the commands accept", async () => {
    const out: string[] = [];
    expect(await runCli(["help"], { out: (l) => out.push(l), err: (l) => out.push(l) })).toBe(0);
    const text = out.join("\n");
    expect(text).toMatch(/feeds add <url\|path> \[--force\]/);
    expect(text).toMatch(/feeds list \[--all\]/);
    expect(text).toMatch(/opml export \[file\] \[--all\]/);
    expect(text).toMatch(/digest preview .*\[--max n\] \[--color\]/);
    expect(text).toContain("ALLOW_PRIVATE_FEED_HOSTS=true");
  });

  it("names an unknown command", async () => {
    const err: string[] = [];
    expect(await runCli(["frob"], { out: () => {}, err: (l) => err.push(l) })).toBe(2);
    expect(err).toEqual(["unknown command 'frob'. Run 'newsdesk help'."]);
  });
});

describe("newsdesk options", () => {
  it("prints its version", async () => {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
    for (const flag of ["--version", "-v", "version"]) {
      const out: string[] = [];
      expect(await runCli([flag], { out: (l) => out.push(l), err: (l) => out.push(l) })).toBe(0);
      expect(out).toEqual([`newsdesk ${pkg.version}`]);
    }
  });

  it("refuses unknown options, naming them, before touching anything", async () => {
    const cases: [string[], string][] = [
      [["feeds", "add", "https://x.example/feed", "--froce"], "unknown option '--froce' for 'newsdesk feeds add'. Run 'newsdesk help'."],
      [["feeds", "list", "--al"], "unknown option '--al' for 'newsdesk feeds list'. Run 'newsdesk help'."],
      [["feeds", "poll", "-o"], "unknown option '-o' for 'newsdesk feeds poll'. Run 'newsdesk help'."],
      [["digest", "preview", "--max=5"], "write '--max 5' (with a space), not '--max=5'"],
      [["digest", "preview", "--color=yes"], "option '--color' takes no value"],
      [["topics", "--keyword"], "unknown option '--keyword' for 'newsdesk topics'. Run 'newsdesk help'."],
      [["migrate", "--dry-run"], "unknown option '--dry-run' for 'newsdesk migrate'. Run 'newsdesk help'."],
      [["--frob"], "unknown option '--frob'. Run 'newsdesk help'."],
    ];
    for (const [argv, message] of cases) {
      const err: string[] = [];
      expect(await runCli(argv, { out: () => {}, err: (l) => err.push(l) }), argv.join(" ")).toBe(2);
      expect(err).toEqual([message]);
    }
    // cluster checks its own options (they follow the engine's); it needs no database for that.
    const err: string[] = [];
    const ctx = { err: (l: string) => err.push(l), out: () => {} } as unknown as CliContext;
    expect(await clusterCommand(["--input", "a.jsonl", "--output", "b.jsonl", "--join-treshold", "0.2"], ctx)).toBe(2);
    expect(err).toEqual(["unknown option '--join-treshold' for 'newsdesk cluster'. Run 'newsdesk cluster --help'."]);
    // Values of options that take one are not options themselves.
    expect(flagProblem("digest", ["preview", "--max", "-1", "--topics", "openai"])).toBeNull();
    expect(flagProblem("topics", ["--community", "--keywords"])).toBeNull();
  });
});

describe("newsdesk as a process", () => {
  const root = new URL("../..", import.meta.url).pathname;
  const run = promisify(execFile);

  it("prints only its own lines (no JSON log lines) unless LOG_LEVEL=debug, and says when it creates the database's directory", async () => {
    const dir = mkdtempSync(join(tmpdir(), "newsdesk-cli-"));
    try {
      const env = { PATH: process.env["PATH"] ?? "", HOME: dir, DATABASE_URL: `sqlite:${join(dir, "new", "n.db")}` };
      const feed = join(root, "tests", "fixtures", "feeds", "scenario-byte-review.xml");
      const cli = (args: string[], extra: Record<string, string> = {}) =>
        run(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], { cwd: root, env: { ...env, ...extra } });
      const add = await cli(["feeds", "add", feed]);
      expect(add.stderr.trim()).toBe(`newsdesk: created ${join(dir, "new")} for the database`);
      const poll = await cli(["feeds", "poll", "--once"], { LOG_LEVEL: "info" });
      expect(poll.stdout).toContain("polled 1 feed: 3 new items, 0 failed");
      expect(poll.stderr).toBe("");
      await cli(["feeds", "remove", feed]);
      await cli(["feeds", "add", feed]);
      const debug = await cli(["feeds", "poll", "--once"], { LOG_LEVEL: "debug" });
      expect(debug.stdout).toContain("polled 1 feed");
      expect(debug.stderr).toContain('"level":30');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
