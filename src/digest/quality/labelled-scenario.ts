/**
 * Labelled scenario items (`../shared/scenarios/`, parsed by `parseScenario` in src/digest/eval) as
 * `Item`s plus their labels, so the digest-quality measures run the real matcher, summariser and
 * ranking over them without a store.
 */
import { createHash } from "node:crypto";
import type { Item } from "../../core/types.js";
import type { ScenarioItem } from "../eval/scenario-file.js";

export interface LabelledItem {
  row: ScenarioItem;
  item: Item;
}

/** An outlet name as a feed id: "AsiaTech Brief" → "feed-asiatech-brief". */
export function feedIdOf(source: string): string {
  return `feed-${source.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}`;
}

/**
 * Undated rows get the time of the previous dated row (the order a feed reader saw them) and
 * `dateIsFallback`; a row published long before (old news resurfacing) is first seen then too;
 * every other item is first seen when published (a live poll).
 */
export function toLabelledItems(rows: readonly ScenarioItem[]): LabelledItem[] {
  const out: LabelledItem[] = [];
  let lastTime = 0;
  for (const row of [...rows].sort((a, b) => a.line - b.line)) {
    const published = row.published;
    const dated = published !== null;
    const seen = dated && published >= lastTime - 48 * 3_600_000 ? published : lastTime || (published ?? 0);
    if (dated && published > lastTime) lastTime = published;
    const hash = createHash("sha256").update(row.id).digest("hex").slice(0, 16);
    out.push({
      row,
      item: {
        id: `it_${hash}`,
        feedId: feedIdOf(row.source),
        hash,
        guid: row.id,
        url: row.url,
        canonicalUrl: row.url.replace(/\/$/, ""),
        title: row.title,
        summary: row.summary,
        contentHash: hash,
        imageUrl: null,
        author: null,
        publishedAt: new Date(dated ? published : seen),
        dateIsFallback: !dated,
        firstSeenAt: new Date(seen),
        storyId: null,
      },
    });
  }
  return out;
}
