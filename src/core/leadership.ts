/**
 * Leader election on a lease in the shared database (no coordinator besides Postgres). With a lease
 * of L, the lock is written to expire 2/3 L after each renewal and renewed every L/3 (one renewal may
 * fail without losing it); stand-bys try every L/3. So when a leader dies, its lock expires within
 * 2/3 L and another instance leads within one lease L. A leader that cannot renew (database unreachable)
 * steps down before its lease can run out, so two leaders never act at once while clocks agree.
 * Used for work that must have exactly one doer: clustering, Telegram long polling.
 */
import { describeError } from "./errors.js";
import type { Logger } from "./logger.js";
import type { LeaseRepository } from "./ports.js";

export interface Leadership {
  /** The lease's name, e.g. "cluster". */
  readonly name: string;
  isLeader(): boolean;
  /** Called on every change, true on becoming leader and false on stepping down. Returns unsubscribe. */
  onChange(listener: (leader: boolean) => void): () => void;
  /**
   * Renew now and say whether this instance still leads: call right before work that must have one
   * writer, so it starts with a whole lease ahead of it.
   */
  confirm(): Promise<boolean>;
}

export interface LeaderElection extends Leadership {
  /** Stop competing; a leader releases its lease so another instance takes over at once. */
  stop(): Promise<void>;
}

export interface LeaderElectionOptions {
  name: string;
  /** This instance's id (the lease holder). */
  holder: string;
  leaseMs: number;
  logger: Logger;
}

/** A Leadership that always leads: one instance, nothing to share. */
export function soleLeader(name: string): Leadership {
  return { name, isLeader: () => true, onChange: () => () => {}, confirm: async () => true };
}

export function startLeaderElection(leases: LeaseRepository, opts: LeaderElectionOptions): LeaderElection {
  const key = `leader:${opts.name}`;
  const log = opts.logger.child({ lease: opts.name });
  const listeners = new Set<(leader: boolean) => void>();
  let leader = false;
  let renewedAt = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let attempt: Promise<boolean> | null = null;
  const ttlMs = Math.max(1, Math.round((opts.leaseMs * 2) / 3));

  const set = (now: boolean, why: string) => {
    if (now === leader) return;
    leader = now;
    log.info({ holder: opts.holder, why }, now ? "became leader" : "stepped down as leader");
    for (const l of listeners) {
      try {
        l(now);
      } catch (err) {
        log.error({ err: describeError(err) }, "leadership listener failed");
      }
    }
  };

  async function tryOnce(): Promise<boolean> {
    const started = Date.now();
    try {
      const held = await leases.acquire(key, opts.holder, ttlMs);
      if (stopped) return false;
      if (held) renewedAt = started;
      set(held, held ? "lease taken" : "another instance holds the lease");
      return held;
    } catch (err) {
      // Unable to renew: step down while the last renewal still has a margin, so whoever takes the
      // lease after it expires is never acting beside us.
      if (leader && Date.now() - renewedAt > ttlMs / 2) set(false, `cannot renew: ${describeError(err)}`);
      else log.warn({ err: describeError(err) }, "leader lease check failed");
      return leader;
    }
  }

  const renew = (): Promise<boolean> => {
    // One attempt at a time: confirm() during a scheduled renewal shares it.
    attempt ??= tryOnce().finally(() => {
      attempt = null;
    });
    return attempt;
  };

  const loop = () => {
    if (stopped) return;
    void renew().finally(() => {
      if (!stopped) timer = setTimeout(loop, Math.max(50, Math.floor(opts.leaseMs / 3)));
    });
  };
  loop();

  return {
    name: opts.name,
    isLeader: () => leader,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    confirm: async () => !stopped && (await renew()),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await attempt?.catch(() => {});
      if (leader) {
        set(false, "shutting down");
        await leases.release(key, opts.holder).catch((err: unknown) => log.warn({ err: describeError(err) }, "could not release the leader lease"));
      }
    },
  };
}
