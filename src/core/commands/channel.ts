/**
 * Moderators configure a channel's digest: `channel set|show|off|follow|unfollow`. The channel is the
 * `channel` argument the adapter resolved, or the chat the command runs in. It is declared last so
 * Telegram's positional text reads naturally ("/channel_set 07:30 Europe/Berlin").
 */
import type { Delivery, Destination } from "../types.js";
import { nextDigestAt } from "../schedule.js";
import { arg, defineCommand } from "./define-command.js";
import { looseSchema, timeAndZone, topicSchema } from "./arg-schemas.js";
import type { CommandDeps, ResolvedTarget } from "./context.js";
import { fail } from "./fail.js";
import { formatWhen } from "./format-when.js";
import { reply, type Reply } from "./reply.js";
import {
  channelDestinationById,
  destinationLabel,
  ensureChannelDestination,
  requireChannelDestination,
  targetLabel,
  targetLabelStart,
  upsertChannelDestination,
  type LabelPlace,
} from "./resolve-destination.js";
import { followedTopicNames, resolveTopics, visibleTopics } from "./resolve-topic.js";

const channelArg = () => arg.channel({ description: "Channel or thread (default: this one)" });

export const channelSet = defineCommand({
  name: "channel set",
  description: "Post a daily digest in a channel, at a time and zone (switches it back on)",
  audience: "moderator",
  where: "community",
  args: {
    time: arg.optional(arg.string({ description: "Time of day, HH:MM (24-hour)", schema: looseSchema })),
    zone: arg.optional(arg.string({ description: "IANA time zone, e.g. Europe/Berlin", schema: looseSchema, autocomplete: "timezone" })),
    channel: channelArg(),
  },
  async run({ args, place, target }, deps) {
    const change = timeAndZone([args.time, args.zone]);
    const { destination, created } = await upsertChannelDestination(deps, place, target, change);
    const topics = await deps.store.subscriptions.list(destination.id);
    const when = `${destination.timeOfDay} (${destination.timeZone})`;
    const next = formatWhen(nextDigestAt(destination.timeOfDay, destination.timeZone, deps.now()), destination.timeZone);
    const head = created ? `Daily digest set up for ${targetLabel(target, place)} at ${when}.` : `Digest for ${targetLabel(target, place)}: ${when}, on.`;
    const hint = topics.length === 0 ? " It follows no topics, so it gets stories on every AI topic; narrow it with /channel follow." : "";
    return reply.text(`${head} Next: ${next}.${hint}`);
  },
});

export async function describeDestination(deps: CommandDeps, d: Destination, target?: ResolvedTarget, here?: LabelPlace): Promise<{ name: string; value: string }> {
  const all = await visibleTopics(deps.store, d.communityId);
  const topics = await deps.store.subscriptions.list(d.id);
  const filters = await deps.store.filters.list(d.id);
  const last = await deps.store.deliveries.latest(d.id);
  const lines = [
    d.active ? "on" : `off${d.inactiveReason ? `: ${d.inactiveReason}` : ""}`,
    `time: ${d.timeOfDay} (${d.timeZone})${d.active ? `, next ${formatWhen(nextDigestAt(d.timeOfDay, d.timeZone, deps.now()), d.timeZone)}` : ""}`,
    `topics: ${topics.length === 0 ? "none, so every AI topic" : await followedTopicNames(deps.store, topics, all)}`,
  ];
  if (filters.length > 0) lines.push(`filters: ${filters.map((f) => `${f.mode === "include" ? "+" : "-"}"${f.word}"`).join(" ")}`);
  if (last) {
    const at = last.sentAt ?? last.createdAt;
    const what = last.status === "sent" ? sentText(last) : last.status === "failed" ? `failed: ${last.lastError ?? "unknown error"}` : "sending";
    lines.push(`last digest: ${last.digestKey}, ${what} (${formatWhen(at, d.timeZone)})`);
  } else {
    lines.push("last digest: none yet");
  }
  return { name: destinationLabel(d, target, here), value: lines.join("\n") };
}

/** A day completed without a message had no new stories: "sent" would claim something was posted. */
function sentText(d: Delivery): string {
  return d.messageIds.length > 0 ? "sent" : "nothing new that day, so nothing posted";
}

export const channelShow = defineCommand({
  name: "channel show",
  readOnly: true,
  description: "Show a channel's digest settings",
  audience: "moderator",
  where: "community",
  args: { channel: channelArg() },
  async run({ place, target }, deps) {
    const d = await requireChannelDestination(deps, place, target);
    return reply.blocks([{ kind: "fields", fields: [await describeDestination(deps, d, target, place)] }]);
  },
});

const CONFIRM_OFF = "confirm channel-off";

export const channelOff = defineCommand({
  name: "channel off",
  description: "Stop a channel's digest (settings are kept; /channel set switches it on again)",
  audience: "moderator",
  where: "community",
  args: { channel: channelArg() },
  async run({ place, target }, deps) {
    const d = await requireChannelDestination(deps, place, target);
    if (!d.active) return reply.text(`The digest in ${targetLabel(target, place)} is already off.`);
    return confirmOff(d, targetLabel(target, place));
  },
});

function confirmOff(d: Destination, label: string): Reply {
  return reply.blocks([{ kind: "text", text: `Stop the daily digest in ${label}?` }], {
    choices: [[{ label: "Stop digest", command: CONFIRM_OFF, args: { id: d.id }, style: "danger" }]],
  });
}

/** The confirmation button of `channel off`: carries the destination id, checked against this community. */
export const confirmChannelOff = defineCommand({
  name: CONFIRM_OFF,
  description: "Stop a channel's digest (confirmation)",
  audience: "moderator",
  where: "community",
  hidden: true,
  args: { id: arg.string({ description: "Destination id" , schema: looseSchema }) },
  async run({ args, place, target }, deps) {
    const d = await channelDestinationById(deps, place, args.id);
    if (!d.active) return reply.text(`The digest in ${destinationLabel(d, target, place)} is already off.`);
    await deps.store.destinations.deactivate(d.id, "switched off by a moderator");
    return reply.text(`The digest in ${destinationLabel(d, target, place)} is off. /channel set switches it back on.`);
  },
});

export const channelFollow = defineCommand({
  name: "channel follow",
  description: "Add topics to a channel's digest",
  audience: "moderator",
  where: "community",
  args: {
    topic: arg.string({ description: "Topic id or name; several separated by commas", schema: topicSchema, autocomplete: "topic" }),
    channel: channelArg(),
  },
  async run({ args, place, target }, deps) {
    const topics = await resolveTopics(deps.store, place.communityId, args.topic);
    const { destination: d, created } = await ensureChannelDestination(deps, place, target);
    for (const t of topics) await deps.store.subscriptions.add(d.id, t.id, deps.now());
    const names = topics.map((t) => t.name).join(", ");
    const tail = created
      ? ` A daily digest starts at ${d.timeOfDay} (${d.timeZone}); change it with /channel set.`
      : d.active
        ? ""
        : " Its digest is off: /channel set switches it on.";
    return reply.text(`${targetLabelStart(target, place)} now follows ${names}.${tail}`);
  },
});

export const channelUnfollow = defineCommand({
  name: "channel unfollow",
  description: "Remove topics from a channel's digest ('all' for every topic)",
  audience: "moderator",
  where: "community",
  args: {
    topic: arg.string({ description: "Topic id or name, several separated by commas, or 'all'", schema: topicSchema, autocomplete: "followed-topic" }),
    channel: channelArg(),
  },
  async run({ args, place, target }, deps) {
    const d = await requireChannelDestination(deps, place, target);
    if (args.topic.toLowerCase() === "all") {
      const n = await deps.store.subscriptions.removeAll(d.id);
      return reply.text(n > 0 ? `${targetLabelStart(target, place)} follows no topics now (${n} removed), so it gets stories on every AI topic.` : `${targetLabelStart(target, place)} follows no topics.`);
    }
    const topics = await resolveTopics(deps.store, place.communityId, args.topic);
    const removed: string[] = [];
    for (const t of topics) if (await deps.store.subscriptions.remove(d.id, t.id)) removed.push(t.name);
    if (removed.length === 0) fail(`${targetLabelStart(target, place)} does not follow ${topics.map((t) => t.name).join(", ")}.`);
    return reply.text(`${targetLabelStart(target, place)} no longer follows ${removed.join(", ")}.`);
  },
});
