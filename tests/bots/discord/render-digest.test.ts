import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { embedLength, renderDigest } from "../../../src/bots/discord/render-digest.js";
import type { DigestDoc } from "../../../src/core/types.js";
import { digest, story } from "./harness.js";

const cp = (s: string | undefined) => [...(s ?? "")].length;

function assertWithinLimits(doc: DigestDoc): void {
  const msgs = renderDigest(doc);
  expect(msgs.flatMap((m) => m.embeds)).toHaveLength(doc.stories.length + 1);
  for (const m of msgs) {
    expect(m.embeds.length).toBeGreaterThan(0);
    expect(m.embeds.length).toBeLessThanOrEqual(10);
    expect(m.embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(6000);
    for (const e of m.embeds) {
      expect(cp(e.title)).toBeLessThanOrEqual(256);
      expect(cp(e.description)).toBeLessThanOrEqual(4096);
      expect(cp(e.footer?.text)).toBeLessThanOrEqual(2048);
      expect((e.fields ?? []).length).toBeLessThanOrEqual(25);
      for (const f of e.fields ?? []) {
        expect(cp(f.name)).toBeLessThanOrEqual(256);
        expect(cp(f.value)).toBeLessThanOrEqual(1024);
        expect(f.value.trim().length).toBeGreaterThan(0);
      }
      if (e.url !== undefined) expect(e.url).toMatch(/^https?:\/\//);
    }
  }
}

describe("renderDigest", () => {
  it("keeps every message within Discord's embed limits, whatever the feed text", () => {
    const text = fc.string({ unit: "grapheme", maxLength: 3000 });
    const storyArb = fc.record({ title: text, summary: text, url: fc.oneof(fc.webUrl(), fc.string()), n: fc.nat(40), more: fc.nat(100) });
    fc.assert(
      fc.property(fc.array(storyArb, { maxLength: 30 }), text, (stories, title) => {
        assertWithinLimits(
          digest(0, {
            title,
            stories: stories.map((s, i) =>
              story(i, {
                title: s.title,
                summary: s.summary,
                url: s.url,
                moreSources: s.more,
                sources: Array.from({ length: s.n }, (_, j) => ({ name: s.title.slice(0, 50) || `o${j}`, url: s.url })),
                topics: Array.from({ length: s.n }, (_, j) => ({ id: `t${j}`, name: s.summary.slice(0, 80) || `t${j}` })),
              }),
            ),
          }),
        );
      }),
      { numRuns: 60 },
    );
  });

  it("leaves out a field that would be blank (Discord refuses it), e.g. topics named only spaces", () => {
    const [msg] = renderDigest(digest(0, { stories: [story(0, { topics: [{ id: "t0", name: " " }], sources: [], moreSources: 0 })] }));
    expect(msg?.embeds[1]?.fields).toBeUndefined();
    const [withSources] = renderDigest(digest(0, { stories: [story(0, { topics: [{ id: "t0", name: "\t \n" }] })] }));
    expect(withSources?.embeds[1]?.fields?.map((f) => f.name)).toEqual(["Sources"]);
  });

  it("puts each story's link on its embed, with topics, sources and a footer", () => {
    const [msg] = renderDigest(digest(2));
    const e = msg?.embeds[1];
    expect(e?.url).toBe("https://news.example/1");
    expect(e?.fields?.map((f) => f.name)).toEqual(["Topics", "Sources"]);
    expect(e?.fields?.[1]?.value).toBe("[Outlet A](https://a.example/1) · [Outlet B](https://b.example/1) · +2 more");
    expect(e?.footer?.text).toBe("1/2 · 2026-11-24");
  });

  it("drops a non-http link instead of failing the message", () => {
    const [msg] = renderDigest(digest(0, { stories: [story(1, { url: "javascript:alert(1)" })] }));
    expect(msg?.embeds[1]?.url).toBeUndefined();
  });

  it("renders the same doc to the same messages (so resumed parts line up)", () => {
    expect(renderDigest(digest(25))).toEqual(renderDigest(digest(25)));
  });
});
