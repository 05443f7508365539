/**
 * Personal follows: a member's topics, delivered as a digest in a DM (see resolve-destination.ts for
 * which chat that is). Works anywhere; in a community its custom topics can be followed too.
 */
import type { Platform } from "../types.js";
import { arg, defineCommand } from "./define-command.js";
import { topicSchema } from "./arg-schemas.js";
import { fail } from "./fail.js";
import { plural } from "./plural.js";
import { reply } from "./reply.js";
import { ensureDm, findDm } from "./resolve-destination.js";
import { followedTopicNames, resolveTopics, visibleTopics } from "./resolve-topic.js";

export const subscribe = defineCommand({
  name: "subscribe",
  description: "Follow a topic in your personal daily digest (sent to you privately)",
  audience: "member",
  where: "any",
  args: {
    topic: arg.string({ description: "Topic id or name; several separated by commas", schema: topicSchema, autocomplete: "topic", rest: true }),
  },
  async run({ args, actor, place }, deps) {
    const topics = await resolveTopics(deps.store, place.communityId, args.topic);
    const isNew = !(await findDm(deps, actor, place));
    const dm = await ensureDm(deps, actor, place);
    // Following again means the member wants the DM digest back (e.g. after unblocking the bot).
    if (!dm.active) await deps.store.destinations.update(dm.id, { active: true, inactiveReason: null });
    const added: string[] = [];
    for (const t of topics) if (await deps.store.subscriptions.add(dm.id, t.id, deps.now())) added.push(t.name);
    const names = topics.map((t) => t.name).join(", ");
    const head = added.length > 0 ? `You now follow ${names}.` : `You already follow ${names}.`;
    // A bot can only message someone who allows it (Telegram: who started a chat with it).
    const reach = isNew && !place.isPrivate ? reachAdvice(place.platform) : "";
    return reply.text(`${head} Your digest arrives privately at ${dm.timeOfDay} (${dm.timeZone}); change it with /settings.${reach}`);
  },
});

/** How to let the bot message you: the platforms gate DMs differently. */
export function reachAdvice(platform: Platform): string {
  return platform === "discord"
    ? " If I can't message you, allow direct messages from server members in this server's privacy settings."
    : " If you have never messaged me privately, open a private chat with me so I can send it.";
}

/** Confirmation steps live in a hidden "confirm" group so they never collide with visible command trees. */
const UNSUBSCRIBE_ALL = "confirm unsubscribe-all";

export const unsubscribe = defineCommand({
  name: "unsubscribe",
  description: "Stop following a topic in your personal digest ('all' for every topic)",
  audience: "member",
  where: "any",
  args: {
    topic: arg.string({ description: "Topic id or name, or 'all'", schema: topicSchema, autocomplete: "followed-topic", rest: true }),
  },
  async run({ args, actor, place }, deps) {
    const dm = await findDm(deps, actor, place);
    if (args.topic.toLowerCase() === "all") {
      const followed = dm ? await deps.store.subscriptions.list(dm.id) : [];
      if (!dm || followed.length === 0) return reply.text("You follow no topics.");
      return reply.blocks([{ kind: "text", text: followed.length === 1 ? "Stop following your one topic?" : `Stop following all ${plural(followed.length, "topic")}?` }], {
        choices: [[{ label: "Unfollow all", command: UNSUBSCRIBE_ALL, args: {}, style: "danger" }]],
      });
    }
    const followed = dm ? await deps.store.subscriptions.list(dm.id) : [];
    // A topic followed in a server can be unfollowed from the DM, where that server's topics are not listed.
    const mine = (await Promise.all(followed.map((id) => deps.store.topics.get(id)))).filter((t) => t !== null);
    const topics = await resolveTopics(deps.store, place.communityId, args.topic, mine);
    const removed: string[] = [];
    for (const t of topics) if (dm && (await deps.store.subscriptions.remove(dm.id, t.id))) removed.push(t.name);
    if (removed.length === 0) {
      const all = await visibleTopics(deps.store, place.communityId);
      return reply.text(`You were not following ${topics.map((t) => t.name).join(", ")}. You follow: ${await followedTopicNames(deps.store, followed, all)}.`);
    }
    return reply.text(`You no longer follow ${removed.join(", ")}.`);
  },
});

/** The confirmation button of `unsubscribe all`. */
export const unsubscribeAll = defineCommand({
  name: UNSUBSCRIBE_ALL,
  description: "Stop following every topic (confirmation)",
  audience: "member",
  where: "any",
  hidden: true,
  args: {},
  async run({ actor, place }, deps) {
    const dm = await findDm(deps, actor, place);
    const n = dm ? await deps.store.subscriptions.removeAll(dm.id) : 0;
    if (n === 0) fail("You follow no topics.");
    return reply.text(`Done: you no longer follow any topic (${n} removed). Pick new ones with /topics.`);
  },
});
