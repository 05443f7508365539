/**
 * `settings [time] [zone]`: the member's digest time and zone. Either argument may come first
 * (Telegram passes words in order, and "/settings Europe/Berlin" should just work).
 */
import type { Destination, Platform } from "../types.js";
import { arg, defineCommand } from "./define-command.js";
import { looseSchema, timeAndZone } from "./arg-schemas.js";
import { formatWhen } from "./format-when.js";
import { reply } from "./reply.js";
import { ensureDm, findDm } from "./resolve-destination.js";
import { nextDigestAt } from "../schedule.js";

/** What the member must do so the bot can reach them privately again (the usual reason it stopped). */
export function dmReachHint(platform: Platform): string {
  return platform === "telegram"
    ? "Unblock the bot and press Start in your private chat with it"
    : "Allow direct messages from server members (the server's Privacy Settings)";
}

function offText(dm: Destination): string {
  return `off${dm.inactiveReason ? `: ${dm.inactiveReason}` : ""}`;
}

export const settings = defineCommand({
  name: "settings",
  description: "Show or change when your personal digest arrives",
  audience: "member",
  where: "any",
  args: {
    time: arg.optional(arg.string({ description: "Time of day, HH:MM (24-hour)", schema: looseSchema })),
    zone: arg.optional(arg.string({ description: "IANA time zone, e.g. Europe/Berlin", schema: looseSchema, autocomplete: "timezone" })),
  },
  async run({ args, actor, place }, deps) {
    const change = timeAndZone([args.time, args.zone]);
    const now = deps.now();
    if (change.timeOfDay === undefined && change.timeZone === undefined) {
      const dm = await findDm(deps, actor, place);
      const time = dm?.timeOfDay ?? deps.defaults.timeOfDay;
      const zone = dm?.timeZone ?? deps.defaults.timeZone;
      const follows = dm ? (await deps.store.subscriptions.list(dm.id)).length : 0;
      const off = dm !== null && !dm.active;
      return reply.blocks([
        { kind: "text", text: "Your digest", style: "heading" },
        {
          kind: "fields",
          fields: [
            ...(off ? [{ name: "Status", value: offText(dm) }] : []),
            { name: "Time", value: `${time} (${zone})${dm ? "" : " — the default"}` },
            // A switched-off digest has no next run: showing one would say it is still coming.
            off ? { name: "Next", value: "none while it is off" } : { name: "Next", value: formatWhen(nextDigestAt(time, zone, now), zone) },
            { name: "Topics followed", value: String(follows) },
          ],
        },
        ...(off
          ? [{ kind: "text" as const, text: `To get it again: ${dmReachHint(actor.platform)}, then run /settings (or /subscribe) to switch it back on.` }]
          : []),
        { kind: "text", text: "Change with /settings <HH:MM> <zone>, e.g. /settings 07:30 Europe/Berlin.", style: "muted" },
      ]);
    }
    const dm = await ensureDm(deps, actor, place);
    // Changing the time means the member wants the digest: switch it back on (as /subscribe does).
    const reactivate = !dm.active;
    await deps.store.destinations.update(dm.id, { ...change, ...(reactivate ? { active: true, inactiveReason: null } : {}) });
    const time = change.timeOfDay ?? dm.timeOfDay;
    const zone = change.timeZone ?? dm.timeZone;
    const back = reactivate ? ` It was off (${dm.inactiveReason ?? "switched off"}) and is on again; if I still cannot reach you: ${dmReachHint(actor.platform)}.` : "";
    return reply.text(`Your digest now arrives at ${time} (${zone}); next: ${formatWhen(nextDigestAt(time, zone, now), zone)}.${back}`);
  },
});
