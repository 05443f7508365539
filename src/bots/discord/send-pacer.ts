/**
 * Keeps our own requests under a global requests-per-second cap, counted as Discord counts it: at most
 * `perSecond` requests arriving in any sliding second. We cannot see arrival times, but a request has
 * surely arrived by the time its answer is back, so a new request starts only once the one `perSecond`
 * places before it has *completed* at least a second ago — jitter in between can never push it over.
 * Starts are also spread on an even grid (1/perSecond apart), so requests do not queue up at the server
 * and their answers come back quickly.
 */
export interface SendPacerOptions {
  perSecond: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface SendPacer {
  /** Runs `fn` when one more request may start; its completion frees the slot a second later. */
  schedule<T>(fn: () => Promise<T>): Promise<T>;
}

interface Slot {
  /** When the request finished (answer or failure); undefined while in flight. */
  doneAt: number | undefined;
  done: Promise<void>;
  settle(): void;
}

export function createSendPacer(opts: SendPacerOptions): SendPacer {
  const limit = Math.max(1, Math.floor(opts.perSecond));
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const spacingMs = 1000 / limit;
  // Timers fire late; the grid may run this far behind before it restarts from now (no drift, small catch-up).
  const catchUpMs = Math.max(spacingMs, 100);
  // The last `limit` requests in start order, as a ring.
  const slots: Slot[] = [];
  let head = 0;
  let lastSlot = Number.NEGATIVE_INFINITY;
  // Waiters are served one at a time, in arrival order.
  let tail: Promise<void> = Promise.resolve();

  const take = async (): Promise<Slot> => {
    for (;;) {
      const oldest = slots.length >= limit ? slots[head] : undefined;
      if (oldest && oldest.doneAt === undefined) {
        await oldest.done;
        continue;
      }
      const t = now();
      const wait = Math.max(oldest?.doneAt !== undefined ? oldest.doneAt + 1000 - t : 0, lastSlot + spacingMs - t);
      if (wait > 0) {
        await sleep(wait);
        continue;
      }
      lastSlot = t - (lastSlot + spacingMs) < catchUpMs ? lastSlot + spacingMs : t;
      let finish!: () => void;
      const slot: Slot = {
        doneAt: undefined,
        done: new Promise<void>((r) => (finish = r)),
        settle() {
          slot.doneAt = now();
          finish();
        },
      };
      if (slots.length < limit) slots.push(slot);
      else {
        slots[head] = slot;
        head = (head + 1) % limit;
      }
      return slot;
    }
  };

  return {
    async schedule<T>(fn: () => Promise<T>): Promise<T> {
      const turn = tail.then(take);
      tail = turn.then(
        () => undefined,
        () => undefined,
      );
      const slot = await turn;
      try {
        return await fn();
      } finally {
        slot.settle();
      }
    },
  };
}
