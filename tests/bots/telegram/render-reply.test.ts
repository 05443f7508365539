import { describe, expect, it } from "vitest";
import { renderKeyboard, renderReply } from "../../../src/bots/telegram/render-reply.js";
import { reply } from "../../../src/core/commands/reply.js";

const encode = (a: { command: string; args: Record<string, string> }) => [a.command, ...Object.values(a.args)].join(" ");

describe("renderKeyboard", () => {
  it("marks a selected choice once, whether or not the command already put a tick in its label", () => {
    const rows = renderKeyboard(
      [
        [
          { label: "✓ OpenAI", command: "unsubscribe", args: { topic: "openai" }, selected: true },
          { label: "Anthropic", command: "unsubscribe", args: { topic: "anthropic" }, selected: true },
          { label: "AI policy", command: "subscribe", args: { topic: "policy" } },
        ],
      ],
      encode,
    );
    expect(rows.flat().map((b) => b.text)).toEqual(["✓ OpenAI", "✓ Anthropic", "AI policy"]);
    expect(rows.flat()[0]?.callback_data).toBe("unsubscribe openai");
  });

  it("puts the keyboard under the last message of a reply", () => {
    const r = { ...reply.text("Pick one"), choices: [[{ label: "Go", command: "go", args: {} }]] };
    const messages = renderReply(r, encode);
    expect(messages.at(-1)?.keyboard?.[0]?.[0]?.text).toBe("Go");
  });
});
