import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { charsetFromContentType, decodeFeedBytes } from "../../../src/digest/ingest/decode-feed-bytes.js";

const doc = (enc: string, body: string) => `<?xml version="1.0" encoding="${enc}"?><rss><title>${body}</title></rss>`;

describe("decodeFeedBytes", () => {
  it("uses the XML declaration for single-byte encodings", () => {
    expect(decodeFeedBytes(iconv.encode(doc("windows-1251", "Цитата"), "windows-1251"))).toContain("Цитата");
    expect(decodeFeedBytes(iconv.encode(doc("ISO-8859-1", "Grüße"), "latin1"))).toContain("Grüße");
  });

  it("reads ISO-8859-1 as windows-1252 so smart quotes survive", () => {
    const bytes = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="iso-8859-1"?><t>'), Buffer.from([0x93, 0x68, 0x69, 0x94]), Buffer.from("</t>")]);
    expect(decodeFeedBytes(bytes)).toContain("“hi”");
  });

  it("honours a BOM over everything else", () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(doc("utf-8", "Ünïcode"), "utf-16le")]);
    expect(decodeFeedBytes(utf16, "text/xml; charset=iso-8859-1")).toContain("Ünïcode");
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(doc("windows-1251", "ok ✓"))]);
    expect(decodeFeedBytes(utf8)).toBe(doc("windows-1251", "ok ✓"));
  });

  it("detects BOM-less UTF-16 and ignores a UTF-16 declaration on ASCII-compatible bytes", () => {
    expect(decodeFeedBytes(iconv.encode(doc("utf-16", "wide"), "utf-16be"))).toContain("wide");
    expect(decodeFeedBytes(Buffer.from(doc("utf-16", "narrow é")))).toContain("narrow é");
  });

  it("falls back from the Content-Type charset to UTF-8 and then windows-1252", () => {
    expect(decodeFeedBytes(iconv.encode("<rss>Köln</rss>", "latin1"), "application/rss+xml; charset=ISO-8859-15")).toBe("<rss>Köln</rss>");
    expect(decodeFeedBytes(Buffer.from("<rss>Köln</rss>"))).toBe("<rss>Köln</rss>");
    expect(decodeFeedBytes(iconv.encode("<rss>Köln</rss>", "latin1"))).toBe("<rss>Köln</rss>");
  });

  it("decodes mostly-valid UTF-8 with one bad byte as UTF-8, the bad byte replaced", () => {
    const bytes = Buffer.concat([Buffer.from(doc("utf-8", "Café crème, déjà vu, naïve ")), Buffer.from([0xff]), Buffer.from("</x>")]);
    const text = decodeFeedBytes(bytes);
    expect(text).toContain("Café crème, déjà vu, naïve");
    expect(text).toContain("</rss>\ufffd</x>");
    expect(decodeFeedBytes(bytes, "text/xml; charset=iso-8859-1")).toContain("Café crème");
  });

  it("prefers valid multi-byte UTF-8 over a declared single-byte charset", () => {
    expect(decodeFeedBytes(Buffer.from(doc("windows-1251", "Привет, мир"), "utf8"))).toContain("Привет, мир");
    expect(decodeFeedBytes(Buffer.from("<rss><title>Привет</title></rss>", "utf8"), "text/xml; charset=windows-1251")).toContain("Привет");
    // Without multi-byte sequences, the declaration still decides.
    expect(decodeFeedBytes(iconv.encode(doc("windows-1251", "Привет"), "windows-1251"))).toContain("Привет");
  });

  it("detects undeclared KOI8-R and Shift_JIS", () => {
    const ru = "Новости науки и техники: исследователи представили новую модель машинного обучения, которая понимает русский язык лучше прежних.";
    expect(decodeFeedBytes(iconv.encode(`<rss><channel><title>${ru}</title></channel></rss>`, "koi8-r"))).toContain(ru);
    const ja = "人工知能の最新ニュース：研究者たちは新しい言語モデルを発表しました。日本語の理解が大きく向上したと説明しています。";
    expect(decodeFeedBytes(iconv.encode(`<rss><channel><title>${ja}</title></channel></rss>`, "shift_jis"))).toContain(ja);
  });

  it("reads charset parameters", () => {
    expect(charsetFromContentType('text/xml; charset="UTF-8"')).toBe("utf-8");
    expect(charsetFromContentType("text/xml")).toBeNull();
  });
});
