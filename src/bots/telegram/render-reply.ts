/**
 * A command's platform-neutral Reply as Telegram messages: blocks become HTML (escaped), a digest block becomes
 * its numbered parts, and choices become an inline keyboard under the last message.
 */
import type { Reply, ReplyBlock, ReplyChoice } from "../../core/commands/reply.js";
import type { ButtonAction } from "./callback-data.js";
import { renderDigest } from "./render-digest.js";
import { concat, join, link, MESSAGE_LIMIT, pack, tag, text, truncate, type Html } from "./telegram-html.js";

export interface InlineButton {
  text: string;
  callback_data: string;
}

export interface TelegramMessage {
  html: string;
  keyboard?: InlineButton[][];
}

const MAX_BUTTON_LABEL = 48;

export function renderReply(
  reply: Reply,
  encode: (action: ButtonAction) => string,
  limit = MESSAGE_LIMIT,
): TelegramMessage[] {
  const messages: string[] = [];
  let pending: Html[] = [];
  const flush = () => {
    for (const part of pack(pending, limit, "\n\n")) messages.push(join(part, "\n\n").html);
    pending = [];
  };
  for (const block of reply.blocks) {
    if (block.kind === "digest") {
      flush();
      messages.push(...renderDigest(block.doc, { limit }));
    } else {
      pending.push(...renderBlock(block, reply.error === true, limit));
    }
  }
  flush();
  if (messages.length === 0) messages.push(reply.error ? "⚠️" : "✓");
  const keyboard = reply.choices && reply.choices.length > 0 ? renderKeyboard(reply.choices, encode) : undefined;
  return messages.map((html, i) => (i === messages.length - 1 && keyboard ? { html, keyboard } : { html }));
}

/** A block as one or more chunks, each within `limit` (long lists are cut between items). */
function renderBlock(block: Exclude<ReplyBlock, { kind: "digest" }>, error: boolean, limit: number): Html[] {
  switch (block.kind) {
    case "text": {
      const body = text(truncate(block.text, limit - 2));
      if (block.style === "heading") return [tag("b", body)];
      if (block.style === "muted") return [tag("i", body)];
      return [error ? concat(text("⚠️ "), text(truncate(block.text, limit - 4))) : body];
    }
    case "list":
      return lines(
        block.items.map((item) => {
          const label = text(truncate(item.text, 300));
          const detail = item.detail ? concat(text(" — "), tag("i", text(truncate(item.detail, 300)))) : text("");
          return concat(text(item.marked ? "✓ " : "• "), item.url ? link(item.url, label) : label, detail);
        }),
        limit,
      );
    case "fields":
      return lines(
        block.fields.map((f) => concat(tag("b", text(`${truncate(f.name, 100)}:`)), text(" "), text(truncate(f.value, 1000)))),
        limit,
      );
  }
}

/** Lines grouped into chunks that each fit, so a long list splits between lines, never inside one. */
function lines(items: Html[], limit: number): Html[] {
  return pack(items, limit, "\n").map((chunk) => join(chunk, "\n"));
}

export function renderKeyboard(rows: ReplyChoice[][], encode: (action: ButtonAction) => string): InlineButton[][] {
  return rows
    .filter((row) => row.length > 0)
    .map((row) =>
      row.map((c) => ({
        text: truncate(`${selectedMark(c)}${c.style === "danger" ? "⚠️ " : ""}${c.label}`, MAX_BUTTON_LABEL),
        callback_data: encode({ command: c.command, args: c.args }),
      })),
    );
}

/** A selected choice gets a tick, unless the command already put one in its label. */
function selectedMark(c: ReplyChoice): string {
  return c.selected && !c.label.trimStart().startsWith("✓") ? "✓ " : "";
}
