import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { lineWriter } from "../../src/cli/stdio.js";
import { openStore } from "../../src/store/open-store.js";

const root = new URL("../..", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "newsdesk-stdio-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stream whose reader has gone away, as stdout piped into `head -1` after head exits. */
function closedPipe(written: string[]): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      written.push(chunk.toString());
      done(Object.assign(new Error("write EPIPE"), { code: "EPIPE" }));
    },
  });
}

describe("lineWriter", () => {
  it("writes lines, and after EPIPE drops the rest without throwing or an unhandled error", async () => {
    const written: string[] = [];
    const out = lineWriter(closedPipe(written));
    out("first");
    await new Promise((r) => setImmediate(r));
    expect(() => {
      out("second");
      out("third");
    }).not.toThrow();
    await new Promise((r) => setImmediate(r));
    expect(written).toEqual(["first\n"]);
  });
});

/** Runs the real `newsdesk` entry point with its stdout already closed by the reader. */
function runWithClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
      cwd: root,
      env: { PATH: process.env["PATH"] ?? "", HOME: dir, DATABASE_URL: `sqlite:${join(dir, "n.db")}`, LOG_LEVEL: "silent" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.destroy(); // the reading end is gone before the CLI writes its first line
    let stderr = "";
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

describe("newsdesk with a closed stdout", () => {
  it("still stores the feed and exits quietly, then lists without an EPIPE crash", async () => {
    const feed = join(root, "tests/fixtures/feeds/scenario-model-wire.xml");
    const added = await runWithClosedStdout(["feeds", "add", feed]);
    expect(added.stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(added.code).toBe(0);
    const listed = await runWithClosedStdout(["feeds", "list"]);
    expect(listed.stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(listed.code).toBe(0);
    const store = await openStore(`sqlite:${join(dir, "n.db")}`);
    try {
      expect((await store.feeds.list()).map((f) => f.title)).toEqual(["The Model Wire"]);
    } finally {
      await store.close();
    }
  }, 60_000);
});
