/**
 * Client-side flood control for every message the bot sends: one global cap (messages per second), at most
 * N per second in one chat and M per minute in one group.
 *
 * Each cap is a sliding window whose slots are stamped with the time the send *finished*, not when it
 * started: Telegram counts a message when it arrives, which is somewhere between the two, so stamping the
 * finish can only err on the safe side and no window Telegram looks at ever holds more than the cap.
 * Sends to one chat run one after another (digest parts stay in order); different chats never wait for each
 * other except on the global cap, which is granted first come, first served and paced (a token bucket at the
 * same rate, holding a tenth of a second's worth): a steady stream instead of a burst each second keeps each
 * request's round trip short, and the round trip is what the finish-stamped window loses.
 */

export interface FloodLimits {
  globalPerSecond: number;
  perChatPerSecond: number;
  perGroupPerMinute: number;
  /**
   * Sends on their way at once. Telegram has no idempotency key, so a message accepted just before a
   * crash but not yet recorded is sent again on resumption: this caps what one crash can duplicate
   * (each destination has at most one unrecorded message, as its parts go one after another).
   */
  maxInFlight: number;
}

export const defaultFloodLimits: FloodLimits = { globalPerSecond: 25, perChatPerSecond: 1, perGroupPerMinute: 20, maxInFlight: 4 };

/**
 * The global budget shared with other instances using the same bot token (through the database). The
 * local caps still apply on top: they keep each instance from asking more often than it may send.
 */
export interface SharedSendBudget {
  take(): Promise<number>;
  hold(ms: number): Promise<void>;
  /** A database error: sends go on with the local caps alone (logged by the caller). */
  onError?(err: unknown): void;
}

export interface FloodClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: FloodClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** At most `limit` sends started in any window of `windowMs`, counting from each send's finish. */
export class SlidingWindow {
  private inFlight = 0;
  private stamps: number[] = [];

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Milliseconds until a slot is free: 0 now, Infinity until an in-flight send finishes. */
  waitMs(now: number): number {
    while (this.stamps.length > 0 && (this.stamps[0] ?? 0) <= now - this.windowMs) this.stamps.shift();
    if (this.inFlight + this.stamps.length < this.limit) return 0;
    const oldest = this.stamps[0];
    return oldest === undefined ? Infinity : oldest + this.windowMs - now;
  }

  take(): void {
    this.inFlight++;
  }

  release(at: number): void {
    this.inFlight--;
    // Finishes arrive almost in order; insert in place to keep the list sorted.
    let i = this.stamps.length;
    while (i > 0 && (this.stamps[i - 1] ?? 0) > at) i--;
    this.stamps.splice(i, 0, at);
  }

  /** Nothing in flight and nothing left in the window at `now`. */
  idleAt(now: number): boolean {
    this.waitMs(now);
    return this.inFlight === 0 && this.stamps.length === 0;
  }
}

interface ChatState {
  window: SlidingWindow;
  group: SlidingWindow | null;
  /** Settles when the last queued send to this chat is done. */
  tail: Promise<void>;
  pending: number;
}

export class FloodLimiter {
  readonly limits: FloodLimits;
  private readonly global: SlidingWindow;
  private readonly waiting: Array<() => void> = [];
  private readonly chats = new Map<string, ChatState>();
  private timer = false;
  private lastSweep = 0;
  private readonly paceBurst: number;
  private paceTokens: number;
  private paceAt: number;
  private sending = 0;
  private holdUntil = 0;

  constructor(
    limits: Partial<FloodLimits> = {},
    private readonly clock: FloodClock = realClock,
    private readonly shared: SharedSendBudget | null = null,
  ) {
    this.limits = { ...defaultFloodLimits, ...limits };
    this.global = new SlidingWindow(Math.max(1, Math.floor(this.limits.globalPerSecond)), 1000);
    this.paceBurst = Math.max(1, Math.ceil(this.limits.globalPerSecond / 10));
    this.paceTokens = this.paceBurst;
    this.paceAt = clock.now();
  }

  /**
   * Runs `send` when every cap allows a message to `chatId`; `isGroup` adds the per-minute group cap. An
   * aborted `signal` ends the wait (SendAbortedError) but never a send already started: a request on
   * its way may be accepted by the platform, and cutting it would only hide that.
   */
  async run<T>(chatId: string, isGroup: boolean, send: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const chat = this.chat(chatId, isGroup);
    const previous = chat.tail;
    let done!: () => void;
    chat.tail = new Promise((resolve) => (done = resolve));
    chat.pending++;
    try {
      await abortable(previous, signal);
      await abortable(this.chatTurn(chat, signal), signal);
      await this.globalTurn(signal);
      chat.window.take();
      chat.group?.take();
      try {
        await this.sharedTurn(signal);
        return await send();
      } finally {
        const at = this.clock.now();
        this.sending--;
        this.global.release(at);
        chat.window.release(at);
        chat.group?.release(at);
        this.pump();
      }
    } finally {
      chat.pending--;
      done();
      this.sweep();
    }
  }

  private chat(chatId: string, isGroup: boolean): ChatState {
    let chat = this.chats.get(chatId);
    if (!chat) {
      chat = { window: perChatWindow(this.limits.perChatPerSecond), group: null, tail: Promise.resolve(), pending: 0 };
      this.chats.set(chatId, chat);
    }
    // A chat may turn out to be a group only later (first send was a notice with unknown type).
    if (isGroup && !chat.group) chat.group = new SlidingWindow(Math.max(1, Math.floor(this.limits.perGroupPerMinute)), 60_000);
    return chat;
  }

  /**
   * Resolves when a send to `chatId` could start now as far as that chat's caps and any 429 hold go,
   * without taking anything: a digest waits here before it takes one of its few in-flight permits, so
   * a permit is never held through a chat's one-second pause.
   */
  async chatReady(chatId: string, isGroup: boolean, signal?: AbortSignal): Promise<void> {
    const chat = this.chat(chatId, isGroup);
    for (;;) {
      if (signal?.aborted) throw new SendAbortedError();
      const now = this.clock.now();
      const wait = Math.max(chat.window.waitMs(now), chat.group?.waitMs(now) ?? 0, this.holdUntil - now);
      if (wait <= 0) return;
      await abortable(this.clock.sleep(Number.isFinite(wait) ? wait : 10), signal);
    }
  }

  /**
   * A 429's retry_after holds back every send of the token, not only the one refused: Telegram answers
   * any request made during the wait with another 429 (and may lengthen it). Other instances learn it
   * through the shared budget.
   */
  hold(ms: number): void {
    this.holdUntil = Math.max(this.holdUntil, this.clock.now() + ms);
    if (this.shared) void this.shared.hold(ms).catch((err: unknown) => this.shared?.onError?.(err));
  }

  /** Waits for the shared budget's grant; on a database error, goes on with the local caps. */
  private async sharedTurn(signal?: AbortSignal): Promise<void> {
    if (!this.shared) return;
    for (;;) {
      if (signal?.aborted) throw new SendAbortedError();
      let wait: number;
      try {
        wait = await this.shared.take();
      } catch (err) {
        this.shared.onError?.(err);
        return;
      }
      if (wait <= 0) return;
      await abortable(this.clock.sleep(wait), signal);
    }
  }

  private async chatTurn(chat: ChatState, signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (signal?.aborted) return;
      const now = this.clock.now();
      const wait = Math.max(chat.window.waitMs(now), chat.group?.waitMs(now) ?? 0);
      if (wait <= 0) return;
      // Sends to a chat are serialised, so nothing of this chat is in flight here and `wait` is finite.
      await this.clock.sleep(Number.isFinite(wait) ? wait : 10);
    }
  }

  private globalTurn(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new SendAbortedError());
      const grant = () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      };
      const onAbort = () => {
        const i = this.waiting.indexOf(grant);
        if (i < 0) return;
        this.waiting.splice(i, 1);
        reject(new SendAbortedError());
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiting.push(grant);
      this.pump();
    });
  }

  /** Grants global slots in arrival order; re-arms itself for the moment the oldest slot frees up. */
  private pump(): void {
    while (this.waiting.length > 0) {
      const now = this.clock.now();
      const wait = Math.max(
        this.global.waitMs(now),
        this.paceWaitMs(now),
        this.holdUntil - now,
        // Infinity: the next release calls pump again.
        this.sending >= this.limits.maxInFlight ? Infinity : 0,
      );
      if (wait > 0) {
        // Infinity: every slot is in flight; the next release calls pump again.
        if (Number.isFinite(wait) && !this.timer) {
          this.timer = true;
          void this.clock.sleep(wait).then(() => {
            this.timer = false;
            this.pump();
          });
        }
        return;
      }
      this.global.take();
      this.sending++;
      this.paceTokens -= 1;
      this.waiting.shift()?.();
    }
  }

  private paceWaitMs(now: number): number {
    const rate = this.limits.globalPerSecond;
    this.paceTokens = Math.min(this.paceBurst, this.paceTokens + ((now - this.paceAt) / 1000) * rate);
    this.paceAt = now;
    return this.paceTokens >= 1 ? 0 : Math.ceil(((1 - this.paceTokens) / rate) * 1000);
  }

  /** Forget chats with nothing queued and nothing left in their windows, at most once a second. */
  private sweep(): void {
    const now = this.clock.now();
    if (now - this.lastSweep < 1000 || this.chats.size < 256) return;
    this.lastSweep = now;
    for (const [id, chat] of this.chats) {
      if (chat.pending === 0 && chat.window.idleAt(now) && (chat.group?.idleAt(now) ?? true)) {
        this.chats.delete(id);
      }
    }
  }

  /** Chats currently tracked (for tests of the sweep). */
  get trackedChats(): number {
    return this.chats.size;
  }
}

function perChatWindow(perSecond: number): SlidingWindow {
  // 1/s → 1 per 1000 ms; 0.5/s → 1 per 2000 ms; 3/s → 3 per 1000 ms.
  if (perSecond >= 1) return new SlidingWindow(Math.floor(perSecond), 1000);
  return new SlidingWindow(1, Math.ceil(1000 / Math.max(perSecond, 0.001)));
}

/** A send given up before it started because its caller stopped waiting (shutdown). Nothing was sent. */
export class SendAbortedError extends Error {
  constructor() {
    super("send abandoned before it started: shutting down");
    this.name = "SendAbortedError";
  }
}

/** `p`, or a SendAbortedError as soon as `signal` aborts (`p` itself runs on). */
function abortable<T>(p: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(new SendAbortedError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new SendAbortedError());
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (err: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}
