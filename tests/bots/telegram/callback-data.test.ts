import { describe, expect, it } from "vitest";
import { CALLBACK_DATA_MAX_BYTES, CallbackCodec, type ButtonAction } from "../../../src/bots/telegram/callback-data.js";
import { commands } from "../../../src/core/commands/registry.js";

describe("CallbackCodec", () => {
  const codec = new CallbackCodec(commands);

  it("encodes a button as the typed command and decodes it back", () => {
    const data = codec.encode({ command: "subscribe", args: { topic: "openai" } });
    expect(data).toBe("subscribe openai");
    expect(codec.decode(data)).toEqual({ ok: true, action: { command: "subscribe", args: { topic: "openai" } } });
  });

  it("round-trips two-level names, spaces and non-ASCII values within 64 bytes", () => {
    const actions: ButtonAction[] = [
      { command: "channel follow", args: { topic: "ai policy, openai" } },
      { command: "confirm channel-off", args: { id: "d_123" } },
      { command: "subscribe", args: { topic: "Künstliche Intelligenz" } },
      { command: "unsubscribe", args: { topic: "x".repeat(200) } },
      { command: "confirm unsubscribe-all", args: {} },
    ];
    for (const action of actions) {
      const data = codec.encode(action);
      expect(Buffer.byteLength(data, "utf8")).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
      expect(codec.decode(data)).toEqual({ ok: true, action });
    }
  });

  it("says when a long payload was forgotten (e.g. after a restart) or a command is unknown", () => {
    const other = new CallbackCodec(commands);
    const data = codec.encode({ command: "unsubscribe", args: { topic: "y".repeat(100) } });
    expect(data.startsWith("~")).toBe(true);
    expect(other.decode(data)).toEqual({ ok: false, reason: "expired" });
    expect(codec.decode("nosuchcommand x")).toEqual({ ok: false, reason: "unknown-command" });
    expect(codec.decode("subscribe %E0%A4%A")).toEqual({ ok: false, reason: "malformed" });
  });
});
