/**
 * Source diversity: one outlet seldom writes two items on one event, several outlets are what make
 * a story. So an item whose feed already wrote a large share of a story is less likely to be more
 * of it: the same feed's next item that day is usually its next piece of news ("Amazon pledges
 * €1.2bn" after the same wire's "Microsoft to invest €4bn", both from the Choose France summit).
 * The evidence is a share, not a ban: on an aggregator of many outlets (the UCI headlines) big
 * publishers do cover one big story several times, but there they are a small share of it.
 */
import type { Cluster } from "./cluster-state.js";

/** Interns source names (feed ids) as small integers; no source is -1. */
export class SourceIds {
  private readonly ids = new Map<string, number>();
  of(source: string | undefined): number {
    if (source === undefined || source === "") return -1;
    let id = this.ids.get(source);
    if (id === undefined) this.ids.set(source, (id = this.ids.size));
    return id;
  }
}

/** Share of a story's items that came from this source (0 for an unknown source). */
export function sourceShare(c: Cluster, source: number): number {
  if (source < 0 || c.members.length === 0) return 0;
  return (c.sources?.get(source) ?? 0) / c.members.length;
}

/** Count one more item of `source` in the story. */
export function countSource(c: Cluster, source: number): void {
  if (source >= 0) (c.sources ??= new Map()).set(source, (c.sources.get(source) ?? 0) + 1);
}

/** Add a merged story's source counts to the winner's. */
export function mergeSources(into: Cluster, from: Cluster): void {
  from.sources?.forEach((n, s) => (into.sources ??= new Map()).set(s, (into.sources.get(s) ?? 0) + n));
}

