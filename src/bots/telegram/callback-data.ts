/**
 * Inline-button payloads. Telegram allows 1–64 bytes of callback_data, so a button carries its command the way
 * it would be typed: "topic_toggle openai" — command word, then the declared arguments in order, each
 * percent-encoded (so a space never appears inside a value). A payload that would not fit is kept in memory
 * under a short key ("~<key>"); after a restart such a button answers that it has expired.
 */
import type { Place, ResolvedTarget } from "../../core/commands/context.js";
import type { CommandDefinition } from "../../core/commands/define-command.js";
import { telegramCommandName } from "./command-names.js";

export const CALLBACK_DATA_MAX_BYTES = 64;

export interface ButtonAction {
  command: string;
  args: Record<string, string>;
}

export type DecodedCallback =
  | { ok: true; action: ButtonAction }
  | { ok: false; reason: "expired" | "unknown-command" | "malformed" };

export class CallbackCodec {
  private readonly overflow = new Map<string, ButtonAction>();
  private counter = 0;

  constructor(
    private readonly commands: readonly CommandDefinition[],
    /** How many long payloads to remember; the oldest are forgotten first. */
    private readonly maxOverflow = 5000,
  ) {}

  encode(action: ButtonAction): string {
    const def = this.commands.find((c) => c.name === action.command);
    if (def) {
      const names = Object.keys(def.args);
      const known = Object.keys(action.args).every((k) => names.includes(k));
      if (known) {
        const values = names.map((n) => encodeURIComponent(action.args[n] ?? ""));
        while (values.length > 0 && values.at(-1) === "") values.pop();
        const data = [telegramCommandName(def.name), ...values].join(" ");
        if (Buffer.byteLength(data, "utf8") <= CALLBACK_DATA_MAX_BYTES) return data;
      }
    }
    const key = `~${(this.counter++).toString(36)}`;
    this.overflow.set(key, { command: action.command, args: { ...action.args } });
    if (this.overflow.size > this.maxOverflow) {
      const oldest = this.overflow.keys().next().value;
      if (oldest !== undefined) this.overflow.delete(oldest);
    }
    return key;
  }

  decode(data: string): DecodedCallback {
    if (data.startsWith("~")) {
      const action = this.overflow.get(data);
      return action ? { ok: true, action } : { ok: false, reason: "expired" };
    }
    const [word = "", ...values] = data.split(" ");
    const def = this.commands.find((c) => telegramCommandName(c.name) === word);
    if (!def) return { ok: false, reason: "unknown-command" };
    const names = Object.keys(def.args);
    if (values.length > names.length) return { ok: false, reason: "malformed" };
    const args: Record<string, string> = {};
    try {
      values.forEach((v, i) => {
        const name = names[i];
        if (name !== undefined && v !== "") args[name] = decodeURIComponent(v);
      });
    } catch {
      return { ok: false, reason: "malformed" };
    }
    return { ok: true, action: { command: def.name, args } };
  }
}

/** Something remembered per bot message, bounded (oldest forgotten first) and lost on restart. */
class PerMessage<V> {
  private readonly map = new Map<string, V>();

  constructor(private readonly max = 5000) {}

  remember(chatId: number | string, messageId: number, value: V): void {
    const key = `${chatId}:${messageId}`;
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) {
      const oldest = this.map.keys().next().value;
      if (oldest !== undefined) this.map.delete(oldest);
    }
  }

  get(chatId: number | string, messageId: number): V | undefined {
    return this.map.get(`${chatId}:${messageId}`);
  }
}

/**
 * Which command produced a message that carries buttons, so a press can refresh that view (a topic list
 * shows the new ✓) instead of replacing it. After a restart a press simply shows its result.
 */
export class MessageOrigins extends PerMessage<ButtonAction> {}

/**
 * Where a reply's buttons act when it differs from the chat they are pressed in: a channel configured
 * from a private chat (`/channel_off @news`) acts in that channel's community, so its confirmation
 * button must too. A press after a restart says "expired".
 */
export class ActingPlaces extends PerMessage<{ place: Place; target: ResolvedTarget }> {}
