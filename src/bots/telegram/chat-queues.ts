/**
 * Updates handled concurrently across chats, in order within a chat. A reply waits for its chat's flood
 * limit (20 messages a minute in a group); handled one at a time, one busy group would hold every other
 * chat's updates behind it. Each chat gets a promise chain instead; the update handler returns at once.
 */

export interface ChatQueuesOptions {
  /** Updates waiting in one chat beyond which new ones are dropped (a flood of commands; default 50). */
  maxPerChat?: number;
  /** Updates waiting in all chats together beyond which new ones are dropped (default 5000). */
  maxTotal?: number;
  /** A task that threw: logged by the caller, never rethrown (the chat's queue goes on). */
  onError(err: unknown, key: string): void;
}

interface Lane {
  tail: Promise<void>;
  size: number;
}

export class ChatQueues {
  private readonly lanes = new Map<string, Lane>();
  private readonly maxPerChat: number;
  private readonly maxTotal: number;
  private total = 0;
  private readonly idleWaiters: Array<() => void> = [];

  constructor(private readonly opts: ChatQueuesOptions) {
    this.maxPerChat = opts.maxPerChat ?? 50;
    this.maxTotal = opts.maxTotal ?? 5000;
  }

  /** Tasks queued or running, all chats. */
  get pending(): number {
    return this.total;
  }

  /** Runs `task` after the chat's earlier tasks; false (and not run) when a bound is reached. */
  enqueue(key: string, task: () => Promise<void>): boolean {
    const lane = this.lanes.get(key) ?? { tail: Promise.resolve(), size: 0 };
    if (lane.size >= this.maxPerChat || this.total >= this.maxTotal) return false;
    lane.size++;
    this.total++;
    lane.tail = lane.tail
      .then(task)
      .catch((err: unknown) => this.opts.onError(err, key))
      .finally(() => this.settle(key, lane));
    this.lanes.set(key, lane);
    return true;
  }

  /** Resolves once every queued task has finished (tasks queued meanwhile included). */
  idle(): Promise<void> {
    if (this.total === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private settle(key: string, lane: Lane): void {
    lane.size--;
    this.total--;
    // An emptied lane is forgotten, so memory follows the chats with work, not every chat ever seen.
    if (lane.size === 0 && this.lanes.get(key) === lane) this.lanes.delete(key);
    if (this.total === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
