/**
 * Batch clustering of documents (the CLI and the evaluation): documents are taken in time order, as a
 * stream would deliver them, after their terms are counted for IDF (a poll's batch is counted the
 * same way before it is clustered).
 */
import type { ClusterOptions } from "./cluster-options.js";
import { StoryClusterer, type ClusterDoc } from "./story-clusterer.js";

export interface DocAssignment {
  id: string;
  story: string;
}

export function clusterDocs(docs: readonly ClusterDoc[], options?: Partial<ClusterOptions>): DocAssignment[] {
  const clusterer = new StoryClusterer(options);
  const ordered = docs.map((doc, i) => ({ doc, i })).sort((a, b) => a.doc.time - b.doc.time || a.i - b.i);
  for (const { doc } of ordered) clusterer.observe(doc);
  for (const { doc } of ordered) clusterer.add(doc);
  return docs.map((doc) => ({ id: doc.id, story: clusterer.clusterKeyOf(doc.id) }));
}
