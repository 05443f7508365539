import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "newsdesk-main-"));
const root = new URL("..", import.meta.url).pathname;

/** Runs `npm start`'s entry point as a new user would, with a clean environment and no tokens. */
async function start(env: Record<string, string>) {
  try {
    const r = await run(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: root,
      env: { PATH: process.env["PATH"] ?? "", HOME: dir, DATABASE_URL: `sqlite:${join(dir, "n.db")}`, ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm start", () => {
  it("with no tokens runs the offline demo: one story from six outlets, then how to go live", async () => {
    const r = await start({});
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/discord: off/);
    expect(r.stdout).toMatch(/AI news — /);
    const sora = r.stdout.split("\n\n").find((b) => /Sora/.test(b) && /^1\. /m.test(b));
    expect(sora, r.stdout).toBeDefined();
    expect(sora).toMatch(/\+3 more sources/);
    // Six outlets' reports of the leak are one story, not six.
    const leakStories = r.stdout.split("\n\n").filter((b) => /^\d+\. .*(Sora|leak)/im.test(b));
    expect(leakStories).toHaveLength(1);
    expect(r.stdout).toMatch(/To go live: put DISCORD_TOKEN/);
    // A second start shows the same digest: the demo starts from nothing each time.
    const again = await start({});
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(r.stdout);
  }, 60_000);

  it("the demo uses its own database: the configured one is never created, read or written", async () => {
    const live = join(dir, "live", "nested", "newsdesk.db");
    const r = await start({ DATABASE_URL: `sqlite:${live}` });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/database: a throwaway in-memory database \(the demo never touches sqlite:/);
    expect(existsSync(join(dir, "live"))).toBe(false);
  }, 60_000);

  it("names the host, port and cause of an unreachable Postgres, never the password", async () => {
    const r = await start({ DATABASE_URL: "postgres://newsdesk:hunter2-secret@127.0.0.1:1/news", TELEGRAM_BOT_TOKEN: "123:fake-token-value" });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe("newsdesk: cannot reach Postgres at 127.0.0.1:1 (connection refused)");
    expect(r.stderr + r.stdout).not.toContain("hunter2");
  }, 60_000);

  it("refuses sqlite: with no path instead of silently keeping everything in memory", async () => {
    const r = await start({ DATABASE_URL: "sqlite:" });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^newsdesk: configuration error: DATABASE_URL: sqlite: needs a file path/);
  }, 60_000);

  it("stops with one line naming a bad variable", async () => {
    const tz = await start({ DEFAULT_TIMEZONE: "Mars/Olympus" });
    expect(tz.code).toBe(2);
    expect(tz.stderr.trim()).toBe("newsdesk: configuration error: DEFAULT_TIMEZONE: unknown IANA time zone");
    const db = await start({ DATABASE_URL: "mysql://x" });
    expect(db.code).toBe(2);
    expect(db.stderr.trim().split("\n")).toHaveLength(1);
    expect(db.stderr).toMatch(/DATABASE_URL/);
  }, 60_000);
});
