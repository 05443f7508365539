/**
 * Keeps our own sends under a global requests-per-second cap, measured as Discord measures it: at
 * most `perSecond` requests in any sliding second. The window is widened by `marginMs` so that
 * jitter between our clock and the server's arrival times never pushes a request over the cap.
 */
export interface SendPacerOptions {
  perSecond: number;
  /** Safety margin added to the 1-second window (default 25 ms). */
  marginMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface SendPacer {
  /** Resolves when one more request may start now. */
  acquire(): Promise<void>;
}

export function createSendPacer(opts: SendPacerOptions): SendPacer {
  const limit = Math.max(1, Math.floor(opts.perSecond));
  const windowMs = 1000 + (opts.marginMs ?? 25);
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  // Start times of the last `limit` requests, as a ring.
  const starts: number[] = [];
  let head = 0;
  // Serialise waiters so that they are served in arrival order.
  let tail: Promise<void> = Promise.resolve();

  const take = async (): Promise<void> => {
    for (;;) {
      const t = now();
      if (starts.length < limit) {
        starts.push(t);
        return;
      }
      const oldest = starts[head] ?? 0;
      const wait = oldest + windowMs - t;
      if (wait <= 0) {
        starts[head] = t;
        head = (head + 1) % limit;
        return;
      }
      await sleep(wait);
    }
  };

  return {
    acquire() {
      const next = tail.then(take);
      tail = next;
      return next;
    },
  };
}
