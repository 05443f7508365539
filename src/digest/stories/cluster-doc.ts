/** What the story clusterer takes in and reports: shared by the clusterer, its callers and the CSV reader. */
export interface ClusterDoc {
  id: string;
  title: string;
  summary?: string;
  /** Canonical URL: the same URL is the same article. */
  url?: string;
  source?: string;
  /** Event time (published), ms since the epoch. */
  time: number;
  /** The feed gave no usable date: `time` is when the item was first seen, not when it happened. */
  undated?: boolean;
}

export type JoinReason = "new" | "forced" | "url" | "title" | "near-duplicate" | "similar" | "evidence" | "figure";

export interface AddResult {
  docId: string;
  clusterKey: string;
  reason: JoinReason;
  /** Similarity that decided it (1 for exact duplicates, 0 for a new story). */
  similarity: number;
}

export interface ClusterMerge {
  from: string;
  into: string;
}
