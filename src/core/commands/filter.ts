/**
 * Keyword filters on a channel's digest: `filter add|remove <include|exclude> <word or phrase>` and
 * `filter list`. Words are plain text matched as words by the digest, never regular expressions.
 * The phrase takes the rest of a Telegram line, so the channel can only be picked on Discord.
 */
import { z } from "zod";
import { arg, defineCommand } from "./define-command.js";
import { wordSchema } from "./arg-schemas.js";
import { fail, quote } from "./fail.js";
import { reply } from "./reply.js";
import { requireChannelDestination, targetLabel, targetLabelStart } from "./resolve-destination.js";
import type { FilterMode } from "../types.js";

const MODES = ["include", "exclude"] as const;
const MAX_FILTERS = 50;

const args = {
  mode: arg.string<FilterMode>({
    description: "include: only stories with it; exclude: drop stories with it",
    choices: MODES,
    schema: z.enum(MODES),
  }),
  word: arg.string({ description: "Word or phrase", schema: wordSchema, rest: true }),
  channel: arg.channel({ description: "Channel or thread (default: this one)" }),
};

export const filterAdd = defineCommand({
  name: "filter add",
  description: "Only include, or always exclude, stories mentioning a word or phrase",
  audience: "moderator",
  where: "community",
  args,
  async run({ args: a, place, target }, deps) {
    const d = await requireChannelDestination(deps, place, target);
    const existing = await deps.store.filters.list(d.id);
    if (existing.length >= MAX_FILTERS) fail(`${targetLabelStart(target, place)} already has ${MAX_FILTERS} filters; remove some first.`);
    const added = await deps.store.filters.add({ destinationId: d.id, mode: a.mode, word: a.word });
    const what = a.mode === "include" ? "only stories mentioning" : "no stories mentioning";
    return reply.text(added ? `${targetLabelStart(target, place)} now gets ${what} "${quote(a.word, 80)}".` : `That filter is already set.`);
  },
});

export const filterRemove = defineCommand({
  name: "filter remove",
  description: "Remove a word filter",
  audience: "moderator",
  where: "community",
  args,
  async run({ args: a, place, target }, deps) {
    const d = await requireChannelDestination(deps, place, target);
    const removed = await deps.store.filters.remove({ destinationId: d.id, mode: a.mode, word: a.word });
    if (!removed) fail(`There is no ${a.mode} filter "${quote(a.word)}" on ${targetLabel(target, place)}. See /filter list.`);
    return reply.text(`Removed the ${a.mode} filter "${quote(a.word, 80)}".`);
  },
});

export const filterList = defineCommand({
  name: "filter list",
  readOnly: true,
  description: "List a channel's word filters",
  audience: "moderator",
  where: "community",
  args: { channel: args.channel },
  async run({ place, target }, deps) {
    const d = await requireChannelDestination(deps, place, target);
    const filters = await deps.store.filters.list(d.id);
    if (filters.length === 0) return reply.text(`${targetLabelStart(target, place)} has no word filters. Add one with /filter add.`);
    return reply.blocks([
      { kind: "text", text: `Word filters in ${targetLabel(target, place)}`, style: "heading" },
      {
        kind: "list",
        items: filters.map((f) => ({ text: f.word, detail: f.mode === "include" ? "include: only stories with it" : "exclude: drop stories with it" })),
      },
    ]);
  },
});
