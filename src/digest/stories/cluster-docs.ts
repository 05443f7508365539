/**
 * Batch clustering of documents (the CLI and the evaluation): documents are taken in time order, as a
 * stream would deliver them, after their terms are counted for IDF (a poll's batch is counted the
 * same way before it is clustered).
 */
import type { ClusterOptions } from "./cluster-options.js";
import { StoryClusterer, type ClusterDoc } from "./story-clusterer.js";
import { boilerplateCleaner } from "./strip-boilerplate.js";

export interface DocAssignment {
  id: string;
  story: string;
}

/** Each source's template text is removed first, as the live engine does per feed. */
export function withoutBoilerplate(docs: readonly ClusterDoc[]): ClusterDoc[] {
  const strip = boilerplateCleaner(docs.map((d) => ({ feedId: d.source ?? "", summary: d.summary ?? "" })));
  return docs.map((d, i) => {
    const summary = d.summary ? strip({ feedId: d.source ?? "", summary: d.summary }, i) : d.summary;
    // A copy only when something was stripped (most items have no template): 100k copies were collector work.
    return summary === d.summary ? d : { ...d, summary };
  });
}

export function clusterDocs(input: readonly ClusterDoc[], options?: Partial<ClusterOptions>): DocAssignment[] {
  const docs = withoutBoilerplate(input);
  // Each text is read once here: the cross-run text memo would only cost time and memory.
  const clusterer = new StoryClusterer(options, undefined, false);
  const ordered = docs.map((doc, i) => ({ doc, i })).sort((a, b) => a.doc.time - b.doc.time || a.i - b.i);
  for (const { doc } of ordered) clusterer.observe(doc);
  for (const { doc } of ordered) clusterer.add(doc);
  // Fragments of one event told by different outlets merge afterwards, as after a live poll.
  clusterer.settle(ordered.map(({ doc }) => doc.id));
  return docs.map((doc) => ({ id: doc.id, story: clusterer.clusterKeyOf(doc.id) }));
}
