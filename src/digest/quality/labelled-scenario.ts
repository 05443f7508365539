/**
 * Reads a labelled scenario file (JSON lines; fields as in `../shared/scenarios/README.md`: id, story,
 * source, url, published, title, summary, ai, topics, followup_of) into `Item`s plus their labels, so
 * the digest-quality measures run the real matcher, summariser and ranking over it.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import type { Item } from "../../core/types.js";

const rowSchema = z.object({
  id: z.string().min(1),
  story: z.string().min(1),
  source: z.string().min(1),
  url: z.string().min(1),
  published: z.string().nullable(),
  title: z.string(),
  summary: z.string(),
  ai: z.boolean(),
  topics: z.array(z.string()),
  followup_of: z.string().nullable().optional(),
});

export type ScenarioRow = z.infer<typeof rowSchema>;

export interface LabelledItem {
  row: ScenarioRow;
  item: Item;
}

/** Thrown for a line that is not a scenario row; names the line. */
export class ScenarioFileError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = "ScenarioFileError";
  }
}

/** An outlet name as a feed id: "AsiaTech Brief" → "feed-asiatech-brief". */
export function feedIdOf(source: string): string {
  return `feed-${source.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}`;
}

/**
 * Parse the file's text. Undated rows get the time of the previous dated row (the order a feed reader
 * saw them) and `dateIsFallback`; every item is first seen when published (a live poll).
 */
export function parseScenario(text: string): LabelledItem[] {
  const out: LabelledItem[] = [];
  let lastTime = 0;
  text.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (err) {
      throw new ScenarioFileError(i + 1, `not JSON (${err instanceof Error ? err.message : String(err)})`);
    }
    const parsed = rowSchema.safeParse(json);
    if (!parsed.success) throw new ScenarioFileError(i + 1, parsed.error.issues.map((x) => `${x.path.join(".")}: ${x.message}`).join("; "));
    const row = parsed.data;
    const published = row.published ? Date.parse(row.published) : Number.NaN;
    const dated = Number.isFinite(published);
    // A stale item (published long before) is seen again in the window: seen at the last dated row.
    const seen = dated && published >= lastTime - 48 * 3_600_000 ? published : lastTime || published;
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
        firstSeenAt: new Date(Number.isFinite(seen) ? seen : 0),
        storyId: null,
      },
    });
  });
  return out;
}
