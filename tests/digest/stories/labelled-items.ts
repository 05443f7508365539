/**
 * Test helper: items as the scenario files write them (`scenarios/*.jsonl`), clustered offline by the
 * real engine, each story given as its member ids ("a,b,c"), stories sorted. An undated item
 * (`published: null`) is clustered at `undatedAt`, marked undated (`ClusterDoc.undated`).
 */
import type { ClusterDoc } from "../../../src/digest/stories/cluster-doc.js";
import { clusterDocs } from "../../../src/digest/stories/cluster-docs.js";

export interface LabelledItem {
  id: string;
  title: string;
  summary: string;
  url: string;
  /** ISO time; null: undated (clustered at `undatedAt`). */
  published: string | null;
  source: string;
}

export function storiesOf(items: readonly LabelledItem[], undatedAt: string, withUrl = true): string[] {
  const docs: ClusterDoc[] = items.map((x) => ({
    id: x.id,
    title: x.title,
    summary: x.summary,
    source: x.source,
    time: Date.parse(x.published ?? undatedAt),
    ...(x.published === null ? { undated: true } : {}),
    ...(withUrl ? { url: x.url } : {}),
  }));
  const groups = new Map<string, string[]>();
  for (const a of clusterDocs(docs)) groups.set(a.story, [...(groups.get(a.story) ?? []), a.id]);
  return [...groups.values()].map((ids) => ids.sort().join(",")).sort();
}
