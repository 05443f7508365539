/**
 * A command Reply as a Discord interaction response: text and lists as an embed (markdown escaped),
 * fields as embed fields, a digest as its digest embeds, choices as rows of buttons. Nothing pings.
 */
import { ButtonStyle, ComponentType, MessageFlags, type APIEmbed } from "discord.js";
import type { Reply, ReplyBlock, ReplyChoice } from "../../core/commands/reply.js";
import type { ButtonAction, ButtonIds } from "./button-ids.js";
import { DIGEST_COLOR, embedLength, packEmbeds, renderDigest } from "./render-digest.js";
import { EmbedLimits, mdLink, safeText, truncate } from "./text-limits.js";

const ERROR_COLOR = 0xed4245;

export interface RenderedReply {
  embeds: APIEmbed[];
  components: { type: number; components: Record<string, unknown>[] }[];
  flags?: number;
  allowedMentions: { parse: [] };
}

function textLines(block: ReplyBlock): string[] {
  switch (block.kind) {
    case "text": {
      const t = safeText(block.text, EmbedLimits.description, { multiline: true });
      if (block.style === "heading") return [`**${t}**`];
      if (block.style === "muted") return [`-# ${t}`];
      return [t];
    }
    case "list":
      return block.items.map((i) => {
        const label = i.url ? mdLink(safeText(i.text, 200), i.url) : safeText(i.text, 200);
        return `${i.marked ? "✓" : "•"} ${label}${i.detail ? ` — ${safeText(i.detail, 200)}` : ""}`;
      });
    default:
      return [];
  }
}

function buttonStyle(c: ReplyChoice): ButtonStyle {
  if (c.style === "danger") return ButtonStyle.Danger;
  if (c.style === "primary" || c.selected) return ButtonStyle.Primary;
  return ButtonStyle.Secondary;
}

/** Short values sit side by side; anything longer or on several lines gets the embed's full width. */
const INLINE_MAX = 40;

/** Core labels may already carry the ✓ of a selected choice; never show it twice. */
function buttonLabel(c: ReplyChoice): string {
  const mark = c.selected && !c.label.trimStart().startsWith("✓") ? "✓ " : "";
  return truncate(`${mark}${c.label}`, 80);
}

/**
 * `view`: the command that produced this reply. Buttons of a private reply carry it, so a press
 * can redraw the view in place (the ✓ moves) rather than replace it with the press's result.
 */
export function renderReply(reply: Reply, ids: ButtonIds, view?: ButtonAction["view"]): RenderedReply {
  const embeds: APIEmbed[] = [];
  let lines: string[] = [];
  const color = reply.error ? ERROR_COLOR : DIGEST_COLOR;
  const flush = () => {
    if (lines.length === 0) return;
    embeds.push({ description: truncate(lines.join("\n"), EmbedLimits.description), color });
    lines = [];
  };
  for (const block of reply.blocks) {
    if (block.kind === "fields") {
      flush();
      const fields = block.fields.slice(0, EmbedLimits.fields).map((f) => {
        const value = safeText(f.value, EmbedLimits.fieldValue, { multiline: true }) || "—";
        return { name: safeText(f.name, EmbedLimits.fieldName) || "—", value, inline: value.length <= INLINE_MAX && !value.includes("\n") };
      });
      embeds.push({ fields, color });
    } else if (block.kind === "digest") {
      flush();
      embeds.push(...renderDigest(block.doc).flatMap((m) => m.embeds));
    } else {
      lines.push(...textLines(block));
    }
  }
  flush();
  // A reply is one message: keep what fits its limits, and say if something was cut.
  const [first] = packEmbeds(embeds.length > 0 ? embeds : [{ description: "Done.", color }]);
  const kept = first?.embeds ?? [];
  if (kept.length < embeds.length) {
    const last = kept[kept.length - 1];
    const note = `${embeds.length - kept.length} more not shown`;
    const used = kept.reduce((n, e) => n + embedLength(e), 0);
    if (last && used - (last.footer?.text.length ?? 0) + note.length <= EmbedLimits.totalPerMessage) last.footer = { text: note };
  }
  const components = (reply.choices ?? [])
    .filter((row) => row.length > 0)
    .slice(0, 5)
    .map((row) => ({
      type: ComponentType.ActionRow,
      components: row.slice(0, 5).map((c) => ({
        type: ComponentType.Button,
        style: buttonStyle(c),
        label: buttonLabel(c),
        custom_id: ids.encode({ command: c.command, args: c.args, ...(view && reply.ephemeral ? { view } : {}) }),
      })),
    }));
  return {
    embeds: kept,
    components,
    ...(reply.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
    allowedMentions: { parse: [] },
  };
}
