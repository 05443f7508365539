/**
 * What must never reach a reader as a summary: feed boilerplate (aggregator score lines, "The post …
 * appeared first on", "Continue reading"), image credits, bylines, bare addresses, and sentences the
 * feed cut off. `stripFeedNoise` removes those parts from an excerpt; `summaryDefects` names any that
 * are left, and both the summariser (to reject a candidate) and the tests (over every real feed) use it.
 * Everything is matched as a fixed pattern over the text, never a pattern built from feed input.
 */

/** Aggregator blocks ("Score: 412 Comments: 198 By: x Discussion: https://…", "Article URL: … Points: 3"). */
const AGGREGATOR = /\b(?:Score|Points|Comments|# Comments|Article URL|Comments URL|Discussion|By):\s/i;
/** The start of an aggregator block, from which everything is noise. */
const AGGREGATOR_BLOCK = /(?:^|\s)(?:Score|Points|Article URL|Comments URL|Comments|Discussion):\s.*$/is;
const TRAILERS: readonly RegExp[] = [
  /\s*The post .{1,300}? appeared first on .{1,120}$/s,
  /\s*(?:Continue reading|Read more|Read the full (?:story|article)|Keep reading)\b.*$/is,
  /\s*(?:\[(?:…|\.\.\.)\]|\(more…\)|\[more\])\s*$/,
];
/**
 * Credit lead-ins: "Illustration by Maya Ortiz / The Circuit In the launch stream …". The outlet's name
 * is taken as one or two capitalised words, stopping early at a word sentences usually open with;
 * a longer outlet name leaves its tail (the per-feed template removal catches those that recur).
 */
const CREDIT_LEAD =
  /^(?:(?:Photo(?:graph)?|Illustration|Image|Picture|Video|Credit|Photo illustration)(?:\s+by)?\s*:?\s+|By\s+)[^.!?]{1,80}?\s\/\s[A-Z][\w&'’.-]*(?:\s(?!(?:The|A|An|In|On|At|After|As|For|With|This|It|Its|Since|When|While|Beyond|Alongside|From|Powered)\s)[A-Z][\w&'’.-]*){0,1}\s+(?=[A-Z"“‘])/;
const CREDIT_ANYWHERE =
  /\b(?:Photo(?:graph)?|Illustration|Image|Picture) (?:by|credit)\b|\b(?:Photograph|Photo|Image|Credit|Illustration):\s|\bGetty Images\b|\bvia Reuters\b|\/ (?:AFP|AP|Reuters|Getty)\b/i;
const BYLINE = /^(?:By|Written by|Posted by|Von)\s+[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}(?:\s*[,|–-]\s*|\s+)(?=[A-Z])/;
const URL = /\bhttps?:\/\/\S+/i;
const SENTENCE_END = /[.!?…](?:["”’')\]]*)$/;

/** The excerpt without aggregator blocks, trailers, a leading credit or byline; whitespace collapsed. */
export function stripFeedNoise(text: string): string {
  let t = text.replace(/\s+/g, " ").trim();
  t = t.replace(AGGREGATOR_BLOCK, "").trim();
  for (let changed = true; changed; ) {
    changed = false;
    for (const re of TRAILERS) {
      const next = t.replace(re, "").trim();
      if (next !== t) [t, changed] = [next, true];
    }
  }
  for (const re of [CREDIT_LEAD, BYLINE]) t = t.replace(re, "").trim();
  return t;
}

export type SummaryDefect = "boilerplate" | "credit" | "byline" | "address" | "cut";

/** The defects of a finished summary (empty: fit to show). A summary may end with "…" when it was shortened on purpose. */
export function summaryDefects(summary: string): SummaryDefect[] {
  const s = summary.trim();
  const out: SummaryDefect[] = [];
  if (AGGREGATOR.test(s) || TRAILERS.some((re) => re.test(s)) || /appeared first on/i.test(s)) out.push("boilerplate");
  if (CREDIT_LEAD.test(s) || CREDIT_ANYWHERE.test(s)) out.push("credit");
  if (BYLINE.test(s)) out.push("byline");
  if (URL.test(s)) out.push("address");
  if (s && !SENTENCE_END.test(s)) out.push("cut");
  return out;
}

/** Whether a sentence ends as sentences do (the feed did not cut it off). */
export function endsAsSentence(sentence: string): boolean {
  return SENTENCE_END.test(sentence.trim());
}
