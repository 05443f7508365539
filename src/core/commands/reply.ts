/**
 * The platform-neutral reply a command returns. Text is plain (never markup): each adapter escapes and
 * renders it in its own idiom (Discord embeds/markdown, Telegram HTML, console text).
 */
import type { DigestDoc } from "../types.js";
import { plural } from "./plural.js";

export interface ReplyListItem {
  text: string;
  url?: string;
  /** Secondary text, shown muted. */
  detail?: string;
  /** e.g. ✓ for followed topics. */
  marked?: boolean;
}

export type ReplyBlock =
  | { kind: "text"; text: string; style?: "plain" | "heading" | "muted" }
  | { kind: "list"; items: ReplyListItem[] }
  | { kind: "fields"; fields: { name: string; value: string }[] }
  | { kind: "digest"; doc: DigestDoc };

/** A button: pressing it runs `command` with `args` as the same actor (Telegram inline keyboard, Discord button). */
export interface ReplyChoice {
  label: string;
  command: string;
  args: Record<string, string>;
  style?: "primary" | "secondary" | "danger";
  /** Shown as currently on (a followed topic). */
  selected?: boolean;
}

export interface Reply {
  blocks: ReplyBlock[];
  /** Rows of buttons. */
  choices?: ReplyChoice[][];
  /** Meant only for the member who asked (Discord ephemeral; Telegram: reply in place). */
  ephemeral?: boolean;
  /** The command was refused or failed; adapters may style it so. */
  error?: boolean;
}

export const reply = {
  text(text: string, opts: { ephemeral?: boolean } = {}): Reply {
    return { blocks: [{ kind: "text", text }], ephemeral: opts.ephemeral ?? true };
  },
  error(text: string): Reply {
    return { blocks: [{ kind: "text", text }], ephemeral: true, error: true };
  },
  blocks(blocks: ReplyBlock[], opts: { ephemeral?: boolean; choices?: ReplyChoice[][] } = {}): Reply {
    return { blocks, ephemeral: opts.ephemeral ?? true, ...(opts.choices ? { choices: opts.choices } : {}) };
  },
};

/** Plain-text rendering of a reply (console, tests, fallbacks). */
export function replyToText(r: Reply): string {
  const out: string[] = [];
  for (const b of r.blocks) {
    if (b.kind === "text") out.push(b.text);
    else if (b.kind === "list") for (const i of b.items) out.push(`${i.marked ? "✓" : "•"} ${i.text}${i.detail ? ` — ${i.detail}` : ""}`);
    else if (b.kind === "fields") for (const f of b.fields) out.push(`${f.name}: ${f.value}`);
    else out.push(`${b.doc.title} (${plural(b.doc.stories.length, "story", "stories")})`);
  }
  return out.join("\n");
}
