/** How follow-ups render on every platform (issue 11): updates apart as replies, "Follows:" inline. */
import { describe, expect, it } from "vitest";
import { renderDigestText } from "../../src/bots/console/render-digest.js";
import { renderDigestParts as discordParts } from "../../src/bots/discord/digest-parts.js";
import { renderDigest as discordDigest } from "../../src/bots/discord/render-digest.js";
import { renderDigestParts as telegramParts } from "../../src/bots/telegram/render-digest.js";
import { ageOn } from "../../src/core/follow-up-wording.js";
import type { DigestDoc, DigestStory, StoryFollowUp } from "../../src/core/types.js";
import { parseHtml } from "../fakes/telegram/parse-html.js";

/** The text Telegram shows for a part (fails the test on HTML Telegram would refuse). */
function textOf(html: string): string {
  const r = parseHtml(html);
  if (!r.ok) throw new Error(r.error);
  return r.text;
}

const story = (id: string, followUp?: StoryFollowUp): DigestStory => ({
  id,
  title: `Headline <b>${id}</b> @everyone`,
  url: `https://news.example/${id}`,
  summary: `What is new in ${id}.`,
  imageUrl: null,
  sources: [{ name: "Wire", url: "https://wire.example" }],
  moreSources: 0,
  topics: [],
  score: 1,
  ...(followUp ? { followUp } : {}),
});
const update: StoryFollowUp = {
  kind: "update",
  earlierStoryId: "orig",
  earlierTitle: "Artists leak Sora <i>",
  earlierUrl: "https://news.example/orig",
  earlierAt: "2026-11-23T12:00:00.000Z",
  replyTo: { chatId: "-1001", threadId: null, messageId: "42" },
};
const follows: StoryFollowUp = { kind: "follows", earlierStoryId: "old", earlierTitle: "Old news", earlierUrl: "https://news.example/old", earlierAt: "2026-11-21T08:00:00.000Z" };
const doc: DigestDoc = {
  title: "AI news — Tuesday 24 November 2026",
  date: "2026-11-24",
  stories: [story("a"), story("u", update), story("f", follows)],
  more: 0,
  moreCoverage: 2,
};

describe("follow-ups in digests", () => {
  it("says how old the earlier story is on the digest's date", () => {
    expect(ageOn("2026-11-24T01:00:00Z", "2026-11-24")).toBe("earlier today");
    expect(ageOn("2026-11-23T23:00:00Z", "2026-11-24")).toBe("yesterday");
    expect(ageOn("2026-11-21T08:00:00Z", "2026-11-24")).toBe("3 days ago");
  });

  it("Telegram: numbered digest without the update, then the update alone, answering the stored message", () => {
    const parts = telegramParts(doc);
    expect(parts.map((p) => p.storyIds)).toEqual([["a", "f"], ["u"]]);
    expect(parts[1]!.update?.replyTo).toEqual(update.replyTo);
    const main = textOf(parts[0]!.html);
    expect(main).toContain("2. Headline <b>f</b>");
    expect(main).toContain("Follows: Old news, 3 days ago");
    expect(main).toContain("1 update to stories you already have, posted as replies. 2 stories you already have got more coverage.");
    const u = textOf(parts[1]!.html);
    expect(u).toMatch(/^Update: Headline <b>u<\/b>/);
    expect(u).toContain("Earlier: Artists leak Sora <i>, yesterday");
  });

  it("Discord: the update is its own embed after the digest; the header counts it", () => {
    const parts = discordParts(doc);
    expect(parts.map((p) => p.storyIds)).toEqual([["a", "f"], ["u"]]);
    const header = parts[0]!.body.embeds[0]!;
    expect(header.description).toContain("2 stories today. 1 update to stories you already have");
    const f = parts[0]!.body.embeds[2]!;
    expect(JSON.stringify(f.fields)).toContain("3 days ago");
    const u = parts[1]!.body.embeds[0]!;
    expect(u.title).toMatch(/^Update: Headline/);
    expect(JSON.stringify(u.fields)).toContain("[Artists leak Sora <i>](https://news.example/orig) · yesterday");
    // Only a message's content can ping; digests carry embeds alone (and no allowed mentions).
    expect(parts.every((p) => p.body.content === undefined)).toBe(true);
  });

  it("Discord: a digest without follow-ups renders exactly as before", () => {
    const plain: DigestDoc = { ...doc, stories: [story("a"), story("b")], moreCoverage: 0 };
    expect(discordParts(plain).map((p) => p.body)).toEqual(discordDigest(plain));
  });

  it("console: the update and what it follows are named with their links", () => {
    const text = renderDigestText(doc);
    expect(text).toContain("2. Update: Headline <b>u</b>");
    expect(text).toContain("Replies to: Artists leak Sora <i> (https://news.example/orig), yesterday");
    expect(text).toContain("Follows: Old news (https://news.example/old), 3 days ago");
  });
});
