/**
 * `help`: the commands this actor can use here — member commands, plus moderator commands for a
 * moderator in a community. Built from the registry so it can never drift from what exists.
 */
import { defineCommand, type CommandDefinition } from "./define-command.js";
import { usage } from "./dispatch.js";
import { reply, type ReplyBlock } from "./reply.js";

/** `list` is read lazily: the registry includes this command itself. */
export function createHelp(list: () => readonly CommandDefinition[]): CommandDefinition {
  return defineCommand({
    name: "help",
    readOnly: true,
    description: "List the commands you can use",
    audience: "member",
    where: "any",
    args: {},
    async run({ actor, place }) {
      const here = (c: CommandDefinition) =>
        !c.hidden && (c.where === "any" || (c.where === "community") === !place.isPrivate);
      const line = (c: CommandDefinition) => ({ text: usage(c), detail: c.description });
      const visible = list().filter(here);
      const blocks: ReplyBlock[] = [
        { kind: "text", text: "newsdesk: a daily digest of AI news", style: "heading" },
        { kind: "list", items: visible.filter((c) => c.audience === "member").map(line) },
      ];
      const mod = visible.filter((c) => c.audience === "moderator");
      if (actor.isModerator && mod.length > 0) {
        blocks.push({ kind: "text", text: "For moderators", style: "heading" }, { kind: "list", items: mod.map(line) });
      } else if (!place.isPrivate) {
        blocks.push({ kind: "text", text: "Moderators can also set up channel digests, feeds and topics here.", style: "muted" });
      }
      return reply.blocks(blocks);
    },
  });
}
