/**
 * The labelled scenario format of `../shared/scenarios/` (one JSON object per line): parsed and
 * checked line by line, so a bad line is named with its number instead of skewing the figures.
 */
import { z } from "zod";

const ScenarioLine = z.object({
  id: z.string().min(1),
  story: z.string().min(1),
  source: z.string().min(1),
  url: z.url(),
  published: z.iso.datetime({ offset: true }).nullable(),
  title: z.string(),
  summary: z.string(),
  ai: z.boolean(),
  topics: z.array(z.string()),
  followup_of: z.string().nullable().optional(),
});

export interface ScenarioItem {
  id: string;
  /** Event label: the clustering ground truth. */
  story: string;
  source: string;
  url: string;
  /** Epoch ms, or null for an undated feed item. */
  published: number | null;
  title: string;
  summary: string;
  ai: boolean;
  topics: string[];
  followupOf: string | null;
  /** 0-based position in the file (undated and re-surfacing items appear in a feed at their place). */
  line: number;
}

export class ScenarioFileError extends Error {
  constructor(
    readonly lineNo: number,
    message: string,
  ) {
    super(`line ${lineNo}: ${message}`);
    this.name = "ScenarioFileError";
  }
}

export function parseScenario(text: string): ScenarioItem[] {
  const out: ScenarioItem[] = [];
  const ids = new Set<string>();
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]?.trim();
    if (!line) continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (err) {
      throw new ScenarioFileError(i + 1, `not JSON (${err instanceof Error ? err.message : String(err)})`);
    }
    const r = ScenarioLine.safeParse(json);
    if (!r.success) {
      const issue = r.error.issues[0];
      throw new ScenarioFileError(i + 1, `${issue?.path.join(".") || "item"}: ${issue?.message ?? "invalid"}`);
    }
    const v = r.data;
    if (ids.has(v.id)) throw new ScenarioFileError(i + 1, `duplicate id '${v.id}'`);
    ids.add(v.id);
    out.push({
      id: v.id,
      story: v.story,
      source: v.source,
      url: v.url,
      published: v.published === null ? null : Date.parse(v.published),
      title: v.title,
      summary: v.summary,
      ai: v.ai,
      topics: v.topics,
      followupOf: v.followup_of ?? null,
      line: out.length,
    });
  }
  if (out.length === 0) throw new ScenarioFileError(0, "no items");
  return out;
}
