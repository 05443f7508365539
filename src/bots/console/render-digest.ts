/**
 * Renders a digest document for the terminal (plain text, optional ANSI colour) or as Markdown.
 * Colour is off unless asked for, so tests and pipes see plain text.
 */
import { ageOn, followUpNote, FOLLOWS_LABEL, UPDATE_LABEL } from "../../core/follow-up-wording.js";
import { CITATION_SEPARATOR, superscript } from "../../core/citation-marks.js";
import { coverageLine } from "../../core/coverage-line.js";
import type { DigestDoc, DigestStory } from "../../core/types.js";

export interface TextRenderOptions {
  /** ANSI colours (bold headlines, dim links). Default off. */
  color?: boolean;
}

const ansi = (code: string, on: boolean) => (s: string): string => (on ? `\u001b[${code}m${s}\u001b[0m` : s);

/** No terminal control characters (escape sequences) or bidi overrides from feed text. */
function plain(s: string): string {
  // Matching control characters is the point here.
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, "").replace(/\s+/g, " ").trim();
}

function sourcesLine(story: DigestStory): string {
  const numbered = (story.citations?.length ?? 0) > 0;
  const names = story.sources.map((s, i) => `${numbered ? superscript(i + 1) : ""}${plain(s.name)}`).join(", ");
  const more = story.moreSources > 0 ? ` +${story.moreSources} more source${story.moreSources === 1 ? "" : "s"}` : "";
  return `${names}${more}`;
}

export function renderDigestText(doc: DigestDoc, opts: TextRenderOptions = {}): string {
  const on = opts.color === true;
  const bold = ansi("1", on);
  const dim = ansi("2", on);
  const cyan = ansi("36", on);
  const lines = [bold(doc.title), ""];
  if (doc.stories.length === 0) lines.push("No new stories.");
  doc.stories.forEach((s, i) => {
    const update = s.followUp?.kind === "update";
    lines.push(`${i + 1}. ${update ? `${UPDATE_LABEL}: ` : ""}${bold(plain(s.title))}`);
    lines.push(`   ${dim(plain(s.url))}`);
    if (s.followUp) {
      const where = update ? (s.followUp.replyTo ? "Replies to" : "Earlier") : FOLLOWS_LABEL;
      lines.push(`   ${where}: ${plain(s.followUp.earlierTitle)} (${dim(plain(s.followUp.earlierUrl))}), ${ageOn(s.followUp.earlierAt, doc.date)}`);
    }
    if (s.summary) lines.push(`   ${citedText(s) ?? plain(s.summary)}`);
    const coverage = s.coverage ? coverageLine(s.coverage, plain) : "";
    if (coverage) lines.push(`   ${dim(coverage)}`);
    lines.push(`   Sources: ${sourcesLine(s)}`);
    if (s.topics.length) lines.push(`   ${cyan(s.topics.map((t) => `#${t.id}`).join(" "))}`);
    lines.push("");
  });
  if (doc.more > 0) lines.push(`…and ${doc.more} more ${doc.more === 1 ? "story" : "stories"}.`);
  const note = followUpNote(doc.stories.filter((s) => s.followUp?.kind === "update").length, doc.moreCoverage ?? 0);
  if (note) lines.push(note);
  return lines.join("\n").trimEnd() + "\n";
}

/** A grounded summary with its source numbers ("…in France.¹˒²"); the sources line numbers the outlets. */
function citedText(s: DigestStory): string | null {
  if (!s.citations?.length) return null;
  return s.citations.map((c) => `${plain(c.text)}${c.sources.map((x) => superscript(x.n)).join(CITATION_SEPARATOR)}`).join(" ");
}

/** Markdown special characters escaped so titles cannot inject links or emphasis. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_{}[\]()#+\-.!|<>~])/g, "\\$1");
}

export function renderDigestMarkdown(doc: DigestDoc): string {
  const lines = [`# ${escapeMarkdown(doc.title)}`, ""];
  if (doc.stories.length === 0) lines.push("No new stories.", "");
  doc.stories.forEach((s, i) => {
    const update = s.followUp?.kind === "update" ? `${UPDATE_LABEL}: ` : "";
    lines.push(`${i + 1}. **${update}[${escapeMarkdown(plain(s.title))}](<${s.url}>)**`);
    if (s.followUp) {
      const label = s.followUp.kind === "update" ? "Earlier" : FOLLOWS_LABEL;
      lines.push(`   _${label}: [${escapeMarkdown(plain(s.followUp.earlierTitle))}](<${s.followUp.earlierUrl}>), ${ageOn(s.followUp.earlierAt, doc.date)}_`);
    }
    if (s.citations?.length) {
      const cited = s.citations.map((c) => `${escapeMarkdown(plain(c.text))}${c.sources.map((x) => `[${superscript(x.n)}](<${x.url}>)`).join(CITATION_SEPARATOR)}`);
      lines.push(`   ${cited.join(" ")}`);
    } else if (s.summary) lines.push(`   ${escapeMarkdown(plain(s.summary))}`);
    const coverage = s.coverage ? coverageLine(s.coverage, plain) : "";
    if (coverage) lines.push(`   _${escapeMarkdown(coverage)}_`);
    const sources = s.sources.map((src) => `[${escapeMarkdown(plain(src.name))}](<${src.url}>)`).join(", ");
    const more = s.moreSources > 0 ? ` \\+${s.moreSources} more` : "";
    lines.push(`   Sources: ${sources}${more}`);
    if (s.topics.length) lines.push(`   ${s.topics.map((t) => `\`${t.name}\``).join(" ")}`);
    lines.push("");
  });
  if (doc.more > 0) lines.push(`_…and ${doc.more} more._`, "");
  return lines.join("\n");
}
