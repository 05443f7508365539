/**
 * The pending-updates queue behind getUpdates, with Telegram's long-polling rules: `offset` confirms (forgets)
 * earlier updates, a negative offset keeps only the last -offset ones, a poll answers as soon as an update is
 * queued or after `timeout` seconds, and a second concurrent poll ends the first with 409 Conflict.
 */
import { ApiError } from "./api-error.js";

export type UpdateBody = Record<string, unknown>;
export type Update = { update_id: number } & UpdateBody;

export interface PollOptions {
  offset?: number;
  limit?: number;
  timeout?: number;
  allowed_updates?: string[];
}

interface Waiter {
  resolve: (updates: Update[]) => void;
  reject: (err: ApiError) => void;
  timer: NodeJS.Timeout;
  limit: number;
}

/** Update kinds Telegram sends when allowed_updates was never set or set to []. */
const DEFAULT_EXCLUDED = new Set(["chat_member", "message_reaction", "message_reaction_count"]);

export class UpdateQueue {
  private readonly pending: Update[] = [];
  private nextId: number;
  private waiter: Waiter | undefined;
  private allowed: Set<string> | undefined;
  private closed = false;
  /** Highest update_id the bot confirmed with a later offset (grammY confirms a batch after handling it). */
  private confirmedUpTo = 0;
  private readonly confirmListeners = new Set<() => void>();

  constructor(firstUpdateId = 100_000_001) {
    this.nextId = firstUpdateId;
  }

  /** Queues an update (its only key besides update_id names its kind) and wakes a waiting poll. */
  push(body: UpdateBody): number {
    const update = { update_id: this.nextId++, ...body };
    this.pending.push(update);
    const w = this.waiter;
    if (w) {
      const ready = this.take(w.limit);
      if (ready.length > 0) this.finish(w, ready);
    }
    return update.update_id;
  }

  /** True while a long poll is held open waiting for an update. */
  get waiting(): boolean {
    return this.waiter !== undefined;
  }

  /** Updates queued and not yet confirmed by an offset. */
  get size(): number {
    return this.pending.length;
  }

  poll(opts: PollOptions): { result: Promise<Update[]>; cancel: () => void } {
    if (opts.allowed_updates !== undefined) {
      this.allowed = opts.allowed_updates.length > 0 ? new Set(opts.allowed_updates) : undefined;
    }
    this.confirm(opts.offset);
    const limit = Math.min(100, Math.max(1, opts.limit ?? 100));
    const previous = this.waiter;
    if (previous) {
      this.waiter = undefined;
      clearTimeout(previous.timer);
      previous.reject(
        new ApiError({
          error_code: 409,
          description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
        }),
      );
    }
    const ready = this.take(limit);
    const timeout = opts.timeout ?? 0;
    if (ready.length > 0 || timeout <= 0 || this.closed) return { result: Promise.resolve(ready), cancel: () => {} };
    let waiter: Waiter | undefined;
    const result = new Promise<Update[]>((resolve, reject) => {
      waiter = { resolve, reject, limit, timer: setTimeout(() => this.finish(waiter!, []), timeout * 1000) };
      this.waiter = waiter;
    });
    return {
      result,
      cancel: () => {
        if (waiter && this.waiter === waiter) {
          clearTimeout(waiter.timer);
          this.waiter = undefined;
        }
      },
    };
  }

  /** Forgets every queued update (deleteWebhook / setWebhook with drop_pending_updates). */
  dropAll(): void {
    this.pending.length = 0;
  }

  /** Ends any waiting poll with no updates; later polls answer at once so a test's bot.stop() is quick. */
  close(): void {
    this.closed = true;
    if (this.waiter) this.finish(this.waiter, []);
  }

  private finish(w: Waiter, updates: Update[]): void {
    clearTimeout(w.timer);
    if (this.waiter === w) this.waiter = undefined;
    w.resolve(updates);
  }

  private confirm(offset: number | undefined): void {
    if (offset === undefined || offset === 0) return;
    if (offset < 0) {
      this.pending.splice(0, Math.max(0, this.pending.length + offset));
      return;
    }
    while (this.pending.length > 0 && (this.pending[0]?.update_id ?? 0) < offset) this.pending.shift();
    if (offset - 1 > this.confirmedUpTo) {
      this.confirmedUpTo = offset - 1;
      for (const listener of this.confirmListeners) listener();
    }
  }

  /** Resolves once the bot confirmed `updateId` (asked for a later offset), i.e. grammY finished handling it. */
  confirmed(updateId: number, timeoutMs: number): Promise<void> {
    if (this.confirmedUpTo >= updateId) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const listener = (): void => {
        if (this.confirmedUpTo < updateId) return;
        clearTimeout(timer);
        this.confirmListeners.delete(listener);
        resolve();
      };
      const timer = setTimeout(() => {
        this.confirmListeners.delete(listener);
        reject(new Error(`fake telegram: update ${updateId} not confirmed by the bot within ${timeoutMs} ms`));
      }, timeoutMs);
      this.confirmListeners.add(listener);
    });
  }

  /** Returns up to `limit` deliverable updates; kinds not allowed are dropped, as Telegram never makes them. */
  private take(limit: number): Update[] {
    for (let i = this.pending.length - 1; i >= 0; i--) {
      const u = this.pending[i];
      if (u && !this.isAllowed(u)) this.pending.splice(i, 1);
    }
    // Delivered updates stay queued until a later offset confirms them, as with the real server.
    return this.pending.slice(0, limit);
  }

  private isAllowed(u: Update): boolean {
    const kind = Object.keys(u).find((k) => k !== "update_id") ?? "";
    return this.allowed ? this.allowed.has(kind) : !DEFAULT_EXCLUDED.has(kind);
  }
}
