/** The clusterer's per-document and per-story state (indices into its arrays, not objects). */
export type Best = { cluster: number; similarity: number };

export interface DocEntry {
  id: string;
  terms: Int32Array;
  weights: Float64Array;
  cluster: number;
  time: number;
  /** Title term ids, figures left out: what the headline is about (see `figureMatch`). */
  headline: Int32Array;
}

export interface Cluster {
  key: string;
  /** Union-find parent; itself while alive. */
  parent: number;
  centroid: Map<number, number>;
  norm2: number;
  members: number[];
  first: number;
  last: number;
  /** Members that had a real summary: decides which merge threshold applies. */
  withSummary: number;
  /** Size at the last merge check: checks happen as a story doubles, not on every item. */
  checkedAt: number;
}
