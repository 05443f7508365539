/**
 * A DigestDoc as Discord messages: a header embed, then one embed per story (link as the embed URL,
 * topics and sources as fields, the coverage line in the footer), packed greedily into messages that respect every limit
 * (≤ 10 embeds, ≤ 6,000 characters per message). Feed text is escaped; nothing may ping anyone.
 */
import type { APIEmbed } from "discord.js";
import { CITATION_SEPARATOR, MAX_CITATIONS_SHOWN, superscript } from "../../core/citation-marks.js";
import { coverageLine } from "../../core/coverage-line.js";
import type { DigestDoc, DigestStory } from "../../core/types.js";
import { EmbedLimits, httpUrl, mdLink, safeText, stripControls, textLength, truncate } from "./text-limits.js";

/** Brand colour of digest embeds. */
export const DIGEST_COLOR = 0x5865f2;
/** Summaries are cut well below 4,096 so that several stories share a message. */
const SUMMARY_MAX = 700;

export interface DiscordMessageBody {
  content?: string;
  embeds: APIEmbed[];
}

/** The countable text of one embed, as Discord adds it up towards the 6,000 per message. */
export function embedLength(e: APIEmbed): number {
  let n = textLength(e.title ?? "") + textLength(e.description ?? "");
  for (const f of e.fields ?? []) n += textLength(f.name) + textLength(f.value);
  n += textLength(e.footer?.text ?? "") + textLength(e.author?.name ?? "");
  return n;
}

function joinWithin(parts: string[], max: number, more: number): string {
  let out = "";
  let shown = 0;
  for (const p of parts) {
    const next = out ? `${out} · ${p}` : p;
    // Keep room for the "+N more" suffix.
    if (textLength(next) > max - 16) break;
    out = next;
    shown++;
  }
  const hidden = parts.length - shown + more;
  if (hidden > 0) out = out ? `${out} · +${hidden} more` : `+${hidden} more`;
  return truncate(out, max);
}

/** A grounded summary with its links: room for the URLs on top of the text, still far below 4,096. */
const CITED_MAX = 1_600;

/**
 * Sentences, each followed by its sources as small numbered links ("…in France.[¹](…)˒[²](…)"). Whole
 * sentences are dropped from the end to fit; a sentence never loses its citations.
 */
function citedDescription(citations: NonNullable<DigestStory["citations"]>): string {
  let out = "";
  for (const c of citations) {
    const marks = c.sources
      .slice(0, MAX_CITATIONS_SHOWN)
      .map((s) => mdLink(superscript(s.n), s.url))
      .join(CITATION_SEPARATOR);
    const sentence = `${safeText(c.text, 400)}${marks}`;
    const next = out ? `${out} ${sentence}` : sentence;
    if (textLength(next) > CITED_MAX) break;
    out = next;
  }
  return out;
}

/** Footer text is shown as written (no markdown): only control characters and bidi overrides are dropped. */
function plain(s: string, max: number): string {
  return truncate(stripControls(s).replace(/\s+/g, " ").trim(), max);
}

/** "8 outlets · first: TechWire, 15:10 · primary source: openai.com · 1/10", or "1/10 · date" without coverage. */
function footerText(story: DigestStory, index: number, total: number, date: string): string {
  const line = story.coverage ? coverageLine(story.coverage, (n) => plain(n, 60)) : "";
  return line ? `${line} · ${index + 1}/${total}` : `${index + 1}/${total} · ${date}`;
}

export function storyEmbed(story: DigestStory, index: number, total: number, date: string): APIEmbed {
  const embed: APIEmbed = {
    title: safeText(story.title || "(untitled)", EmbedLimits.title),
    color: DIGEST_COLOR,
    footer: { text: truncate(footerText(story, index, total, date), EmbedLimits.footer) },
  };
  const url = httpUrl(story.url);
  if (url) embed.url = url;
  const summary = story.citations?.length ? citedDescription(story.citations) : safeText(story.summary, SUMMARY_MAX);
  if (summary) embed.description = summary;
  const fields: NonNullable<APIEmbed["fields"]> = [];
  // Discord refuses a field whose value is empty or blank (50035), e.g. a topic named " ".
  const field = (name: string, value: string) => void (value.trim() && fields.push({ name, value, inline: true }));
  field("Topics", joinWithin(story.topics.map((t) => safeText(t.name, 100)).filter(Boolean), EmbedLimits.fieldValue, 0));
  // With a grounded summary, the listed outlets carry the numbers its citations use.
  const numbered = (story.citations?.length ?? 0) > 0;
  const links = story.sources
    .map((s, i) => mdLink(`${numbered ? superscript(i + 1) : ""}${safeText(s.name, 100)}`, s.url))
    .filter(Boolean);
  field("Sources", joinWithin(links, EmbedLimits.fieldValue, story.moreSources));
  if (fields.length > 0) embed.fields = fields.slice(0, EmbedLimits.fields);
  return embed;
}

export function headerEmbed(doc: DigestDoc): APIEmbed {
  const n = doc.stories.length;
  const lines = [n === 0 ? "No new stories matched today." : `${n} ${n === 1 ? "story" : "stories"} today.`];
  if (doc.more > 0) lines.push(`${doc.more} more matched but did not fit.`);
  return {
    title: safeText(doc.title, EmbedLimits.title),
    description: truncate(lines.join(" "), EmbedLimits.description),
    color: DIGEST_COLOR,
    footer: { text: "newsdesk · sources are linked on each story" },
  };
}

/** Pack embeds into messages: ≤ 10 per message and ≤ 6,000 characters in total. */
export function packEmbeds(embeds: APIEmbed[]): DiscordMessageBody[] {
  const out: DiscordMessageBody[] = [];
  let current: APIEmbed[] = [];
  let size = 0;
  for (const e of embeds) {
    const n = embedLength(e);
    if (current.length > 0 && (current.length >= EmbedLimits.embedsPerMessage || size + n > EmbedLimits.totalPerMessage)) {
      out.push({ embeds: current });
      current = [];
      size = 0;
    }
    current.push(e);
    size += n;
  }
  if (current.length > 0) out.push({ embeds: current });
  return out;
}

/**
 * Every message of a digest, in order; the same doc always renders to the same messages. A doc with
 * follow-ups renders through `renderDigestParts` (updates become replies of their own).
 */
export function renderDigest(doc: DigestDoc): DiscordMessageBody[] {
  const stories = doc.stories.map((s, i) => storyEmbed(s, i, doc.stories.length, doc.date));
  return packEmbeds([headerEmbed(doc), ...stories]);
}
