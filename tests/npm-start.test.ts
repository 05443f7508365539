/**
 * `npm start` itself, as a process manager or a shell runs it: npm → sh → node. A SIGTERM to npm's
 * pid (what systemd, a container runtime or `kill <pid>` sends) stops the whole service cleanly
 * within seconds and leaves no orphan; a closed stdout (`npm start | head -3`) is no crash.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startFakeTelegram } from "./fakes/telegram/fake-telegram.js";

const root = new URL("..", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "newsdesk-npm-start-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every process below `pid`, from /proc (Linux). */
function descendants(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // "pid (comm) state ppid …": comm may contain spaces, so split after the last ')'.
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(name)]);
    } catch {
      // the process ended while we looked
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const c of parents.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function npmStart(env: Record<string, string>) {
  const child = spawn("npm", ["start"], {
    cwd: root,
    env: { PATH: process.env["PATH"] ?? "", HOME: dir, npm_config_update_notifier: "false", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
  child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, exit, out: () => stdout, err: () => stderr };
}

describe.skipIf(!existsSync("/proc/self/stat"))("npm start as a service", () => {
  it("stops cleanly within seconds when only npm's pid gets SIGTERM, leaving no orphan", async () => {
    const tg = await startFakeTelegram();
    writeFileSync(join(dir, "none.opml"), `<?xml version="1.0"?><opml version="2.0"><head/><body/></opml>`);
    const run = npmStart({
      DATABASE_URL: `sqlite:${join(dir, "live.db")}`,
      TELEGRAM_BOT_TOKEN: tg.token,
      TELEGRAM_API_ROOT: tg.apiRoot,
      FEEDS_FILE: join(dir, "none.opml"),
      INSTANCE_ID: "npm-start-test",
    });
    try {
      const end = Date.now() + 60_000;
      while (!run.err().includes("newsdesk running")) {
        if (Date.now() > end || run.child.exitCode !== null) throw new Error(`did not start:\n${run.err()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const below = descendants(run.child.pid ?? 0);
      expect(below.length).toBeGreaterThan(0); // the node process (and sh, if it did not exec)
      const signalled = Date.now();
      run.child.kill("SIGTERM"); // npm's pid only, not the process group
      const result = await Promise.race([run.exit, new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 10_000))]);
      expect(result, run.err()).not.toBe("timeout");
      expect(Date.now() - signalled).toBeLessThan(10_000);
      // npm may return before its child has finished: the service itself must be gone in time too,
      // having shut down on its own (it logs "stopped" last), not killed.
      while (below.some(alive) && Date.now() - signalled < 10_000) await new Promise((r) => setTimeout(r, 50));
      expect(below.filter(alive)).toEqual([]);
      expect(Date.now() - signalled).toBeLessThan(10_000);
      expect(run.err()).toContain("shutting down");
      expect(run.err()).toContain("newsdesk stopped");
    } finally {
      if (run.child.exitCode === null) run.child.kill("SIGKILL");
      await tg.close();
    }
  }, 90_000);

  it("`npm start | head -3`: a reader that goes away is no EPIPE crash", async () => {
    const run = npmStart({ DATABASE_URL: `sqlite:${join(dir, "demo-live.db")}` });
    // Read three lines, then close our end of the pipe as `head -3` does.
    await new Promise<void>((resolve) => {
      const check = () => {
        if (run.out().split("\n").length > 3) {
          run.child.stdout.destroy();
          resolve();
        }
      };
      run.child.stdout.on("data", check);
    });
    const { code } = await run.exit;
    expect(run.err()).not.toMatch(/EPIPE|Unhandled|at .*\.ts:\d+/);
    expect(code).toBe(0);
  }, 90_000);
});
