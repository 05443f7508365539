/**
 * `preview [channel]`: exactly what the channel's next digest would hold now, without recording
 * anything. A channel that follows no topics gets stories on every AI topic (as the scheduler sends).
 */
import { arg, defineCommand } from "./define-command.js";
import { reply } from "./reply.js";
import { requireChannelDestination, targetLabel } from "./resolve-destination.js";

export const preview = defineCommand({
  name: "preview",
  readOnly: true,
  description: "Preview a channel's next digest",
  audience: "moderator",
  where: "community",
  args: { channel: arg.channel({ description: "Channel or thread (default: this one)" }) },
  async run({ place, target }, deps) {
    const d = await requireChannelDestination(deps, place, target);
    const topics = await deps.store.subscriptions.list(d.id);
    const filters = await deps.store.filters.list(d.id);
    const doc = await deps.digests.preview(
      { destination: d, topics, filters, communityId: d.communityId, maxStories: d.maxStories, timeZone: d.timeZone },
      deps.now(),
    );
    const label = targetLabel(target, place);
    const everyTopic = topics.length === 0;
    if (doc.stories.length === 0) {
      return reply.text(
        everyTopic
          ? `Nothing new for ${label} yet. It follows no topics, so it gets stories on every AI topic.`
          : `Nothing new matches the topics and filters of ${label} yet.`,
      );
    }
    const notes = [everyTopic ? "it follows no topics, so every AI topic" : "", d.active ? "" : "its digest is off"].filter(Boolean);
    return reply.blocks([
      { kind: "text", text: `Preview for ${label}${notes.length > 0 ? ` (${notes.join("; ")})` : ""}`, style: "muted" },
      { kind: "digest", doc },
    ]);
  },
});
