/**
 * The topic catalogue, marking what the member follows in their personal digest (and, in a channel
 * that has a digest, what the channel follows), with a follow/unfollow button per topic.
 */
import { defineCommand } from "./define-command.js";
import { reply, type ReplyChoice, type ReplyListItem } from "./reply.js";
import { findChannelDestination, findDm } from "./resolve-destination.js";
import { topicLabel, visibleTopics } from "./resolve-topic.js";

/** Discord allows 5 rows of 5 buttons; Telegram reflows freely. */
const PER_ROW = 5;
const MAX_BUTTONS = 25;

export const topics = defineCommand({
  name: "topics",
  readOnly: true,
  description: "List the topics you can follow, and follow or unfollow them",
  audience: "member",
  where: "any",
  args: {},
  async run({ actor, place, target }, deps) {
    const all = await visibleTopics(deps.store, place.communityId);
    if (all.length === 0) return reply.text("No topics are set up on this instance yet.");
    const dm = await findDm(deps, actor, place);
    const mine = new Set(dm ? await deps.store.subscriptions.list(dm.id) : []);
    // A channel owned by another community just does not count here.
    const channel = place.isPrivate ? null : await findChannelDestination(deps, place, target).catch(() => null);
    const channels = new Set(channel ? await deps.store.subscriptions.list(channel.id) : []);

    const items: ReplyListItem[] = all.map((t) => ({
      text: topicLabel(t),
      detail: [t.description, channels.has(t.id) ? "this channel follows it" : "", t.communityId ? "custom topic" : ""]
        .filter(Boolean)
        .join(" · "),
      marked: mine.has(t.id),
    }));
    const buttons: ReplyChoice[] = all.slice(0, MAX_BUTTONS).map((t) =>
      mine.has(t.id)
        ? { label: `✓ ${t.name}`, command: "unsubscribe", args: { topic: t.id }, selected: true, style: "primary" }
        : { label: t.name, command: "subscribe", args: { topic: t.id }, style: "secondary" },
    );
    const rows: ReplyChoice[][] = [];
    for (let i = 0; i < buttons.length; i += PER_ROW) rows.push(buttons.slice(i, i + PER_ROW));
    const followed = mine.size === 0 ? "You follow no topics yet: press one to follow it." : `You follow ${mine.size} (✓). Press a topic to follow or unfollow it.`;
    return reply.blocks(
      [
        { kind: "text", text: "Topics", style: "heading" },
        { kind: "list", items },
        { kind: "text", text: `${followed} Your personal digest arrives privately.`, style: "muted" },
      ],
      { choices: rows },
    );
  },
});
