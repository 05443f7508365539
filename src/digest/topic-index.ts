/**
 * Which prepared stories a destination can get at all, without looking at each story: each topic's
 * stories and the AI stories as ascending positions in the prepared list (so best first), built once
 * per list and shared by every destination. Selecting for 10,000 destinations over 2,000 stories
 * otherwise tests every story's topics for every destination (20 million set lookups per run).
 */

/** What the index reads of a prepared story (see `PreparedStory` in `select-stories.ts`). */
export interface Indexed {
  /** AI news on its own evidence: what a destination following no topic gets. */
  ai: boolean;
  /** The topics that select it. */
  topicIds: ReadonlySet<string>;
}

interface TopicIndex {
  byTopic: Map<string, number[]>;
  ai: number[];
  /** Scratch marks for merging several topics' positions (one byte per story). */
  marks: Uint8Array;
}

const indexes = new WeakMap<readonly Indexed[], TopicIndex>();

function indexOf(prepared: readonly Indexed[]): TopicIndex {
  let index = indexes.get(prepared);
  if (index) return index;
  const byTopic = new Map<string, number[]>();
  const ai: number[] = [];
  prepared.forEach((p, i) => {
    if (p.ai) ai.push(i);
    for (const t of p.topicIds) {
      let list = byTopic.get(t);
      if (!list) byTopic.set(t, (list = []));
      list.push(i);
    }
  });
  indexes.set(prepared, (index = { byTopic, ai, marks: new Uint8Array(prepared.length) }));
  return index;
}

/**
 * Positions of the stories in one of `topics`, or of the AI stories when `topics` is empty (what a
 * destination following no topic gets), ascending: the order of the prepared list is kept.
 */
export function storiesFor(prepared: readonly Indexed[], topics: ReadonlySet<string>): readonly number[] {
  const index = indexOf(prepared);
  if (topics.size === 0) return index.ai;
  const lists: number[][] = [];
  for (const t of topics) {
    const list = index.byTopic.get(t);
    if (list) lists.push(list);
  }
  if (lists.length <= 1) return lists[0] ?? [];
  const { marks } = index;
  let lo = prepared.length;
  let hi = -1;
  for (const list of lists) {
    for (const i of list) marks[i] = 1;
    lo = Math.min(lo, list[0] as number);
    hi = Math.max(hi, list[list.length - 1] as number);
  }
  const out: number[] = [];
  for (let i = lo; i <= hi; i++) {
    if (marks[i] === 1) {
      out.push(i);
      marks[i] = 0;
    }
  }
  return out;
}
