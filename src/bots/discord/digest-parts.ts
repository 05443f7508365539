/**
 * A DigestDoc as the Discord messages to send, each with the stories it carries (so the ledger can
 * store where each story landed) and, for an update, the earlier message it answers. New stories
 * (and follow-ups of stories the reader never got, with a "Follows" field) are packed as in
 * `renderDigest`; each update is a message of its own, sent as a reply.
 */
import type { APIEmbed } from "discord.js";
import { ageOn, followUpNote, FOLLOWS_LABEL, splitUpdates, UPDATE_LABEL } from "../../core/follow-up-wording.js";
import type { DigestDoc, DigestStory, MessageRef, StoryFollowUp } from "../../core/types.js";
import { embedLength, headerEmbed, storyEmbed, type DiscordMessageBody } from "./render-digest.js";
import { EmbedLimits, httpUrl, mdLink, safeText, truncate } from "./text-limits.js";

export interface DiscordDigestPart {
  body: DiscordMessageBody;
  storyIds: string[];
  /** An update: the story it develops and where the reader got it (if known). */
  update?: { followUp: StoryFollowUp; replyTo?: MessageRef };
}

/** "[Earlier headline](url) · yesterday". */
function earlierLine(f: StoryFollowUp, date: string): string {
  const label = mdLink(safeText(f.earlierTitle || "(untitled)", 200), f.earlierUrl) || safeText(f.earlierTitle, 200);
  return truncate(`${label} · ${ageOn(f.earlierAt, date)}`, EmbedLimits.fieldValue);
}

function withField(embed: APIEmbed, name: string, value: string): APIEmbed {
  if (!value.trim()) return embed;
  return { ...embed, fields: [...(embed.fields ?? []), { name, value, inline: false }].slice(0, EmbedLimits.fields) };
}

/** One update as its own embed: "Update: <headline>", what is new, and the story it develops. */
export function updateEmbed(story: DigestStory & { followUp: StoryFollowUp }, date: string): APIEmbed {
  const base = storyEmbed(story, 0, 1, date);
  const title = safeText(`${UPDATE_LABEL}: ${story.title || "(untitled)"}`, EmbedLimits.title);
  const { footer: _footer, ...rest } = base;
  return withField({ ...rest, title, footer: { text: truncate(`${UPDATE_LABEL} · ${date}`, EmbedLimits.footer) } }, "Earlier", earlierLine(story.followUp, date));
}

export function renderDigestParts(doc: DigestDoc): DiscordDigestPart[] {
  const { listed, updates } = splitUpdates(doc.stories);
  const header = headerEmbed({ ...doc, stories: listed });
  const note = followUpNote(updates.length, doc.moreCoverage ?? 0);
  if (note) header.description = truncate(`${header.description ?? ""} ${note}`.trim(), EmbedLimits.description);
  const embeds: { embed: APIEmbed; storyId?: string }[] = [{ embed: header }];
  listed.forEach((s, i) => {
    let e = storyEmbed(s, i, listed.length, doc.date);
    if (s.followUp) e = withField(e, FOLLOWS_LABEL, earlierLine(s.followUp, doc.date));
    embeds.push({ embed: e, storyId: s.id });
  });
  const parts: DiscordDigestPart[] = pack(embeds);
  for (const u of updates) {
    parts.push({
      body: { embeds: [updateEmbed(u, doc.date)] },
      storyIds: [u.id],
      update: { followUp: u.followUp, ...(u.followUp.replyTo ? { replyTo: u.followUp.replyTo } : {}) },
    });
  }
  return parts;
}

/** As `packEmbeds`: ≤ 10 embeds and ≤ 6,000 characters per message, keeping which stories each carries. */
function pack(embeds: { embed: APIEmbed; storyId?: string }[]): DiscordDigestPart[] {
  const out: DiscordDigestPart[] = [];
  let current: APIEmbed[] = [];
  let ids: string[] = [];
  let size = 0;
  for (const { embed, storyId } of embeds) {
    const n = embedLength(embed);
    if (current.length > 0 && (current.length >= EmbedLimits.embedsPerMessage || size + n > EmbedLimits.totalPerMessage)) {
      out.push({ body: { embeds: current }, storyIds: ids });
      current = [];
      ids = [];
      size = 0;
    }
    current.push(embed);
    if (storyId) ids.push(storyId);
    size += n;
  }
  if (current.length > 0) out.push({ body: { embeds: current }, storyIds: ids });
  return out;
}

/** A link to a message ("Jump to message"): guild id, or "@me" in DMs. */
export function messageLink(guildId: string | null, ref: MessageRef): string | undefined {
  return httpUrl(`https://discord.com/channels/${guildId ?? "@me"}/${ref.chatId}/${ref.messageId}`);
}

