/**
 * Developments inside a story (issue 11). The clusterer keeps a later development out of its event's
 * story on similarity (`later-development.ts`), but one can still end up inside it: as a copy of an
 * item (an aggregator linking the development's article), or through a merge of two stored stories.
 * A destination that received the story would then get nothing of it (the story is delivered)
 * although it is news: such a development is shown to it as an update instead.
 *
 * A member is a development of its story when its headline announces one (`developsIn`: a response,
 * a ruling, a resignation …; not "after …", which inside a story only repeats its cause: "Regulator
 * investigates Waymo after 22 incidents") and it came at least the linker's follow-up gap after the
 * members before it (their mean dated time, so one early straggler does not decide). Undated members
 * have no time to compare and are never one.
 */
import type { Item } from "../../core/types.js";
import { newsTime } from "./assemble-story.js";
import { DEFAULT_LINKER_OPTIONS, developsIn } from "./follow-up-linker.js";
import { contentTerms } from "./text-tokens.js";

export function mergedDevelopments(items: readonly Item[], gapMs: number = DEFAULT_LINKER_OPTIONS.followUpMinGapMs): Item[] {
  const dated = items
    .filter((i) => !i.dateIsFallback)
    .map((item) => ({ item, at: newsTime(item) }))
    .sort((a, b) => a.at - b.at || a.item.id.localeCompare(b.item.id));
  const out: Item[] = [];
  const terms = new Set<string>();
  let sum = 0;
  let n = 0;
  for (const { item, at } of dated) {
    if (n > 0 && at - sum / n >= gapMs && developsIn(item.title, terms, false)) {
      out.push(item);
      continue; // a development does not move when the story broke, nor what it is about
    }
    sum += at;
    n++;
    for (const t of contentTerms(`${item.title} ${item.summary}`)) terms.add(t);
  }
  return out;
}
