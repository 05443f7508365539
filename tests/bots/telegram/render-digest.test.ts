import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hashtag, renderDigest } from "../../../src/bots/telegram/render-digest.js";
import { escapeHtml, truncate } from "../../../src/bots/telegram/telegram-html.js";
import type { DigestDoc, DigestStory } from "../../../src/core/types.js";
import { parseHtml } from "../../fakes/telegram/parse-html.js";

function doc(stories: DigestStory[], more = 0): DigestDoc {
  return { title: "AI news — Tuesday 24 November 2026", date: "2026-11-24", stories, more };
}

function story(i: number, o: Partial<DigestStory> = {}): DigestStory {
  return {
    id: `s${i}`,
    title: `Story ${i}`,
    url: `https://news.example/${i}`,
    summary: `Summary ${i}`,
    imageUrl: null,
    sources: [{ name: "Wire", url: "https://wire.example" }],
    moreSources: 0,
    topics: [],
    score: 1,
    ...o,
  };
}

/** What Telegram would store for each part (fails the test on invalid HTML). */
function parsed(parts: string[]) {
  return parts.map((p) => {
    const r = parseHtml(p);
    if (!r.ok) throw new Error(`invalid HTML (${r.error}): ${p.slice(0, 200)}`);
    return r;
  });
}

describe("escapeHtml and truncate", () => {
  it("escapes exactly & < > \"", () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry's&lt;/a&gt;");
  });

  it("never cuts a surrogate pair in half", () => {
    const s = "ab🚀🚀🚀";
    for (let max = 1; max <= s.length; max++) {
      const t = truncate(s, max);
      expect(t.length).toBeLessThanOrEqual(max);
      expect(t).toBe(Buffer.from(t, "utf8").toString("utf8")); // no lone surrogate survives a UTF-8 round trip
      expect(/[\ud800-\udbff](?![\udc00-\udfff])/.test(t)).toBe(false);
    }
  });
});

describe("renderDigest", () => {
  it("renders a short digest as one message without numbering", () => {
    const parts = renderDigest(doc([story(1), story(2)], 1));
    expect(parts).toHaveLength(1);
    const [p] = parsed(parts);
    expect(p?.text).toBe(
      "AI news — Tuesday 24 November 2026\n\n1. Story 1\nSummary 1\nWire\n\n2. Story 2\nSummary 2\nWire\n\n…and 1 more story matched.",
    );
    expect(p?.entities).toContainEqual({ type: "text_link", offset: 39, length: 7, url: "https://news.example/1" });
  });

  it("links only web URLs", () => {
    const [p] = parsed(renderDigest(doc([story(1, { url: "javascript:alert(1)" })])));
    expect(p?.entities.some((e) => e.type === "text_link")).toBe(true); // the source link
    expect(p?.entities.some((e) => e.type === "text_link" && e.url?.startsWith("javascript"))).toBe(false);
  });

  it("shortens a single story longer than a message, keeping valid HTML", () => {
    const huge = story(1, { title: "T&".repeat(3000), summary: "🚀<".repeat(5000) });
    const parts = renderDigest(doc([huge, story(2)]));
    for (const p of parsed(parts)) expect(p.text.length).toBeLessThanOrEqual(4096);
    expect(parsed(parts).map((p) => p.text).join("\n")).toContain("2. Story 2");
  });

  it("splits at story boundaries within any limit, numbers the parts and keeps every story once (property)", () => {
    const text = fc.string({ unit: "grapheme", maxLength: 400 });
    const arbStory = fc.record({ title: text, summary: fc.string({ unit: "binary", maxLength: 1500 }), source: text });
    fc.assert(
      fc.property(fc.array(arbStory, { minLength: 1, maxLength: 30 }), fc.integer({ min: 400, max: 4096 }), (raw, limit) => {
        const stories = raw.map((r, i) =>
          story(i + 1, { title: `[${i + 1}] ${r.title}`, summary: r.summary, sources: [{ name: r.source || "src", url: "https://s.example" }] }),
        );
        const parts = parsed(renderDigest(doc(stories), { limit }));
        const n = parts.length;
        parts.forEach((p, i) => {
          expect(p.text.length).toBeLessThanOrEqual(limit);
          if (n > 1) expect(p.text.startsWith(`AI news — Tuesday 24 November 2026 (${i + 1}/${n})`)).toBe(true);
        });
        // Each story's numbered headline appears exactly once, in order.
        const all = parts.map((p) => p.text).join("\n");
        let from = 0;
        for (let i = 1; i <= stories.length; i++) {
          const at = all.indexOf(`\n${i}. [${i}]`, from);
          expect(at).toBeGreaterThanOrEqual(from);
          expect(all.indexOf(`\n${i}. [${i}]`, at + 1)).toBe(-1);
          from = at;
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe("topic hashtags", () => {
  it("are built from topic names, never from internal ids", () => {
    const s = story(1, {
      topics: [
        { id: "c_u23g8c_humanoids", name: "Humanoid robots" },
        { id: "openai", name: "OpenAI" },
        { id: "labour", name: "Labour & creative work" },
      ],
    });
    const [part] = parsed(renderDigest(doc([s])));
    expect(part?.text).toContain("· #Humanoid_robots #OpenAI #Labour_creative_work");
    expect(part?.text).not.toContain("c_u23g8c");
  });

  it("keep letters and digits of any script, and drop names with no letter", () => {
    expect(hashtag("Video generation")).toBe("#Video_generation");
    expect(hashtag("  Künstliche Intelligenz (KI) ")).toBe("#Künstliche_Intelligenz_KI");
    expect(hashtag("GPT-5")).toBe("#GPT_5");
    expect(hashtag("2026")).toBeNull();
    expect(hashtag("—")).toBeNull();
  });
});
