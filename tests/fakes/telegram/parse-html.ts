/**
 * Telegram's HTML parse mode, re-implemented after tdlib's parser so the fake rejects what the real Bot API
 * rejects (same error wording, byte offsets into the UTF-8 source) and yields the plain text + entities the
 * real API would store. Offsets and lengths are UTF-16 code units, as in the Bot API.
 */
import type { MessageEntity } from "grammy/types";

export type ParsedText = { ok: true; text: string; entities: MessageEntity[] } | { ok: false; error: string };

export interface ParseHtmlOptions {
  /**
   * Real Telegram keeps an unknown `&name;` or a bare `&` as literal text. Strict mode (the default) rejects
   * them instead, because output that relies on that leniency shows raw `&nbsp;` to readers: an escaping bug.
   */
  strictEntities?: boolean;
}

const ALLOWED_TAGS = new Set([
  "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler",
  "a", "code", "pre", "blockquote", "tg-emoji",
]);

const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

interface OpenTag {
  name: string;
  attrs: Map<string, string>;
  /** UTF-16 offset into the produced text where the tag's content starts. */
  start: number;
  /** Set on a <pre> when a directly nested <code class="language-x"> names its language. */
  language?: string;
}

class HtmlError extends Error {}

/** Parses Telegram HTML into plain text and entities, or returns the Bot API's error text. */
export function parseHtml(source: string, options: ParseHtmlOptions = {}): ParsedText {
  try {
    return { ok: true, ...new Parser(source, options.strictEntities ?? true).run() };
  } catch (err) {
    if (err instanceof HtmlError) return { ok: false, error: err.message };
    throw err;
  }
}

class Parser {
  private i = 0;
  private text = "";
  private readonly entities: MessageEntity[] = [];
  private readonly stack: OpenTag[] = [];

  constructor(
    private readonly src: string,
    private readonly strict: boolean,
  ) {}

  run(): { text: string; entities: MessageEntity[] } {
    const src = this.src;
    while (this.i < src.length) {
      const c = src[this.i];
      if (c === "&") {
        this.text += this.entity();
      } else if (c === "<") {
        if (src[this.i + 1] === "/") this.endTag();
        else this.startTag();
      } else {
        this.text += c;
        this.i++;
      }
    }
    const open = this.stack.at(-1);
    if (open) throw new HtmlError(`Can't find end tag corresponding to start tag "${open.name}"`);
    // Telegram lists entities by offset, the enclosing (longer) one first.
    this.entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
    return { text: this.text, entities: this.entities };
  }

  private byteOffset(at = this.i): number {
    return Buffer.byteLength(this.src.slice(0, at), "utf8");
  }

  /** Decodes the entity at `this.i` (which is on "&") and advances past it. */
  private entity(): string {
    const src = this.src;
    const start = this.i;
    let end = start + 1;
    let decoded: string | undefined;
    if (src[end] === "#") {
      end++;
      const hex = src[end] === "x" || src[end] === "X";
      if (hex) end++;
      const digitsStart = end;
      while (end < src.length && (hex ? /[0-9a-fA-F]/ : /[0-9]/).test(src[end] ?? "")) end++;
      const digits = src.slice(digitsStart, end);
      const code = digits === "" ? NaN : parseInt(digits, hex ? 16 : 10);
      const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
      if (valid) decoded = String.fromCodePoint(code);
    } else {
      while (end < src.length && /[a-zA-Z0-9]/.test(src[end] ?? "")) end++;
      decoded = NAMED_ENTITIES[src.slice(start + 1, end)];
    }
    if (decoded === undefined) {
      if (this.strict) {
        const shown = src.slice(start, Math.min(end + 1, start + 12));
        throw new HtmlError(`Unsupported HTML entity "${shown}" at byte offset ${this.byteOffset(start)}`);
      }
      this.i = start + 1;
      return "&";
    }
    if (src[end] === ";") end++;
    this.i = end;
    return decoded;
  }

  private readName(): string {
    const from = this.i;
    while (this.i < this.src.length && /[a-zA-Z0-9_-]/.test(this.src[this.i] ?? "")) this.i++;
    return this.src.slice(from, this.i).toLowerCase();
  }

  private skipSpaces(): void {
    while (this.i < this.src.length && /\s/.test(this.src[this.i] ?? "")) this.i++;
  }

  private startTag(): void {
    const tagStart = this.i;
    this.i++;
    const name = this.readName();
    if (!ALLOWED_TAGS.has(name)) {
      throw new HtmlError(`Unsupported start tag "${name}" at byte offset ${this.byteOffset(tagStart)}`);
    }
    const attrs = this.attributes(name, tagStart);
    if (name === "span" && attrs.get("class") !== "tg-spoiler") {
      throw new HtmlError(`Tag "span" must have class "tg-spoiler" at byte offset ${this.byteOffset(tagStart)}`);
    }
    if (name === "tg-emoji" && !/^[0-9]+$/.test(attrs.get("emoji-id") ?? "")) {
      throw new HtmlError(`Custom emoji identifier expected at byte offset ${this.byteOffset(tagStart)}`);
    }
    this.stack.push({ name, attrs, start: this.text.length });
  }

  /** Reads attributes up to and including ">"; values have their entities decoded. */
  private attributes(tag: string, tagStart: number): Map<string, string> {
    const attrs = new Map<string, string>();
    const unclosed = (): HtmlError => new HtmlError(`Unclosed start tag at byte offset ${this.byteOffset(tagStart)}`);
    for (;;) {
      this.skipSpaces();
      if (this.i >= this.src.length) throw unclosed();
      if (this.src[this.i] === ">") {
        this.i++;
        return attrs;
      }
      const nameAt = this.i;
      const attr = this.readName();
      if (attr === "") {
        throw new HtmlError(`Empty attribute name in the tag "${tag}" at byte offset ${this.byteOffset(nameAt)}`);
      }
      this.skipSpaces();
      if (this.src[this.i] !== "=") {
        attrs.set(attr, ""); // e.g. <blockquote expandable>
        continue;
      }
      this.i++;
      this.skipSpaces();
      attrs.set(attr, this.attributeValue(unclosed));
    }
  }

  private attributeValue(unclosed: () => HtmlError): string {
    const src = this.src;
    const quote = src[this.i];
    let value = "";
    if (quote === '"' || quote === "'") {
      this.i++;
      while (this.i < src.length && src[this.i] !== quote) {
        if (src[this.i] === "&") value += this.entity();
        else value += src[this.i++];
      }
      if (this.i >= src.length) throw unclosed();
      this.i++;
      return value;
    }
    while (this.i < src.length && !/[\s>]/.test(src[this.i] ?? "")) {
      if (src[this.i] === "&") value += this.entity();
      else value += src[this.i++];
    }
    return value;
  }

  private endTag(): void {
    const tagStart = this.i;
    this.i += 2;
    const name = this.readName();
    this.skipSpaces();
    if (this.src[this.i] !== ">") throw new HtmlError(`Unclosed end tag at byte offset ${this.byteOffset(tagStart)}`);
    this.i++;
    const open = this.stack.pop();
    if (!open) throw new HtmlError(`Unexpected end tag at byte offset ${this.byteOffset(tagStart)}`);
    if (open.name !== name) {
      throw new HtmlError(
        `Unmatched end tag at byte offset ${this.byteOffset(tagStart)}, expected "</${open.name}>", found "</${name}>"`,
      );
    }
    this.close(open);
  }

  private close(tag: OpenTag): void {
    const offset = tag.start;
    const length = this.text.length - offset;
    const parent = this.stack.at(-1);
    // <pre><code class="language-x"> is one pre entity carrying the language, as in the Bot API docs.
    if (tag.name === "code" && parent?.name === "pre" && parent.start === offset) {
      const cls = tag.attrs.get("class") ?? "";
      if (cls.startsWith("language-")) parent.language = cls.slice("language-".length);
      return;
    }
    if (length === 0) return; // Telegram drops empty entities
    const entity = toEntity(tag, offset, length);
    if (entity) this.entities.push(entity);
  }
}

function toEntity(tag: OpenTag, offset: number, length: number): MessageEntity | undefined {
  const at = { offset, length };
  switch (tag.name) {
    case "b":
    case "strong":
      return { type: "bold", ...at };
    case "i":
    case "em":
      return { type: "italic", ...at };
    case "u":
    case "ins":
      return { type: "underline", ...at };
    case "s":
    case "strike":
    case "del":
      return { type: "strikethrough", ...at };
    case "span":
    case "tg-spoiler":
      return { type: "spoiler", ...at };
    case "code":
      return { type: "code", ...at };
    case "pre":
      return tag.language === undefined ? { type: "pre", ...at } : { type: "pre", ...at, language: tag.language };
    case "blockquote":
      return { type: tag.attrs.has("expandable") ? "expandable_blockquote" : "blockquote", ...at };
    case "tg-emoji":
      return { type: "custom_emoji", ...at, custom_emoji_id: tag.attrs.get("emoji-id") ?? "" };
    case "a": {
      const href = tag.attrs.get("href") ?? "";
      return href === "" ? undefined : { type: "text_link", ...at, url: href };
    }
    default:
      return undefined;
  }
}
