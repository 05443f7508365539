/**
 * Test helper: items of the project's own scenario files (`scenarios/*.jsonl`), read by id and
 * clustered offline by the real engine, each story given as its member ids ("a,b,c"), stories sorted.
 * An undated item (`published: null`) is clustered at `undatedAt`, marked undated (`ClusterDoc.undated`).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
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

/** The rows of `scenarios/<file>` with these ids, in the order given (the order they are clustered in). */
export function scenarioItems(file: string, ids: readonly string[]): LabelledItem[] {
  const text = readFileSync(fileURLToPath(new URL(`../../../scenarios/${file}`, import.meta.url)), "utf8");
  const rows = new Map<string, LabelledItem>();
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    const { id, title, summary, url, published, source } = JSON.parse(line) as LabelledItem;
    rows.set(id, { id, title, summary, url, published, source });
  }
  return ids.map((id) => {
    const row = rows.get(id);
    if (!row) throw new Error(`no item ${id} in scenarios/${file}`);
    return row;
  });
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
