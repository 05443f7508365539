import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseHtml } from "./parse-html.js";

function escape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

describe("parseHtml", () => {
  it("maps every supported tag to its entity, offsets in UTF-16 units", () => {
    const r = parseHtml(
      '😀 <b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>n</ins><s>s</s><strike>k</strike><del>d</del>' +
        '<span class="tg-spoiler">p</span><tg-spoiler>q</tg-spoiler><code>c</code><a href="https://x.test/?a=1&amp;b=2">l</a>' +
        '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji><blockquote>q</blockquote><blockquote expandable>x</blockquote>',
    );
    expect(r).toEqual({
      ok: true,
      text: "😀 bsieunskdpqcl👍qx",
      entities: [
        { type: "bold", offset: 3, length: 1 },
        { type: "bold", offset: 4, length: 1 },
        { type: "italic", offset: 5, length: 1 },
        { type: "italic", offset: 6, length: 1 },
        { type: "underline", offset: 7, length: 1 },
        { type: "underline", offset: 8, length: 1 },
        { type: "strikethrough", offset: 9, length: 1 },
        { type: "strikethrough", offset: 10, length: 1 },
        { type: "strikethrough", offset: 11, length: 1 },
        { type: "spoiler", offset: 12, length: 1 },
        { type: "spoiler", offset: 13, length: 1 },
        { type: "code", offset: 14, length: 1 },
        { type: "text_link", offset: 15, length: 1, url: "https://x.test/?a=1&b=2" },
        { type: "custom_emoji", offset: 16, length: 2, custom_emoji_id: "5368324170671202286" },
        { type: "blockquote", offset: 18, length: 1 },
        { type: "expandable_blockquote", offset: 19, length: 1 },
      ],
    });
  });

  it("merges <pre><code class=language-x> into one pre entity and lists outer entities first", () => {
    expect(parseHtml('<b>x<pre><code class="language-ts">let a</code></pre></b>')).toEqual({
      ok: true,
      text: "xlet a",
      entities: [
        { type: "bold", offset: 0, length: 6 },
        { type: "pre", offset: 1, length: 5, language: "ts" },
      ],
    });
  });

  it("drops empty entities and an <a> without href", () => {
    expect(parseHtml("<b></b><a>t</a>")).toEqual({ ok: true, text: "t", entities: [] });
  });

  it("reports errors with Telegram's wording and UTF-8 byte offsets", () => {
    expect(parseHtml("é<p>x</p>")).toEqual({ ok: false, error: 'Unsupported start tag "p" at byte offset 2' });
    expect(parseHtml("<span>x</span>")).toMatchObject({ ok: false, error: expect.stringContaining('must have class "tg-spoiler"') });
    expect(parseHtml("x</b>")).toEqual({ ok: false, error: "Unexpected end tag at byte offset 1" });
    expect(parseHtml("<b>x</i>")).toEqual({
      ok: false,
      error: 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"',
    });
    expect(parseHtml('<a href="x>y')).toEqual({ ok: false, error: "Unclosed start tag at byte offset 0" });
    expect(parseHtml("a < b")).toMatchObject({ ok: false });
    expect(parseHtml("&nbsp;")).toMatchObject({ ok: false, error: expect.stringContaining("&nbsp;") });
  });

  it("keeps unknown entities literally in lenient mode, as Telegram does", () => {
    expect(parseHtml("AT&T &nbsp;", { strictEntities: false })).toEqual({ ok: true, text: "AT&T &nbsp;", entities: [] });
  });

  it("round-trips any escaped string to itself with no entities", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (s) => {
        expect(parseHtml(escape(s))).toEqual({ ok: true, text: s, entities: [] });
      }),
    );
  });

  it("counts the visible text of any bolded escaped string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", minLength: 1 }), (s) => {
        const r = parseHtml(`<b>${escape(s)}</b>`);
        expect(r).toEqual({ ok: true, text: s, entities: [{ type: "bold", offset: 0, length: s.length }] });
      }),
    );
  });
});
