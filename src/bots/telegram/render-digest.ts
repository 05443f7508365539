/**
 * A DigestDoc as Telegram HTML messages: a bold title, then one block per story (linked headline, summary,
 * the coverage line, sources, topics). Over 4096 visible characters it is split at story boundaries into numbered parts
 * ("(1/3)"); a story too long for a message on its own is shortened (summary first, then headline).
 */
import { CITATION_SEPARATOR, MAX_CITATIONS_SHOWN, superscript } from "../../core/citation-marks.js";
import { coverageLine } from "../../core/coverage-line.js";
import { ageOn, followUpNote, FOLLOWS_LABEL, splitUpdates, UPDATE_LABEL } from "../../core/follow-up-wording.js";
import type { DigestDoc, DigestStory, MessageRef, StoryFollowUp } from "../../core/types.js";
import { concat, join, link, MESSAGE_LIMIT, pack, tag, text, truncate, type Html } from "./telegram-html.js";

export interface RenderDigestOptions {
  /** Visible-length limit per message; Telegram's 4096 unless a test wants smaller parts. */
  limit?: number;
}

const SEPARATOR = "\n\n";
const MAX_TITLE = 200;
const MAX_SOURCE_NAME = 60;

/** One message of a digest: its HTML, the stories it carries, and for an update the message it answers. */
export interface TelegramDigestPart {
  html: string;
  storyIds: string[];
  update?: { followUp: StoryFollowUp; replyTo?: MessageRef };
}

/** The messages to send, in order, as HTML strings. */
export function renderDigest(doc: DigestDoc, opts: RenderDigestOptions = {}): string[] {
  return renderDigestParts(doc, opts).map((p) => p.html);
}

/**
 * The digest's messages with the stories each carries. New stories (and follow-ups of stories the
 * reader never got, with a "Follows:" line) make the numbered digest; each update is a message of
 * its own after it, sent as a reply to the message that carried the original.
 */
export function renderDigestParts(doc: DigestDoc, opts: RenderDigestOptions = {}): TelegramDigestPart[] {
  const limit = opts.limit ?? MESSAGE_LIMIT;
  const title = truncate(doc.title, MAX_TITLE);
  const { listed, updates } = splitUpdates(doc.stories);
  const notes = [
    ...(doc.more > 0 ? [`…and ${doc.more} more ${doc.more === 1 ? "story" : "stories"} matched.`] : []),
    ...(followUpNote(updates.length, doc.moreCoverage ?? 0) ? [followUpNote(updates.length, doc.moreCoverage ?? 0)] : []),
  ];
  const footer = notes.length ? [tag("i", text(notes.join(" ")))] : [];
  const updateParts = updates.map((u) => ({
    html: renderUpdate(u, doc.date, limit).html,
    storyIds: [u.id],
    update: { followUp: u.followUp, ...(u.followUp.replyTo ? { replyTo: u.followUp.replyTo } : {}) },
  }));
  const storyCount = listed.length;
  if (storyCount === 0 && footer.length === 0) {
    return [{ html: heading(title, 1, 1).html + SEPARATOR + "No new stories.", storyIds: [] }, ...updateParts];
  }

  // Room for the widest possible "(n/n)" suffix, so numbering never pushes a part over the limit.
  const worst = heading(title, storyCount + 1, storyCount + 1).length + SEPARATOR.length;
  const room = Math.max(1, limit - worst);
  const storyOf = new Map<Html, string>();
  const storyBlocks = listed.map((s, i) => {
    const block = renderStory(s, i + 1, room, doc.date);
    storyOf.set(block, s.id);
    return block;
  });
  const parts = pack([...storyBlocks, ...footer], room, SEPARATOR);
  const main = parts.map((blocks, i) => {
    const head = heading(title, i + 1, parts.length);
    return { html: join([head, ...blocks], SEPARATOR).html, storyIds: blocks.flatMap((b) => storyOf.get(b) ?? []) };
  });
  return [...main, ...updateParts];
}

/** "<b>Update:</b> <headline>", what is new, sources, and the story it develops. */
function renderUpdate(story: DigestStory & { followUp: StoryFollowUp }, date: string, limit: number): Html {
  const f = story.followUp;
  const earlier = tag("i", text("Earlier: "), link(f.earlierUrl, text(truncate(plain(f.earlierTitle) || f.earlierUrl, MAX_TITLE))), text(`, ${ageOn(f.earlierAt, date)}`));
  const room = Math.max(1, limit - earlier.length - SEPARATOR.length - UPDATE_LABEL.length - 2);
  const block = renderStory(story, 0, room, date, `${UPDATE_LABEL}: `);
  return join([block, earlier], "\n");
}

function heading(title: string, index: number, total: number): Html {
  const suffix = total > 1 ? ` (${index}/${total})` : "";
  return concat(tag("b", text(title)), text(suffix));
}

/**
 * One story, shortened to at most `max` visible characters. `prefix` replaces the number ("Update: ");
 * with `date`, a follow-up of a story the reader never got says what it follows.
 */
export function renderStory(story: DigestStory, n: number, max: number, date?: string, prefix?: string): Html {
  const lead = prefix ?? `${n}. `;
  const title = truncate(plain(story.title) || story.url, MAX_TITLE);
  const summaryText = plain(story.summary);
  const follows = date && story.followUp?.kind === "follows" ? followsLine(story.followUp, date) : null;
  if (story.citations?.length) {
    // A grounded summary loses whole sentences from the end, never a citation or half a sentence.
    for (let k = story.citations.length; k >= 1; k--) {
      const block = storyBlock(story, lead, title, citedSummary(story.citations.slice(0, k)), follows);
      if (block.length <= max) return block;
    }
  }
  const full = storyBlock(story, lead, title, story.citations?.length ? "" : summaryText, follows);
  if (full.length <= max) return full;
  const withoutSummary = storyBlock(story, lead, title, "", follows);
  const summaryRoom = max - withoutSummary.length - 1;
  // A grounded summary is never cut mid-sentence: its sentences were tried whole above.
  if (summaryRoom >= 40 && !story.citations?.length) return storyBlock(story, lead, title, truncate(summaryText, summaryRoom), follows);
  if (withoutSummary.length <= max) return withoutSummary;
  // Only a pathologically small limit gets here: keep the numbered, linked headline alone.
  const bare = concat(tag("b", text(lead), link(story.url, text(title))));
  if (bare.length <= max) return bare;
  return tag("b", link(story.url, text(truncate(`${lead}${title}`, max))));
}

/** "Follows: <earlier headline>, 3 days ago" (linked), for a reader who never got the earlier story. */
function followsLine(f: StoryFollowUp, date: string): Html {
  return tag("i", text(`${FOLLOWS_LABEL}: `), link(f.earlierUrl, text(truncate(plain(f.earlierTitle) || f.earlierUrl, MAX_TITLE))), text(`, ${ageOn(f.earlierAt, date)}`));
}

function storyBlock(story: DigestStory, lead: string, title: string, summary: string | Html, follows: Html | null): Html {
  const lines: Html[] = [tag("b", text(lead), link(story.url, text(title)))];
  if (follows) lines.push(follows);
  if (typeof summary !== "string") lines.push(summary);
  else if (summary !== "") lines.push(text(summary));
  const coverage = story.coverage ? coverageLine(story.coverage, (n) => truncate(plain(n), MAX_SOURCE_NAME)) : "";
  if (coverage !== "") lines.push(tag("i", text(coverage)));
  const sources = sourcesLine(story);
  if (sources.length > 0) lines.push(sources);
  return join(lines, "\n");
}

/** Sentences, each followed by its sources as small numbered links ("…in France.¹˒²"). */
function citedSummary(citations: NonNullable<DigestStory["citations"]>): Html {
  return join(
    citations.map((c) =>
      concat(text(plain(c.text)), join(c.sources.slice(0, MAX_CITATIONS_SHOWN).map((s) => link(s.url, text(superscript(s.n)))), CITATION_SEPARATOR)),
    ),
    " ",
  );
}

/**
 * Feed text without control characters and bidi overrides (which can make a headline read backwards),
 * whitespace collapsed; zero-width joiners stay for emoji.
 */
function plain(s: string): string {
  // Matching control characters is the point here.
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, "").replace(/\s+/g, " ").trim();
}

function sourcesLine(story: DigestStory): Html {
  // With a grounded summary, the listed outlets carry the numbers its citations use.
  const numbered = (story.citations?.length ?? 0) > 0;
  const parts: Html[] = story.sources.map((s, i) =>
    link(s.url, text(`${numbered ? superscript(i + 1) : ""}${truncate(plain(s.name), MAX_SOURCE_NAME)}`)),
  );
  const more = story.moreSources > 0 ? text(` +${story.moreSources} more`) : text("");
  const tags = [...new Set(story.topics.map((t) => hashtag(t.name)).filter((t) => t !== null))];
  const topics = tags.length > 0 ? text(` · ${tags.join(" ")}`) : text("");
  if (parts.length === 0 && more.length === 0 && topics.length === 0) return text("");
  return tag("i", join(parts, ", "), more, topics);
}

/**
 * A topic's name as a hashtag ("Humanoid robots" → #Humanoid_robots): a community topic's id is an internal
 * key (c_u23g8c_humanoids), so the name is what readers see. Null when nothing usable is left.
 */
export function hashtag(name: string): string | null {
  const word = name
    .replace(/[^\p{L}\p{N}_]+/gu, "_")
    .replace(/_+/g, "_")
    .replace(/^_|_$/g, "")
    .slice(0, 64);
  // Digits alone read as a number, not a topic.
  return /\p{L}/u.test(word) ? `#${word}` : null;
}
