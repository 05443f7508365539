/**
 * `settings [time] [zone]`: the member's digest time and zone. Either argument may come first
 * (Telegram passes words in order, and "/settings Europe/Berlin" should just work).
 */
import { arg, defineCommand } from "./define-command.js";
import { looseSchema, timeAndZone } from "./arg-schemas.js";
import { formatWhen } from "./format-when.js";
import { reply } from "./reply.js";
import { ensureDm, findDm } from "./resolve-destination.js";
import { nextDigestAt } from "../schedule.js";

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
      return reply.blocks([
        { kind: "text", text: "Your digest", style: "heading" },
        {
          kind: "fields",
          fields: [
            { name: "Time", value: `${time} (${zone})${dm ? "" : " — the default"}` },
            { name: "Next", value: formatWhen(nextDigestAt(time, zone, now), zone) },
            { name: "Topics followed", value: String(follows) },
          ],
        },
        { kind: "text", text: "Change with /settings <HH:MM> <zone>, e.g. /settings 07:30 Europe/Berlin.", style: "muted" },
      ]);
    }
    const dm = await ensureDm(deps, actor, place);
    await deps.store.destinations.update(dm.id, change);
    const time = change.timeOfDay ?? dm.timeOfDay;
    const zone = change.timeZone ?? dm.timeZone;
    return reply.text(`Your digest now arrives at ${time} (${zone}); next: ${formatWhen(nextDigestAt(time, zone, now), zone)}.`);
  },
});
