/**
 * Telegram's documented flood limits for sending messages: about 30 messages per second overall, about one per
 * second in one chat (short bursts tolerated) and at most 20 per minute in one group. In "enforce" mode a
 * message over a cap is refused with retry_after; in "observe" mode it is accepted but counted, so a benchmark
 * can run at full speed and still assert "0 over the cap".
 */

export type RateLimitMode = "enforce" | "observe" | "off";

export interface RateLimits {
  mode: RateLimitMode;
  globalPerSecond: number;
  /** Refill rate of the per-chat token bucket. */
  perChatPerSecond: number;
  /** Bucket size: how many messages one chat may take back to back. */
  perChatBurst: number;
  perGroupPerMinute: number;
  /** False disables the per-chat and per-group caps (the global cap stays). */
  perChat: boolean;
  /**
   * A 429's retry_after holds back the whole bot: "record" counts messages sent before it ran out
   * (stats().sentDuringRetryAfter) and accepts them; "enforce" also refuses them with another 429.
   */
  retryAfter: "record" | "enforce";
}

export const defaultRateLimits: RateLimits = {
  mode: "enforce",
  globalPerSecond: 30,
  perChatPerSecond: 1,
  perChatBurst: 3,
  perGroupPerMinute: 20,
  perChat: true,
  retryAfter: "record",
};

export type RateScope = "global" | "chat" | "group";

export type RateVerdict = { ok: true } | { ok: false; scope: RateScope; retryAfter: number };

export interface AcceptedMessage {
  time: number;
  chatId: number;
  isGroup: boolean;
}

export interface RateStats {
  accepted: number;
  /** Messages refused with 429 (enforce mode). */
  refused: number;
  /** Messages over a cap, by cap: refused in enforce mode, accepted and counted in observe mode. */
  overCap: Record<RateScope, number>;
  /** Most messages accepted in any sliding 1 s window, overall. */
  maxPerSecond: number;
  /** Most messages accepted in any sliding 1 s window in a single chat. */
  maxPerSecondInOneChat: number;
  /** Most messages accepted in any sliding 60 s window in a single group. */
  maxPerMinuteInOneGroup: number;
  /** Messages that arrived while an earlier 429's retry_after was still running. */
  sentDuringRetryAfter: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  readonly limits: RateLimits;
  /** Every accepted message, in order, for per-window statistics. */
  readonly accepted: AcceptedMessage[] = [];
  private refused = 0;
  private readonly overCap: Record<RateScope, number> = { global: 0, chat: 0, group: 0 };
  private readonly buckets = new Map<number, Bucket>();
  private recentGlobal: number[] = [];
  private holdUntil = 0;
  private duringHold = 0;
  private readonly recentGroup = new Map<number, number[]>();

  constructor(
    limits: Partial<RateLimits> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.limits = { ...defaultRateLimits, ...limits };
  }

  /**
   * Decides whether a message to `chatId` may go out now. In enforce mode a refusal is final (nothing is
   * recorded); otherwise the message counts as accepted and the caller must send it.
   */
  admit(chatId: number, isGroup: boolean): RateVerdict {
    if (this.limits.mode === "off") {
      this.record(chatId, isGroup, this.now());
      return { ok: true };
    }
    const t = this.now();
    if (t < this.holdUntil) {
      this.duringHold++;
      if (this.limits.retryAfter === "enforce" && this.limits.mode === "enforce") {
        this.refused++;
        return { ok: false, scope: "global", retryAfter: seconds(this.holdUntil - t) };
      }
    }
    const verdict = this.check(chatId, isGroup, t);
    if (!verdict.ok) {
      this.overCap[verdict.scope]++;
      if (this.limits.mode === "enforce") {
        this.refused++;
        this.noteRetryAfter(verdict.retryAfter, t);
        return verdict;
      }
    }
    this.record(chatId, isGroup, t);
    return { ok: true };
  }

  /** A 429 with this retry_after (seconds) was answered at `t`: the bot should send nothing until it ends. */
  noteRetryAfter(retryAfter: number, t = this.now()): void {
    this.holdUntil = Math.max(this.holdUntil, t + retryAfter * 1000);
  }

  private check(chatId: number, isGroup: boolean, t: number): RateVerdict {
    this.recentGlobal = this.recentGlobal.filter((x) => x > t - 1000);
    const oldestGlobal = this.recentGlobal[0];
    if (oldestGlobal !== undefined && this.recentGlobal.length >= this.limits.globalPerSecond) {
      return { ok: false, scope: "global", retryAfter: seconds(oldestGlobal + 1000 - t) };
    }
    if (!this.limits.perChat) return { ok: true };
    if (isGroup) {
      const recent = (this.recentGroup.get(chatId) ?? []).filter((x) => x > t - 60_000);
      this.recentGroup.set(chatId, recent);
      const oldest = recent[0];
      if (oldest !== undefined && recent.length >= this.limits.perGroupPerMinute) {
        return { ok: false, scope: "group", retryAfter: seconds(oldest + 60_000 - t) };
      }
    }
    const tokens = this.tokens(chatId, t);
    if (tokens < 1) {
      return { ok: false, scope: "chat", retryAfter: seconds(((1 - tokens) / this.limits.perChatPerSecond) * 1000) };
    }
    return { ok: true };
  }

  private tokens(chatId: number, t: number): number {
    const b = this.buckets.get(chatId);
    if (!b) return this.limits.perChatBurst;
    return Math.min(this.limits.perChatBurst, b.tokens + ((t - b.at) / 1000) * this.limits.perChatPerSecond);
  }

  private record(chatId: number, isGroup: boolean, t: number): void {
    this.accepted.push({ time: t, chatId, isGroup });
    this.recentGlobal.push(t);
    if (isGroup) {
      const recent = this.recentGroup.get(chatId) ?? [];
      recent.push(t);
      this.recentGroup.set(chatId, recent);
    }
    // In observe mode the bucket may go negative: the chat is in debt until it refills.
    this.buckets.set(chatId, { tokens: this.tokens(chatId, t) - 1, at: t });
  }

  stats(): RateStats {
    const byChat = new Map<number, number[]>();
    const groups = new Set<number>();
    for (const m of this.accepted) {
      const list = byChat.get(m.chatId) ?? [];
      list.push(m.time);
      byChat.set(m.chatId, list);
      if (m.isGroup) groups.add(m.chatId);
    }
    let maxPerSecondInOneChat = 0;
    let maxPerMinuteInOneGroup = 0;
    for (const [chatId, times] of byChat) {
      maxPerSecondInOneChat = Math.max(maxPerSecondInOneChat, maxInWindow(times, 1000));
      if (groups.has(chatId)) maxPerMinuteInOneGroup = Math.max(maxPerMinuteInOneGroup, maxInWindow(times, 60_000));
    }
    return {
      accepted: this.accepted.length,
      refused: this.refused,
      overCap: { ...this.overCap },
      maxPerSecond: maxInWindow(this.accepted.map((m) => m.time), 1000),
      maxPerSecondInOneChat,
      maxPerMinuteInOneGroup,
      sentDuringRetryAfter: this.duringHold,
    };
  }

  /** Accepted messages per fixed, wall-clock-aligned second (key: epoch second). */
  perSecond(chatId?: number): Map<number, number> {
    const counts = new Map<number, number>();
    for (const m of this.accepted) {
      if (chatId !== undefined && m.chatId !== chatId) continue;
      const s = Math.floor(m.time / 1000);
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    return counts;
  }
}

/** Whole seconds to wait, never 0: Telegram's retry_after is a positive integer. */
function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/** The largest number of timestamps (sorted ascending) inside any window (t - windowMs, t], as the caps count. */
export function maxInWindow(times: readonly number[], windowMs: number): number {
  let best = 0;
  let from = 0;
  for (let to = 0; to < times.length; to++) {
    while ((times[from] ?? 0) <= (times[to] ?? 0) - windowMs) from++;
    best = Math.max(best, to - from + 1);
  }
  return best;
}
