/**
 * What the composition root needs from a platform adapter, and what an adapter may call back into.
 * Adapters (src/bots/<platform>) implement BotAdapter and receive BotDeps; they import only src/core.
 */
import type { CommandDefinition } from "./commands/define-command.js";
import type { CommandDeps } from "./commands/context.js";
import type { Logger } from "./logger.js";
import type { Messenger } from "./messenger.js";
import type { Platform } from "./types.js";

export interface PlatformEvents {
  /** The bot was removed from a server/group (or it was deleted): its destinations stop. */
  removedFromCommunity(communityId: string, reason: string): Promise<void>;
  /** Telegram: a group became a supergroup; its destinations move to the new chat id. */
  chatMigrated(platform: Platform, fromChatId: string, toChatId: string): Promise<void>;
  /**
   * The bot can no longer post in a chat (blocked by the user, kicked, channel deleted). With a
   * `threadId`, only that thread / forum topic is gone, not the whole chat.
   */
  chatUnreachable(platform: Platform, chatId: string, reason: string, threadId?: string): Promise<void>;
}

export interface BotDeps {
  commands: readonly CommandDefinition[];
  commandDeps: CommandDeps;
  events: PlatformEvents;
  logger: Logger;
}

export interface BotAdapter {
  readonly platform: Platform;
  readonly messenger: Messenger;
  /** Connect, register commands, start receiving updates. Resolves once ready. */
  start(): Promise<void>;
  /**
   * Ready the messenger only, receiving nothing: deliveries from an instance that does not run this
   * platform's role (scale-out). stop() still ends it.
   */
  startSending?(): Promise<void>;
  /** Stop receiving; finish in-flight work. */
  stop(): Promise<void>;
}
