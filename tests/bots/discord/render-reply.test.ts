import { describe, expect, it } from "vitest";
import { createButtonIds } from "../../../src/bots/discord/button-ids.js";
import { renderReply } from "../../../src/bots/discord/render-reply.js";
import { reply, type Reply } from "../../../src/core/commands/reply.js";

const buttons = (r: ReturnType<typeof renderReply>) => r.components.flatMap((row) => row.components);

describe("renderReply", () => {
  it("marks a selected button once, whether or not the core label already carries the ✓", () => {
    const r: Reply = reply.blocks([{ kind: "text", text: "Topics" }], {
      choices: [
        [
          { label: "✓ OpenAI", command: "unsubscribe", args: { topic: "openai" }, selected: true },
          { label: "Anthropic", command: "unsubscribe", args: { topic: "anthropic" }, selected: true },
          { label: "Meta", command: "subscribe", args: { topic: "meta" } },
        ],
      ],
    });
    expect(buttons(renderReply(r, createButtonIds())).map((b) => b.label)).toEqual(["✓ OpenAI", "✓ Anthropic", "Meta"]);
  });

  it("keeps line breaks in text and field values, escaped, and puts only short values side by side", () => {
    const r: Reply = reply.blocks([
      { kind: "text", text: "**Status**\nFeeds: 3\n\n\n\nProblems: none" },
      {
        kind: "fields",
        fields: [
          { name: "#news", value: "Daily at 08:00 (UTC)\nTopics: OpenAI, Video\n_filters_: none" },
          { name: "Time", value: "08:00 (UTC)" },
        ],
      },
    ]);
    const [text, fields] = renderReply(r, createButtonIds()).embeds;
    expect(text?.description).toBe("\\*\\*Status\\*\\*\nFeeds: 3\n\nProblems: none");
    expect(fields?.fields).toEqual([
      { name: "#news", value: "Daily at 08:00 (UTC)\nTopics: OpenAI, Video\n\\_filters\\_: none", inline: false },
      { name: "Time", value: "08:00 (UTC)", inline: true },
    ]);
  });

  it("lets the buttons of a private reply, and only those, carry the view that made them", () => {
    const ids = createButtonIds();
    const choices = [[{ label: "Go", command: "subscribe", args: { topic: "meta" } }]];
    const view = { command: "topics", args: {} };
    const priv = buttons(renderReply(reply.blocks([], { choices }), ids, view));
    expect(ids.decode(String(priv[0]?.custom_id))).toEqual({ command: "subscribe", args: { topic: "meta" }, view });
    const pub = buttons(renderReply(reply.blocks([], { choices, ephemeral: false }), ids, view));
    expect(ids.decode(String(pub[0]?.custom_id))).toEqual({ command: "subscribe", args: { topic: "meta" } });
  });
});
