/** Telegram chat ids as the store keeps them (strings) and as the Bot API takes them. */

/** grammY accepts ids as numbers or strings; numbers keep payloads identical to what Telegram sends us. */
export function chatIdParam(chatId: string): number | string {
  return /^-?\d+$/.test(chatId) ? Number(chatId) : chatId;
}

/**
 * Private chats have positive ids (the user's id); groups, supergroups and channels negative ones. Channels get
 * the per-group cap too: being stricter than needed there costs nothing for a few digest parts a day.
 */
export function isGroupChatId(chatId: string): boolean {
  return chatId.startsWith("-") || chatId.startsWith("@");
}
