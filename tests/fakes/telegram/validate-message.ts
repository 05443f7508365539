/**
 * The checks Telegram applies to a message's content before sending or editing it: parse mode and length of the
 * visible text, inline keyboards, and forum threads. Each failure carries the real API's description.
 */
import type { MessageEntity } from "grammy/types";
import { badRequest } from "./api-error.js";
import { parseHtml, type ParseHtmlOptions } from "./parse-html.js";
import { optArray, optObject, optStr, type Params } from "./read-params.js";
import type { FakeChat } from "./telegram-state.js";

export const MAX_TEXT_LENGTH = 4096;

export interface MessageContent {
  text: string;
  entities: MessageEntity[];
  sourceText: string;
  parseMode?: string;
}

/**
 * Turns text + parse_mode (or explicit entities) into what Telegram stores: visible text with leading and trailing
 * whitespace trimmed, entities in UTF-16 units. `tooLong` differs between sendMessage and editMessageText.
 */
export function messageContent(p: Params, html: ParseHtmlOptions, tooLong: string): MessageContent {
  const sourceText = optStr(p, "text") ?? "";
  const parseMode = optStr(p, "parse_mode");
  const explicit = optArray(p, "entities");
  let parsed: { text: string; entities: MessageEntity[] };
  if (explicit !== undefined) {
    parsed = { text: sourceText, entities: checkEntities(explicit, sourceText.length) };
  } else if (parseMode === undefined || parseMode === "") {
    parsed = { text: sourceText, entities: [] };
  } else if (parseMode === "HTML") {
    const r = parseHtml(sourceText, html);
    if (!r.ok) throw badRequest(`can't parse entities: ${r.error}`);
    parsed = r;
  } else if (parseMode === "MarkdownV2" || parseMode === "Markdown") {
    // Not implemented on purpose: accepting it unchecked would let escaping bugs pass the tests.
    throw badRequest(`can't parse entities: the fake Telegram server only implements parse_mode HTML`);
  } else {
    throw badRequest("unsupported parse_mode");
  }
  const trimmed = trim(parsed.text, parsed.entities);
  if (trimmed.text === "") throw badRequest("message text is empty");
  if (trimmed.text.length > MAX_TEXT_LENGTH) throw badRequest(tooLong);
  return { ...trimmed, sourceText, ...(parseMode !== undefined && explicit === undefined ? { parseMode } : {}) };
}

/** Telegram strips surrounding whitespace from message text; entities are shifted and clipped to match. */
function trim(text: string, entities: MessageEntity[]): { text: string; entities: MessageEntity[] } {
  const lead = text.length - text.trimStart().length;
  const out = text.trim();
  const kept: MessageEntity[] = [];
  for (const e of entities) {
    const start = Math.max(0, e.offset - lead);
    const end = Math.min(out.length, e.offset + e.length - lead);
    if (end > start) kept.push({ ...e, offset: start, length: end - start });
  }
  return { text: out, entities: kept };
}

const ENTITY_TYPES = new Set([
  "mention", "hashtag", "cashtag", "bot_command", "url", "email", "phone_number", "bold", "italic", "underline",
  "strikethrough", "spoiler", "blockquote", "expandable_blockquote", "code", "pre", "text_link", "text_mention",
  "custom_emoji",
]);

function checkEntities(list: unknown[], textLength: number): MessageEntity[] {
  return list.map((raw) => {
    const e = raw as Partial<MessageEntity> | null;
    const ok =
      e !== null &&
      typeof e === "object" &&
      typeof e.type === "string" &&
      ENTITY_TYPES.has(e.type) &&
      Number.isInteger(e.offset) &&
      Number.isInteger(e.length) &&
      (e.offset ?? -1) >= 0 &&
      (e.length ?? 0) > 0 &&
      (e.offset ?? 0) + (e.length ?? 0) <= textLength;
    if (!ok) throw badRequest("can't parse entities: invalid entity in the entities list");
    return e as MessageEntity;
  });
}

const BUTTON_ACTIONS = [
  "callback_data", "url", "switch_inline_query", "switch_inline_query_current_chat", "switch_inline_query_chosen_chat",
  "login_url", "web_app", "pay", "callback_game", "copy_text",
];

/** Checks reply_markup; inline keyboards get Telegram's button rules. Returns the markup to store. */
export function replyMarkup(p: Params): Record<string, unknown> | undefined {
  const markup = optObject(p, "reply_markup");
  if (markup === undefined) return undefined;
  const rows = markup.inline_keyboard;
  if (rows === undefined) return markup; // reply keyboards, remove_keyboard, force_reply: recorded as sent
  if (!Array.isArray(rows) || !rows.every((r) => Array.isArray(r))) {
    throw badRequest("field \"inline_keyboard\" of the InlineKeyboardMarkup must be an Array of Arrays");
  }
  for (const row of rows as unknown[][]) {
    for (const raw of row) {
      const b = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
      if (typeof b.text !== "string") throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
      const actions = BUTTON_ACTIONS.filter((k) => b[k] !== undefined);
      if (actions.length === 0) throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
      if (b.callback_data !== undefined) {
        const bytes = typeof b.callback_data === "string" ? Buffer.byteLength(b.callback_data, "utf8") : 0;
        if (bytes < 1 || bytes > 64) throw badRequest("BUTTON_DATA_INVALID");
      }
      if (b.url !== undefined && !isButtonUrl(b.url)) throw badRequest("BUTTON_URL_INVALID");
    }
  }
  return markup;
}

function isButtonUrl(v: unknown): boolean {
  if (typeof v !== "string") return false;
  try {
    const u = new URL(v);
    return ["http:", "https:", "tg:"].includes(u.protocol);
  } catch {
    return false;
  }
}

/** A message_thread_id must name an existing topic of a forum supergroup. */
export function checkThread(chat: FakeChat, threadId: number | undefined): void {
  if (threadId === undefined) return;
  if (chat.type !== "supergroup" || !chat.isForum || !chat.topics.has(threadId)) {
    throw badRequest("message thread not found");
  }
}

/** link_preview_options and the legacy disable_web_page_preview, recorded as sent. */
export function linkPreview(p: Params): { linkPreviewOptions?: Record<string, unknown>; disableWebPagePreview?: boolean } {
  const options = optObject(p, "link_preview_options");
  const legacy = p.disable_web_page_preview;
  return {
    ...(options ? { linkPreviewOptions: options } : {}),
    ...(legacy !== undefined ? { disableWebPagePreview: legacy === true || legacy === "true" } : {}),
  };
}
