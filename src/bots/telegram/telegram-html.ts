/**
 * A tiny builder for Telegram HTML that tracks, next to the markup, how long the text is once Telegram has
 * parsed it (UTF-16 code units, tags removed, entities decoded): the 4096 limit applies to that length, not to
 * the markup. Every piece of text goes through `escapeHtml`, so feed text can never open a tag.
 */
import { cutText } from "../../core/cut-text.js";

/** Telegram's limit for one message's text after entity parsing. */
export const MESSAGE_LIMIT = 4096;

export interface Html {
  readonly html: string;
  /** Visible length in UTF-16 code units. */
  readonly length: number;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/** Exactly the four characters Telegram's HTML parser treats specially (`"` for attribute values). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ESCAPES[c] ?? c);
}

export function text(s: string): Html {
  return { html: escapeHtml(s), length: s.length };
}

export const empty: Html = { html: "", length: 0 };

export function concat(...parts: Html[]): Html {
  return { html: parts.map((p) => p.html).join(""), length: parts.reduce((n, p) => n + p.length, 0) };
}

export function join(parts: Html[], separator: string): Html {
  const sep = text(separator);
  return concat(...parts.flatMap((p, i) => (i === 0 ? [p] : [sep, p])));
}

/** Only tags Telegram allows; attribute-free ones here, links through `link`. */
export type SimpleTag = "b" | "i" | "u" | "s" | "code" | "blockquote";

export function tag(name: SimpleTag, ...children: Html[]): Html {
  const inner = concat(...children);
  if (inner.length === 0) return empty;
  return { html: `<${name}>${inner.html}</${name}>`, length: inner.length };
}

/** A link when the URL is http(s) (Telegram rejects or mangles others); otherwise just the text. */
export function link(url: string, ...children: Html[]): Html {
  const inner = concat(...children);
  if (!isWebUrl(url) || inner.length === 0) return inner;
  return { html: `<a href="${escapeHtml(url)}">${inner.html}</a>`, length: inner.length };
}

export function isWebUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:";
  } catch {
    return false;
  }
}

/**
 * Cuts `s` to at most `max` UTF-16 units, ending with "…" when cut, never between the halves of a surrogate
 * pair (a lone half would make Telegram reject the message as invalid UTF-8).
 */
export function truncate(s: string, max: number): string {
  return cutText(s, max);
}

/**
 * Packs blocks into messages of at most `limit` visible units, blocks separated by `separator`, in order and
 * never splitting a block. A block longer than `limit` must have been shortened by the caller; it then gets a
 * message of its own (and Telegram refuses it), so callers always cut first.
 */
export function pack(blocks: Html[], limit: number, separator = "\n\n"): Html[][] {
  const out: Html[][] = [];
  let current: Html[] = [];
  let used = 0;
  for (const b of blocks) {
    const extra = current.length === 0 ? b.length : separator.length + b.length;
    if (current.length > 0 && used + extra > limit) {
      out.push(current);
      current = [];
      used = 0;
    }
    used += current.length === 0 ? b.length : separator.length + b.length;
    current.push(b);
  }
  if (current.length > 0) out.push(current);
  return out;
}
