/**
 * The shipped document-frequency prior (df-prior.json, built by scripts/build-df-prior.ts from
 * SUBTLEX-US word counts): the share of news items expected to contain each common term. It makes
 * term weights the same on a fresh instance with a handful of feeds as on a large one: without it,
 * rarity is estimated from the instance's own few items, where "feels" or "movies" look as rare as
 * "Sutskever" and one event splits into as many stories as it has outlets.
 */
import { readFileSync } from "node:fs";

export interface DfPrior {
  /** Expected share (0..1) of items containing the term; 0 for a term the prior does not know. */
  share(term: string): number;
  readonly terms: number;
}

let loaded: DfPrior | undefined;

/** The prior, read once from the JSON shipped next to this module (no download, ever). */
export function dfPrior(): DfPrior {
  if (!loaded) {
    const raw = JSON.parse(readFileSync(new URL("./df-prior.json", import.meta.url), "utf8")) as {
      scale: number;
      df: Record<string, number>;
    };
    const table = new Map(Object.entries(raw.df));
    loaded = { share: (term) => (table.get(term) ?? 0) / raw.scale, terms: table.size };
  }
  return loaded;
}
