/**
 * Part of the composition root: this process's name in delivery claims when INSTANCE_ID is not set.
 *
 * The name must survive a restart on the same host: a restarted process resumes the claims it left
 * unfinished at once only if it recognises them as its own (else they wait for the lease, 10 minutes).
 * The old default, hostname + pid, changed at every restart. The default is now the host name plus a
 * slot number: the lowest slot whose pid file (in the temp directory, one folder per database) names no
 * living process. One process on a host is always `<host>-0`, before and after a crash; a second one
 * started beside it gets `<host>-1`, and so on, so two live processes never share a name.
 *
 * Containers: the host name is the container's, which a restart of the same container keeps but a
 * new container (a new pod of a Deployment, `docker compose up` after `down`) does not. Orchestrators
 * should set INSTANCE_ID to a name stable per replica: a StatefulSet pod name (downward API
 * `metadata.name`), a Compose service name plus replica number, systemd's `%H-%i`.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";

export interface InstanceIdOptions {
  /** Slots are per database: claims only compare names within one database. */
  databaseUrl: string;
  host?: string;
  /** Folder of the slot files (default: the temp directory). */
  dir?: string;
  pid?: number;
  isAlive?: (pid: number) => boolean;
  /** Pause before checking that a taken slot is still ours (a racing start-up), default 25 ms. */
  settleMs?: number;
}

export interface InstanceSlot {
  id: string;
  slot: number;
  /** Frees the slot at a clean exit (a crash leaves the file; its dead pid frees it). */
  release(): void;
}

const MAX_SLOTS = 64;

export async function defaultInstanceId(opts: InstanceIdOptions): Promise<InstanceSlot> {
  const pid = opts.pid ?? process.pid;
  const host = (opts.host ?? hostname()).replace(/[^\w.-]+/g, "_").slice(0, 60) || "host";
  // The URL may carry a password: only its hash names the folder.
  const db = createHash("sha256").update(opts.databaseUrl).digest("hex").slice(0, 16);
  const dir = opts.dir ?? join(tmpdir(), `newsdesk-instances-${db}`);
  const alive = opts.isAlive ?? isProcessAlive;
  mkdirSync(dir, { recursive: true });
  for (let slot = 0; slot < MAX_SLOTS; slot++) {
    const file = join(dir, `slot-${slot}.pid`);
    if (!take(file, pid, alive)) continue;
    // Two processes starting at once may both have found the same stale file: the later writer wins,
    // the other sees a pid that is not its own and moves on.
    await new Promise((r) => setTimeout(r, opts.settleMs ?? 25));
    if (readPid(file) !== pid) continue;
    return {
      id: `${host}-${slot}`,
      slot,
      release: () => {
        if (readPid(file) === pid) unlinkQuietly(file);
      },
    };
  }
  // Every slot held by a living process: fall back to a name unique to this process.
  return { id: `${host}-pid${pid}`, slot: -1, release: () => {} };
}

function take(file: string, pid: number, alive: (pid: number) => boolean): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(pid), { flag: "wx" });
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    const holder = readPid(file);
    // Our own pid is a file from before a restart (containers start at pid 1 every time).
    if (holder !== null && holder !== pid && alive(holder)) return false;
    unlinkQuietly(file);
  }
  return false;
}

function readPid(file: string): number | null {
  try {
    const n = Number(readFileSync(file, "utf8").trim());
    return Number.isInteger(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Already gone: someone else took it over.
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
