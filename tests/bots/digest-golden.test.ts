/**
 * Golden tests of one full digest, built by the real engine (tests/digest/golden-digest.ts), as each
 * platform receives it: Discord embeds, Telegram HTML, and the console text/markdown previews. The
 * goldens are committed files under __golden__/ (review a change there like any other diff); every
 * rendering is also checked against the platform's limits by the fakes' validators.
 */
import { describe, expect, it } from "vitest";
import { renderDigestMarkdown, renderDigestText } from "../../src/bots/console/render-digest.js";
import { renderDigest as renderDiscord } from "../../src/bots/discord/render-digest.js";
import { renderDigest as renderTelegram } from "../../src/bots/telegram/render-digest.js";
import { goldenDigest } from "../digest/golden-digest.js";
import { validateMessageBody } from "../fakes/discord/validate.js";
import { parseHtml } from "../fakes/telegram/parse-html.js";

const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F]/;

describe("a full digest on every platform", () => {
  it("carries the coverage line, short outlet names and clean summaries", async () => {
    const doc = await goldenDigest();
    expect(doc.stories.map((s) => s.coverage?.outlets)).toEqual([4, 2, 1]);
    expect(doc.stories[0]?.coverage).toEqual({ outlets: 4, first: { name: "TechWire", time: "Mon 19:10" }, primary: "openai.com" });
    // The non-AI story (Walmart jobs) is not in a digest of a channel that follows no topic.
    expect(doc.stories.some((s) => /Walmart/.test(s.title))).toBe(false);
    for (const s of doc.stories) {
      expect(s.summary).not.toMatch(/Score:|appeared first on|Illustration by|Photo by/);
      if (s.summary) expect(s.summary).toMatch(/[.!?…]$/);
    }
  });

  it("Discord: embeds as golden, within every limit, nothing pings", async () => {
    const bodies = renderDiscord(await goldenDigest());
    for (const b of bodies) expect(() => validateMessageBody(b as never)).not.toThrow();
    const json = JSON.stringify(bodies, null, 2);
    expect(json).not.toMatch(BIDI);
    expect(bodies.every((b) => b.content === undefined)).toBe(true);
    await expect(json + "\n").toMatchFileSnapshot("./__golden__/digest.discord.json");
  });

  it("Telegram: HTML as golden, valid and within 4096 characters", async () => {
    const parts = renderTelegram(await goldenDigest());
    for (const p of parts) {
      const r = parseHtml(p);
      if (!r.ok) throw new Error(`invalid HTML (${r.error})`);
      expect(r.text.length).toBeLessThanOrEqual(4096);
      expect(r.text).not.toMatch(BIDI);
    }
    await expect(parts.join("\n\n----- next message -----\n\n") + "\n").toMatchFileSnapshot("./__golden__/digest.telegram.html");
  });

  it("console text and markdown previews as golden", async () => {
    const doc = await goldenDigest();
    await expect(renderDigestText(doc)).toMatchFileSnapshot("./__golden__/digest.console.txt");
    await expect(renderDigestMarkdown(doc)).toMatchFileSnapshot("./__golden__/digest.console.md");
    expect(renderDigestText(doc)).not.toMatch(BIDI);
  });
});
