import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { collapseWhitespace, cutAtSentence, htmlToText, scanHtml, stripControls } from "../../../src/digest/ingest/clean-text.js";

describe("htmlToText", () => {
  it("removes markup, scripts and styles, decodes entities and collapses whitespace", () => {
    expect(htmlToText("<p>Hello&nbsp;<b>world</b> &amp; <i>friends</i></p><script>evil()</script><style>p{}</style>\n\n<p>Bye &#8217;now&#x2019;</p>")).toBe(
      "Hello world & friends Bye ’now’",
    );
  });
  it("separates block elements and keeps a literal less-than sign", () => {
    expect(htmlToText("<li>one</li><li>two</li>")).toBe("one two");
    expect(htmlToText("x < y and y > z")).toBe("x < y and y > z");
  });
  it("unwraps HTML that was entity-escaped as a whole", () => {
    expect(htmlToText("&lt;p&gt;Escaped &lt;em&gt;twice&lt;/em&gt;&lt;/p&gt;")).toBe("Escaped twice");
  });
  it("finds the first real image", () => {
    expect(scanHtml('<img src="/pixel.gif" width="1" height="1"><p>x</p><img src="a.jpg"><img src="b.jpg">').firstImage).toBe("a.jpg");
  });
  it("looks past the text budget for an image unless told the caller has one", () => {
    const html = `<p>${"word ".repeat(400)}</p><img src="late.jpg">`;
    const searching = scanHtml(html, 100);
    const notSearching = scanHtml(html, 100, 0);
    expect(searching.firstImage).toBe("late.jpg");
    expect(notSearching.firstImage).toBeNull();
    expect(notSearching.text.length).toBeGreaterThanOrEqual(100);
  });
  it("never leaves tags or runs of whitespace in its output", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("<p>", "</p>", "<b>", "text", " ", "\n", "&amp;", "<br/>", "word.", "<a href='x'>"), { maxLength: 30 }), (parts) => {
        const out = htmlToText(parts.join(""));
        expect(out).not.toMatch(/<\/?[a-z]+[^>]*>/);
        expect(out).not.toMatch(/\s{2,}/);
        expect(out).toBe(out.trim());
      }),
    );
  });
});

describe("cutAtSentence", () => {
  const text = "First sentence is here. Second one follows it closely! Third sentence goes on and on and on and on without any end in sight at all";
  it("keeps short text whole", () => {
    expect(cutAtSentence("Short.", 300)).toBe("Short.");
  });
  it("cuts at the last sentence end before the limit", () => {
    expect(cutAtSentence(text, 70)).toBe("First sentence is here. Second one follows it closely!");
  });
  it("falls back to a word boundary with an ellipsis", () => {
    const out = cutAtSentence("word ".repeat(100).trim(), 50);
    expect(out.endsWith("…")).toBe(true);
    expect(out.length).toBeLessThanOrEqual(51);
    expect(out).not.toMatch(/wor…$/);
  });
});

describe("broken characters", () => {
  it("replaces lone surrogates so chat APIs accept the text", () => {

    expect(collapseWhitespace("bad \ud800 end")).toBe("bad \ufffd end");
    expect(collapseWhitespace("tail \udc00")).toBe("tail \ufffd");
    expect(collapseWhitespace("ok 😀 pair")).toBe("ok 😀 pair");
  });
});

describe("stripControls", () => {
  it("removes CSI/OSC sequences whole (window title, OSC 52 clipboard, OSC 8 links), C0/C1 controls and bidi overrides", () => {
    const e = "\u001b";
    expect(stripControls(`a${e}]0;title${"\u0007"}b${e}]52;c;ZXZpbA==${e}\\c${e}]8;;https://x.example${e}\\d${e}]8;;${e}\\${e}[2J${e}[31;1me`)).toBe("abcde");
    expect(stripControls("x\u009b2Jy\u0085z\u202Eq\u2066w\u0000")).toBe("xyzqw");
    expect(stripControls("tabs\tand\nnewlines stay")).toBe("tabs\tand\nnewlines stay");
  });
  it("never leaves a control or bidi override in any string (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (s) => {
        // eslint-disable-next-line no-control-regex -- asserting their absence
        expect(stripControls(s)).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      }),
    );
  });
});
