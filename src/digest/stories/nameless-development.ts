/**
 * A development whose headline names nothing: "The zero-click future now has a launch date" (the
 * day after Google put AI answers atop US search), "A pause worth a thousand words" (the morning
 * after OpenAI's CTO could not say what Sora was trained on). The follow-up linker judges stories by
 * their names (`follow-up-linker.ts`), which such a headline does not give, and the summary names at
 * most the company ("On Tuesday Google flipped the switch"), which a dozen stories of the week share.
 * What ties it to the story it develops is what it is about, in plain words ("publishers", "search",
 * "trade associations"), which that story shares and the company's other stories do not.
 *
 * So a story whose every headline names nothing and one announces a development (`announcesDevelopment`)
 * is linked to the earlier story most like it by its words, among those that hold every name its
 * text gives (the company: Microsoft's "Patch Tuesday" fixes were second on "zero" and "Tuesday"
 * alone), when that story is clearly the nearest (`NAMELESS_MARGIN`) and near enough
 * (`NAMELESS_SIMILARITY`). Measured on the dev scenario: follow-up recall 0.889 → 1.000 alone and
 * with the feeds, precision 1.000 (variants 0.994 / 0.876 → 0.995 / 0.987 alone, 0.994 / 0.889 →
 * 0.995 / 1.000 with the feeds); March 0.125 → 0.250 (variants 0.974 / 0.125 → 0.982 / 0.242);
 * February, April, their variants and clustering everywhere unchanged. The only other such headline
 * of every set ("First living recipient of a pig kidney transplant dies …", with the feeds) has no
 * story holding its names.
 */
import { dfPrior } from "./df-prior.js";
import { contentTerms } from "./text-tokens.js";

/**
 * Least cosine by words to the story developed: below it the nearest story shares a word or two by
 * chance (the pig kidney's nearest, with no name required, was Apple's AirPods prices at 0.076; the
 * two developments score 0.118 and 0.173).
 */
export const NAMELESS_SIMILARITY = 0.1;
/**
 * The story developed is this many times nearer than the next: a development is about one story; an
 * item half-like two is about neither (the two developments: 1.39 and 2.3 times their next).
 */
export const NAMELESS_MARGIN = 1.25;
/**
 * Items the prior counts for, blended with the stories compared (as the clusterer's `priorDocs`):
 * with a handful of stories, every word of them looks rare.
 */
const PRIOR_DOCS = 1000;

type Vector = Map<string, number>;

/** What this needs of a story (the linker's `LinkerStory` is one). */
export interface WordedStory {
  id: string;
  items: readonly { title: string; summary: string }[];
}

/** Each story's words: each term's share of the story's items, headline words counted twice (as the linker counts names). */
function storyWords(story: WordedStory): Vector {
  const v: Vector = new Map();
  const n = Math.max(1, story.items.length);
  for (const item of story.items) {
    const seen: Vector = new Map();
    for (const t of contentTerms(item.title)) seen.set(t, 2);
    for (const t of contentTerms(item.summary)) if (!seen.has(t)) seen.set(t, 1);
    for (const [t, w] of seen) v.set(t, (v.get(t) ?? 0) + w / n);
  }
  return v;
}

function norm(v: Vector): number {
  let s = 0;
  for (const w of v.values()) s += w * w;
  return Math.sqrt(s) || 1;
}

/**
 * The stories of one linker run, weighed by their words on demand: most runs have no nameless
 * development, and then nothing is computed.
 */
export class NamelessDevelopments<S extends WordedStory> {
  private weighted: Map<string, Vector> | undefined;

  constructor(private readonly stories: ReadonlyMap<string, S>) {}

  /** The earlier story (of `candidates`) that `target` develops by its words, or null (see the module comment). */
  develops(target: S, candidates: readonly S[]): { story: S; sim: number } | null {
    const vectors = this.vectors();
    const mine = vectors.get(target.id);
    if (!mine) return null;
    const mineNorm = norm(mine);
    let best: { story: S; sim: number } | null = null;
    let next = 0;
    for (const c of candidates) {
      const theirs = vectors.get(c.id);
      if (!theirs) continue;
      let dot = 0;
      for (const [t, w] of mine) dot += w * (theirs.get(t) ?? 0);
      const sim = dot / (mineNorm * norm(theirs));
      if (!best || sim > best.sim) {
        next = best?.sim ?? 0;
        best = { story: c, sim };
      } else if (sim > next) next = sim;
    }
    if (!best || best.sim < NAMELESS_SIMILARITY || best.sim < NAMELESS_MARGIN * next) return null;
    return best;
  }

  /** tf-idf vectors of every story, idf over the stories and the prior (`PRIOR_DOCS`). */
  private vectors(): Map<string, Vector> {
    if (this.weighted) return this.weighted;
    const words = new Map([...this.stories.values()].map((s) => [s.id, storyWords(s)]));
    const df = new Map<string, number>();
    for (const v of words.values()) for (const t of v.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    const prior = dfPrior();
    const n = words.size + PRIOR_DOCS;
    const idf = (t: string): number => Math.log(n / ((df.get(t) ?? 0) + PRIOR_DOCS * prior.share(t) || 1));
    this.weighted = new Map([...words].map(([id, v]) => [id, new Map([...v].map(([t, w]) => [t, w * idf(t)]))]));
    return this.weighted;
  }
}
