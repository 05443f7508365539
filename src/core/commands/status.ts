/**
 * `status`: everything a moderator needs to see why a digest did or did not arrive — each of the
 * community's destinations (on/off and why, time, next run, last delivery, topics), its failing
 * feeds with their last error, and recent delivery problems.
 */
import { defineCommand } from "./define-command.js";
import { describeDestination } from "./channel.js";
import { feedHealthText } from "./feed.js";
import { quote } from "./fail.js";
import { formatWhen } from "./format-when.js";
import { plural } from "./plural.js";
import { reply, type ReplyBlock, type ReplyListItem } from "./reply.js";
import { NOTICES_ONLY } from "./notices.js";
import { destinationLabel, requireCommunity } from "./resolve-destination.js";
import type { Destination } from "../types.js";

/** Discord embeds hold at most 25 fields; a community with more channels sees the first ones. */
const MAX_DESTINATIONS = 20;
const MAX_FEEDS = 15;

export const status = defineCommand({
  name: "status",
  readOnly: true,
  description: "Show this community's digests, feeds and recent problems",
  audience: "moderator",
  where: "community",
  args: {},
  async run({ place, target }, deps) {
    const communityId = requireCommunity(place);
    const community = await deps.store.communities.get(communityId);
    // A notices-only row exists so notices have somewhere to go: it is neither a digest nor a problem.
    const dests = (await deps.store.destinations.list({ communityId })).filter((d) => d.kind === "channel" && !isNoticesOnly(d));
    const notice = community?.noticeDestinationId ? await deps.store.destinations.get(community.noticeDestinationId) : null;
    const noticeHere = notice ? destinationLabel(notice, target, place) : null;
    const blocks: ReplyBlock[] = [{ kind: "text", text: `Digest status${community?.name ? ` — ${quote(community.name, 80)}` : ""}`, style: "heading" }];

    const fields = [];
    for (const d of dests.slice(0, MAX_DESTINATIONS)) fields.push(await describeDestination(deps, d, target, place));
    if (notice && noticeHere && isNoticesOnly(notice)) fields.push({ name: noticeHere, value: "moderator notices go here (no digest; /channel set starts one)" });
    if (dests.length === 0) {
      blocks.push({ kind: "text", text: "No channel gets a digest yet. Start one with /channel set (every AI topic), and narrow it with /channel follow <topic>." });
    }
    if (fields.length > 0) blocks.push({ kind: "fields", fields });
    if (dests.length > MAX_DESTINATIONS) blocks.push({ kind: "text", text: `${plural(dests.length - MAX_DESTINATIONS, "more channel")} not shown.`, style: "muted" });

    const problems: ReplyListItem[] = [];
    for (const d of dests) {
      const last = await deps.store.deliveries.latest(d.id);
      if (last?.status === "failed") {
        problems.push({ text: `${destinationLabel(d, target, place)}: digest ${last.digestKey} failed`, detail: quote(last.lastError ?? "unknown error", 200) });
      }
      if (!d.active && d.inactiveReason) problems.push({ text: `${destinationLabel(d, target, place)}: off`, detail: quote(d.inactiveReason, 200) });
    }

    const feeds = await deps.store.feeds.list({ scope: { kind: "community", communityId }, includeDisabled: true });
    const failing = feeds.filter((f) => f.health.consecutiveFailures > 0 || f.health.disabledAt !== null);
    blocks.push({ kind: "text", text: "Feeds", style: "heading" });
    if (failing.length === 0) {
      blocks.push({ kind: "text", text: feeds.length === 0 ? "No community feeds (add one with /feed add)." : `${plural(feeds.length, "community feed")}, none failing.`, style: "muted" });
    } else {
      const items = failing.slice(0, MAX_FEEDS).map((f) => {
        const since = f.health.failingSince ? ` since ${formatWhen(f.health.failingSince, dests[0]?.timeZone ?? deps.defaults.timeZone)}` : "";
        return { text: quote(f.title ?? f.url, 100), url: f.url, detail: `${quote(feedHealthText(f), 200)}${since}` };
      });
      blocks.push({ kind: "text", text: `${failing.length} of ${plural(feeds.length, "community feed")} failing:` }, { kind: "list", items });
    }

    blocks.push({ kind: "text", text: "Recent problems", style: "heading" });
    blocks.push(problems.length > 0 ? { kind: "list", items: problems } : { kind: "text", text: "None.", style: "muted" });

    // A notices-only destination was listed above; any other one (a digest channel, another group) is named here.
    if (!notice || !isNoticesOnly(notice)) {
      blocks.push({
        kind: "text",
        text: noticeHere ? `Moderator notices go to ${noticeHere}.` : "Moderator notices are not sent anywhere; set a channel with /notices.",
        style: "muted",
      });
    }
    return reply.blocks(blocks);
  },
});

function isNoticesOnly(d: Destination): boolean {
  return !d.active && d.inactiveReason === NOTICES_ONLY;
}
