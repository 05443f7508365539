/** `preview [channel]`: what the channel's next digest would hold now, without recording anything. */
import { arg, defineCommand } from "./define-command.js";
import { reply } from "./reply.js";
import { requireChannelDestination, targetLabel } from "./resolve-destination.js";

export const preview = defineCommand({
  name: "preview",
  description: "Preview a channel's next digest",
  audience: "moderator",
  where: "community",
  args: { channel: arg.channel({ description: "Channel or thread (default: this one)" }) },
  async run({ place, target }, deps) {
    const d = await requireChannelDestination(deps, place, target);
    const topics = await deps.store.subscriptions.list(d.id);
    if (topics.length === 0) return reply.text(`${targetLabel(target)} follows no topics yet, so its digest would be empty. Add some with /channel follow.`);
    const filters = await deps.store.filters.list(d.id);
    const doc = await deps.digests.preview(
      { destination: d, topics, filters, communityId: d.communityId, maxStories: d.maxStories, timeZone: d.timeZone },
      deps.now(),
    );
    if (doc.stories.length === 0) return reply.text(`Nothing new matches ${targetLabel(target)}'s topics and filters yet.`);
    return reply.blocks([
      { kind: "text", text: `Preview for ${targetLabel(target)}${d.active ? "" : " (its digest is off)"}`, style: "muted" },
      { kind: "digest", doc },
    ]);
  },
});
