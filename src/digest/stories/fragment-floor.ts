/**
 * How close two complementary fragments (`complementary-fragments.ts`) must be. The usual floor is
 * what an item with a summary needs to join a story (0.2). When the name is in every headline of
 * both fragments and one of them is already told by three or more outlets, the event about that name
 * is established: several newsrooms made it their subject in the same hours, and the other fragment
 * makes it its subject too, so a piece that words it its own way ("UAE steps up AI ambitions with
 * new Falcon model" beside three "Falcon 2 …" reports: cosine 0.189) needs only the overlap of an item
 * without a summary (`joinThreshold`, 0.15). A pair of single pieces or a piece that only mentions
 * the name keeps the usual floor: the company's other news of the day ("Tesla …" twice, 0.194;
 * iPhone pieces of two and one items, 0.183, with the background feeds) stays apart.
 * Measured: dev scenario 8/12 → 9/12 events whole alone (F1 0.946 → 0.951), 6/12 → 7/12 with the
 * feeds (F1 0.943 → 0.947), precision unchanged in both; UCI headlines unchanged (F1 0.822).
 */

/** Least centroid cosine of two fragments, as `joinThresholdWithSummary`. */
export const FRAGMENT_COSINE = 0.2;
/** … of fragments about an established event (see the module comment), as `joinThreshold`. */
export const ESTABLISHED_FRAGMENT_COSINE = 0.15;
/** Outlets (a story's members: one piece per outlet, see `source-diversity.ts`) that establish an event. */
const ESTABLISHED_OUTLETS = 3;

/**
 * The least cosine for fragments of `sizeA` and `sizeB` members; `headlinedByAll`: the name is in
 * every headline of both.
 */
export function fragmentFloor(sizeA: number, sizeB: number, headlinedByAll: boolean): number {
  return headlinedByAll && Math.max(sizeA, sizeB) >= ESTABLISHED_OUTLETS ? ESTABLISHED_FRAGMENT_COSINE : FRAGMENT_COSINE;
}
