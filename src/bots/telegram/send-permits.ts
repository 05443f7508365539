import { SendAbortedError } from "./flood-limiter.js";

/**
 * At most `size` digest messages between "about to send" and "recorded in the ledger". Telegram has no
 * idempotency key: a message it accepted whose record had not committed when the process died is sent
 * again on resumption. Holding a permit across the send and its record bounds what one crash can
 * duplicate to `size` messages, at most one per destination (a destination's parts go one at a time).
 */
export class SendPermits {
  private free: number;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly size: number) {
    this.free = Math.max(1, Math.floor(size));
  }

  /** Resolves with a release function; rejects with SendAbortedError if `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(new SendAbortedError());
    return new Promise((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener("abort", onAbort);
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          this.release();
        });
      };
      const onAbort = () => {
        const i = this.waiting.indexOf(grant);
        if (i < 0) return;
        this.waiting.splice(i, 1);
        reject(new SendAbortedError());
      };
      if (this.free > 0) {
        this.free--;
        grant();
        return;
      }
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiting.push(grant);
    });
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}
