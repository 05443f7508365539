/**
 * Per-host politeness across instances: before fetching from a host, take one of its `perHost`
 * slots, each a lease in the shared database (`host:<host>#<n>`). Several instances polling one
 * database therefore never hit one host with more than `perHost` requests at once between them,
 * whatever each instance's own limit. A slot whose holder died frees itself when its lease expires.
 */
import type { LeaseRepository } from "../../core/ports.js";

export interface HostSlots {
  /** Wait for a free slot of `host` until `deadline`; returns its release, or null if none came free. */
  take(host: string, deadline: number): Promise<(() => Promise<void>) | null>;
}

export interface HostSlotOptions {
  /** This instance (the lease holder). */
  holder: string;
  perHost: number;
  /** How long a slot is held if its holder dies mid-fetch: longer than one fetch can take. */
  ttlMs: number;
  /** Pause between attempts while every slot of the host is busy. */
  retryMs?: number;
}

export function createHostSlots(leases: LeaseRepository, opts: HostSlotOptions): HostSlots {
  const retryMs = opts.retryMs ?? 200;
  // Each local task needs its own lease name: the holder is shared by every fetch of this instance.
  let seq = 0;
  return {
    async take(host, deadline) {
      const holder = `${opts.holder}/${(seq = (seq + 1) % 1_000_000)}`;
      for (;;) {
        for (let n = 0; n < opts.perHost; n++) {
          const name = `host:${host}#${n}`;
          if (await leases.acquire(name, holder, opts.ttlMs)) return () => leases.release(name, holder);
        }
        if (Date.now() + retryMs > deadline) return null;
        await new Promise((r) => setTimeout(r, retryMs));
      }
    },
  };
}
