import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { defaultInstanceId } from "../src/instance-id.js";

describe("default instance id", () => {
  const dirs: string[] = [];
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), "newsdesk-slots-"));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const base = { databaseUrl: "postgres://u:secret@db/x", host: "box", settleMs: 1 };

  it("is the same after a crash and restart on the same host (the dead pid frees the slot)", async () => {
    const d = dir();
    const living = new Set([100]);
    const first = await defaultInstanceId({ ...base, dir: d, pid: 100, isAlive: (p) => living.has(p) });
    expect(first.id).toBe("box-0");
    living.delete(100); // SIGKILL: the slot file stays behind
    living.add(200);
    const restarted = await defaultInstanceId({ ...base, dir: d, pid: 200, isAlive: (p) => living.has(p) });
    expect(restarted.id).toBe("box-0");
    expect(readFileSync(join(d, "slot-0.pid"), "utf8")).toBe("200");
  });

  it("gives a second live process on the host its own slot, and the first slot back once freed", async () => {
    const d = dir();
    const living = new Set([1, 2, 3]);
    const isAlive = (p: number) => living.has(p);
    const a = await defaultInstanceId({ ...base, dir: d, pid: 1, isAlive });
    const b = await defaultInstanceId({ ...base, dir: d, pid: 2, isAlive });
    expect([a.id, b.id]).toEqual(["box-0", "box-1"]);
    a.release();
    const c = await defaultInstanceId({ ...base, dir: d, pid: 3, isAlive });
    expect(c.id).toBe("box-0");
  });

  it("treats a slot file with its own pid as left by its previous life (containers start at pid 1)", async () => {
    const d = dir();
    writeFileSync(join(d, "slot-0.pid"), "1");
    const me = await defaultInstanceId({ ...base, dir: d, pid: 1, isAlive: () => true });
    expect(me.id).toBe("box-0");
  });

  it("uses one folder per database under the temp directory, named by a hash (never the password)", async () => {
    const me = await defaultInstanceId({ ...base, host: "h", settleMs: 1 });
    try {
      expect(me.id).toMatch(/^h-\d+$/);
    } finally {
      me.release();
    }
  });
});
