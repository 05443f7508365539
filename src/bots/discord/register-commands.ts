/**
 * Registers the slash commands globally, or in one server for development, and only when they changed
 * since the last registration (a hash kept in a small store the composition root provides).
 */
import { Routes, type REST } from "discord.js";
import type { Logger } from "../../core/logger.js";
import { commandsHash, type SlashCommand } from "./slash-commands.js";

/** Where the hash of the last registered commands is kept (the composition root uses store.settings). */
export interface CommandHashStore {
  get(): Promise<string | null>;
  set(hash: string): Promise<void>;
}

export interface RegisterCommandsOptions {
  rest: REST;
  applicationId: string;
  /** Register in this server only (instant updates while developing); otherwise globally. */
  devGuildId?: string | null;
  hashStore?: CommandHashStore;
  logger: Logger;
}

export type RegisterOutcome = { registered: true; count: number; hash: string } | { registered: false; hash: string };

export async function registerCommands(body: SlashCommand[], o: RegisterCommandsOptions): Promise<RegisterOutcome> {
  const scope = o.devGuildId ? `guild:${o.devGuildId}` : "global";
  const hash = commandsHash(body, scope);
  if (o.hashStore && (await o.hashStore.get()) === hash) {
    o.logger.debug({ scope }, "discord commands unchanged; not re-registering");
    return { registered: false, hash };
  }
  const route = o.devGuildId
    ? Routes.applicationGuildCommands(o.applicationId, o.devGuildId)
    : Routes.applicationCommands(o.applicationId);
  // Bulk overwrite: commands that disappeared from the code disappear from Discord too.
  await o.rest.put(route, { body });
  await o.hashStore?.set(hash);
  o.logger.info({ scope, count: body.length }, "discord commands registered");
  return { registered: true, count: body.length, hash };
}
