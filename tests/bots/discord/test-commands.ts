/** A few commands declared the way the shared registry declares them, for driving the adapter. */
import { z } from "zod";
import { arg, defineCommand } from "../../../src/core/commands/define-command.js";
import { reply } from "../../../src/core/commands/reply.js";

export const channelSet = defineCommand({
  name: "channel set",
  description: "Post a daily digest in a channel",
  audience: "moderator",
  where: "community",
  args: {
    time: arg.optional(arg.string({ description: "Time of day, HH:MM", schema: z.string().regex(/^\d\d:\d\d$/, "use HH:MM") })),
    channel: arg.channel({ description: "Channel or thread (default: this one)" }),
  },
  async run({ args, place, target }, deps) {
    const d = await deps.store.destinations.upsert(
      {
        platform: "discord",
        chatId: target.chatId,
        threadId: target.threadId,
        kind: "channel",
        communityId: place.communityId,
        timeOfDay: args.time ?? deps.defaults.timeOfDay,
        timeZone: deps.defaults.timeZone,
      },
      deps.now(),
    );
    return reply.text(`Daily digest set for ${target.name ?? target.chatId} at ${d.timeOfDay}.`, { ephemeral: false });
  },
});

export const channelShow = defineCommand({
  name: "channel show",
  description: "Show a channel's digest settings",
  audience: "member",
  where: "community",
  args: {},
  async run({ place }) {
    return reply.text(`Channel ${place.chatId}`);
  },
});

export const follow = defineCommand({
  name: "follow",
  description: "Follow topics in your DM digest",
  audience: "member",
  where: "any",
  args: {
    topic: arg.string({ description: "Topic id or name", autocomplete: "topic" }),
    maxStories: arg.optional(arg.integer({ description: "Stories per digest", min: 1, max: 50 })),
  },
  async run({ args }) {
    return reply.text(`Following ${args.topic} (${args.maxStories ?? 10} stories).`);
  },
});

export const ping = defineCommand({
  name: "ping",
  description: "Answer with a button",
  audience: "member",
  where: "any",
  args: {},
  async run() {
    return reply.blocks([{ kind: "text", text: "@everyone pong **loud**" }], {
      ephemeral: false,
      choices: [[{ label: "Again", command: "pong again", args: { n: "2" } }]],
    });
  },
});

export const pongAgain = defineCommand({
  name: "pong again",
  description: "The button behind ping",
  audience: "member",
  where: "any",
  hidden: true,
  args: { n: arg.string({ description: "count" }) },
  async run({ args }) {
    return reply.blocks([{ kind: "text", text: `pong #${args.n}` }], { ephemeral: false });
  },
});

export const slow = defineCommand({
  name: "slow",
  description: "Takes a while",
  audience: "member",
  where: "any",
  args: {},
  async run() {
    await new Promise((r) => setTimeout(r, 400));
    return reply.text("finally");
  },
});

/** A private toggle list like /topics: picks are kept per member, in memory. */
const picked = new Map<string, Set<string>>();
const picksOf = (userId: string) => picked.get(userId) ?? picked.set(userId, new Set()).get(userId) ?? new Set<string>();

export const picks = defineCommand({
  name: "picks",
  description: "Pick items with buttons",
  audience: "member",
  where: "any",
  args: {},
  async run({ actor }) {
    const mine = picksOf(actor.userId);
    const items = ["alpha", "beta", "gamma"];
    return reply.blocks([{ kind: "text", text: `Picks of ${actor.userId}: ${mine.size}` }], {
      choices: [
        items.map((id) =>
          mine.has(id) ? { label: `✓ ${id}`, command: "unpick", args: { item: id }, selected: true } : { label: id, command: "pick", args: { item: id } },
        ),
      ],
    });
  },
});

export const pick = defineCommand({
  name: "pick",
  description: "Pick one item",
  audience: "member",
  where: "any",
  args: { item: arg.string({ description: "item" }) },
  async run({ args, actor }) {
    picksOf(actor.userId).add(String(args.item));
    return reply.text(`You picked ${args.item}.`);
  },
});

export const unpick = defineCommand({
  name: "unpick",
  description: "Drop one item",
  audience: "member",
  where: "any",
  args: { item: arg.string({ description: "item" }) },
  async run({ args, actor }) {
    picksOf(actor.userId).delete(String(args.item));
    return reply.text(`You dropped ${args.item}.`);
  },
});

export const testCommands = [channelSet, channelShow, follow, ping, pongAgain, slow, picks, pick, unpick];
