/**
 * `notices [channel]`: where moderator notices (a feed failing, a digest switched off) go. The
 * channel needs a destination row; one is created if missing. It stays without topics, so no digest
 * is posted there until someone runs /channel follow.
 */
import { arg, defineCommand } from "./define-command.js";
import { reply } from "./reply.js";
import { ensureChannelDestination, targetLabel } from "./resolve-destination.js";

export const notices = defineCommand({
  name: "notices",
  description: "Send moderator notices (failing feeds, stopped digests) to a channel",
  audience: "moderator",
  where: "community",
  args: { channel: arg.channel({ description: "Channel or thread (default: this one)" }) },
  async run({ place, target }, deps) {
    const { destination } = await ensureChannelDestination(deps, place, target);
    await deps.store.communities.setNoticeDestination(destination.communityId!, destination.id);
    return reply.text(`Moderator notices now go to ${targetLabel(target)}.`);
  },
});
