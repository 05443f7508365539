import { BoundedCache } from "../bounded-cache.js";
import { canonicalZoneName } from "../schedule.js";

/** One formatter per canonical zone (ICU memory lives outside the heap; see schedule.ts). */
const formatters = new BoundedCache<string, Intl.DateTimeFormat>(1000);

/** Dates in replies: in the reader's digest zone, short and unambiguous ("Tue 24 Nov, 07:30"). */
export function formatWhen(at: Date, timeZone: string): string {
  try {
    const zone = canonicalZoneName(timeZone);
    let f = formatters.get(zone);
    if (!f) {
      f = new Intl.DateTimeFormat("en-GB", {
        timeZone: zone,
        weekday: "short",
        day: "numeric",
        month: "short",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
      });
      formatters.set(zone, f);
    }
    return f.format(at);
  } catch {
    return `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  }
}
