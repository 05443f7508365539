/**
 * `notices [channel]`: where moderator notices (a feed failing, a digest switched off) go. The
 * channel needs a destination row; one is created if missing, switched off for digests (a channel
 * with no topics would otherwise get every story) until a moderator runs /channel set there.
 */
import { arg, defineCommand } from "./define-command.js";
import { reply } from "./reply.js";
import { ensureCommunity, targetLabel, upsertChannelDestination } from "./resolve-destination.js";

export const NOTICES_ONLY = "moderator notices only (no digest here until /channel set)";

export const notices = defineCommand({
  name: "notices",
  description: "Send moderator notices (failing feeds, stopped digests) to a channel",
  audience: "moderator",
  where: "community",
  args: { channel: arg.channel({ description: "Channel or thread (default: this one)" }) },
  async run({ place, target }, deps) {
    const communityId = await ensureCommunity(deps, place);
    // Notices may go to a chat that belongs to another community (a Telegram mods group the adapter
    // checked the moderator administers): reuse its row rather than claiming it.
    let destination = await deps.store.destinations.find(place.platform, target.chatId, target.threadId);
    if (!destination) {
      destination = (await upsertChannelDestination(deps, place, target)).destination;
      await deps.store.destinations.deactivate(destination.id, NOTICES_ONLY);
    }
    await deps.store.communities.setNoticeDestination(communityId, destination.id);
    return reply.text(`Moderator notices now go to ${targetLabel(target, place)}.`);
  },
});
