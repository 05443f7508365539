/** Starts tests/digest/delivery/delivery-process.ts as a child process and follows its JSON events. */
import { spawn, type ChildProcess } from "node:child_process";

const root = new URL("../../../", import.meta.url).pathname;

export interface Child {
  proc: ChildProcess;
  events: Array<Record<string, unknown> & { event: string }>;
  output: () => string;
  exited: Promise<number | null>;
  waitFor(what: string, cond: () => boolean, ms?: number): Promise<void>;
}

export function startDeliveryProcess(env: Record<string, string>): Child {
  const proc = spawn(process.execPath, ["--import", "tsx", "tests/digest/delivery/delivery-process.ts"], {
    cwd: root,
    env: { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? "/tmp", LOG_LEVEL: "silent", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let buf = "";
  const events: Child["events"] = [];
  proc.stdout?.on("data", (b: Buffer) => {
    out += b.toString();
    buf += b.toString();
    let nl: number;
    while ((nl = buf.indexOf("\n")) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      try {
        events.push(JSON.parse(line) as Child["events"][number]);
      } catch {
        // not an event line
      }
    }
  });
  proc.stderr?.on("data", (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  return {
    proc,
    events,
    output: () => out,
    exited,
    async waitFor(what, cond, ms = 30_000) {
      const end = Date.now() + ms;
      while (!cond()) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}; child output:\n${out.slice(-3000)}`);
        if (proc.exitCode !== null && !cond()) throw new Error(`child exited (${proc.exitCode}) before ${what}:\n${out.slice(-3000)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}
