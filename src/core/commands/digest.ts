/**
 * `digest`: the member's personal digest right now. What it shows is marked delivered to the member's
 * DM destination so the next scheduled digest does not repeat it.
 */
import { defineCommand } from "./define-command.js";
import { reply } from "./reply.js";
import { findDm } from "./resolve-destination.js";

export const digest = defineCommand({
  name: "digest",
  description: "Show your personal digest now",
  audience: "member",
  where: "any",
  args: {},
  async run({ actor, place }, deps) {
    // A Telegram group shows the reply to everyone: a personal digest belongs in the private chat.
    if (place.platform === "telegram" && !place.isPrivate) {
      return reply.text("Your digest is personal: send /digest to me in a private chat (open my profile and press Start).");
    }
    const dm = await findDm(deps, actor, place);
    const followed = dm ? await deps.store.subscriptions.list(dm.id) : [];
    if (!dm || followed.length === 0) return reply.text("You follow no topics yet, so there is no digest. Pick some with /topics.");
    const filters = await deps.store.filters.list(dm.id);
    const now = deps.now();
    const doc = await deps.digests.preview(
      { destination: dm, topics: followed, filters, communityId: null, maxStories: dm.maxStories, timeZone: dm.timeZone },
      now,
    );
    if (doc.stories.length === 0) {
      return reply.text(
        dm.lastDigestAt
          ? "Nothing new on your topics since your last digest. Try again later, or follow more with /topics."
          : "Nothing on your topics yet today. Try again later, or follow more with /topics.",
      );
    }
    await deps.store.deliveries.markDelivered(dm.id, doc.stories.map((s) => s.id), null, now);
    return reply.blocks([{ kind: "digest", doc }]);
  },
});
