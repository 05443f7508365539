/**
 * Bytes → text before any parser sees them: XML parsers working on strings mangle anything that is
 * not already decoded. The rule, in order:
 * 1. A byte-order mark, or the null bytes of BOM-less UTF-16, decide.
 * 2. Bytes that are valid UTF-8 and contain multi-byte sequences are UTF-8, whatever the XML
 *    declaration or Content-Type says: legacy single-byte text is practically never valid multi-byte
 *    UTF-8 by accident, while servers and CMSs mislabel UTF-8 all the time ("РџСЂРёРІРµС‚").
 * 3. Otherwise the document's own declaration, then the Content-Type charset (servers often send a
 *    generic header), when it names an encoding other than UTF-8.
 * 4. Bytes that are mostly valid UTF-8 (at least four valid multi-byte characters per invalid byte)
 *    are UTF-8 with U+FFFD for the bad bytes: one stray byte must not turn every "é" into "Ã©".
 *    (Checked before rule 3, for the reason of rule 2.)
 * 5. With no usable declaration, chardet (a maintained statistical detector) names legacy encodings
 *    such as KOI8-R or Shift_JIS; windows-1252 is the last resort (it accepts any byte) and is
 *    preferred whenever the detector is not clearly surer of something else.
 */
import { isUtf8 } from "node:buffer";
import { analyse } from "chardet";
import iconv from "iconv-lite";

/** Labels that browsers (WHATWG) decode as windows-1252: feeds in "ISO-8859-1" often use 0x80–0x9F quotes. */
const WINDOWS_1252_ALIASES = new Set(["iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "cp819", "iso_8859-1"]);

function normaliseLabel(label: string): string {
  const l = label.trim().replace(/^["']|["']$/g, "").toLowerCase();
  if (WINDOWS_1252_ALIASES.has(l)) return "windows-1252";
  if (l === "utf8") return "utf-8";
  return l;
}

/** `charset=` of a Content-Type header, if any. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const m = /charset\s*=\s*("?)([^";,\s]+)\1/i.exec(contentType);
  return m?.[2] ? normaliseLabel(m[2]) : null;
}

function bomEncoding(b: Uint8Array): { encoding: string; skip: number } | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: "utf-8", skip: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: "utf-16le", skip: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: "utf-16be", skip: 2 };
  return null;
}

/** UTF-16 without a BOM still shows as `<\0` or `\0<` in the first bytes. */
function nullPatternEncoding(b: Uint8Array): string | null {
  if (b.length < 4) return null;
  if (b[0] === 0x3c && b[1] === 0x00 && b[2] !== 0x00) return "utf-16le";
  if (b[0] === 0x00 && b[1] === 0x3c && b[3] !== 0x00) return "utf-16be";
  return null;
}

/** The encoding named in `<?xml … encoding="…"?>` (read as ASCII; only the first 512 bytes matter). */
export function declaredXmlEncoding(b: Uint8Array): string | null {
  const head = Buffer.from(b.buffer, b.byteOffset, Math.min(b.length, 512)).toString("latin1");
  const m = /^[\s\S]{0,200}?<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return m?.[1] ? normaliseLabel(m[1]) : null;
}

/**
 * windows-1252 differs from latin1 only in 0x80–0x9F. Without those bytes, Node's native latin1
 * decoder gives the same text several times faster than iconv-lite's JS loop. (Node's own
 * TextDecoder("windows-1252") is not used: some Node 20 builds decode it as plain latin1.)
 */
function decodeWith(b: Uint8Array, encoding: string): string {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  if (encoding === "windows-1252") {
    const latin1 = buf.toString("latin1");
    if (!/[\x80-\x9f]/.test(latin1)) return latin1;
  }
  return iconv.decode(buf, encoding);
}

function tryDecode(b: Uint8Array, encoding: string): string | null {
  if (encoding === "utf-8") {
    // isUtf8 validates natively without building a string; toString is then the fast path.
    const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
    return isUtf8(buf) ? buf.toString("utf8") : null;
  }
  // A declared UTF-16 on bytes without null patterns is a lie (the bytes are ASCII-compatible).
  if (encoding.startsWith("utf-16") || encoding === "ucs-2") return null;
  if (!iconv.encodingExists(encoding)) return null;
  return decodeWith(b, encoding);
}

/** Valid multi-byte characters and invalid bytes, from a lenient UTF-8 decoding. */
function utf8Quality(text: string): { multi: number; bad: number } {
  let multi = 0;
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c === 0xfffd) bad++;
    else if (c < 0xdc00 || c > 0xdfff) multi++;
  }
  return { multi, bad };
}

/** chardet's names → iconv-lite's; Latin-1 relatives read as windows-1252 like browsers do. */
function detectedEncoding(bytes: Uint8Array): string | null {
  // The statistics need a sample, not 5 MB.
  const sample = bytes.subarray(0, 256 * 1024);
  const matches = analyse(sample);
  const top = matches[0];
  if (!top) return null;
  const name = normaliseLabel(top.name);
  if (name === "windows-1252" || name === "utf-8") return name;
  const latin = matches.find((m) => normaliseLabel(m.name) === "windows-1252");
  // Short Western text often scores a little higher as another Latin encoding: keep windows-1252 then.
  if (latin && latin.confidence >= top.confidence - 15) return "windows-1252";
  if (top.confidence < 30 || !iconv.encodingExists(name)) return null;
  return name;
}

/** Decode feed bytes to a string, never throwing: the last resort (windows-1252) accepts any byte. */
export function decodeFeedBytes(bytes: Uint8Array, contentType?: string | null): string {
  const bom = bomEncoding(bytes);
  if (bom) {
    const body = Buffer.from(bytes.buffer, bytes.byteOffset + bom.skip, bytes.byteLength - bom.skip);
    return iconv.decode(body, bom.encoding);
  }
  const nulls = nullPatternEncoding(bytes);
  if (nulls) return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), nulls);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Rule 2: valid UTF-8 wins (pure ASCII decodes the same under any ASCII-compatible declaration).
  const valid = isUtf8(buf);
  const declared = [declaredXmlEncoding(bytes), charsetFromContentType(contentType)].filter((c): c is string => c !== null);
  if (valid) {
    const text = buf.toString("utf8");
    const usable = declared.find((c) => c !== "utf-8" && iconv.encodingExists(c) && !c.startsWith("utf-16"));
    // Only pure ASCII can be in doubt, and then a declared ASCII-incompatible encoding (say UTF-7) is rare enough to ignore.
    if (!usable || /[\u0080-\uffff]/.test(text)) return text;
  }
  // Rule 4 before rule 3: mostly valid UTF-8 is UTF-8 for the same reason as rule 2.
  const lenient = buf.toString("utf8");
  const q = utf8Quality(lenient);
  if (q.multi > 0 && q.multi >= 4 * q.bad) return lenient;
  // Rule 3: a declared non-UTF-8 encoding.
  for (const c of declared) {
    if (c === "utf-8") continue;
    const text = tryDecode(bytes, c);
    if (text !== null) return text;
  }
  // Rule 5: detect, else windows-1252.
  const detected = detectedEncoding(bytes);
  if (detected && detected !== "utf-8") return decodeWith(bytes, detected);
  return decodeWith(bytes, "windows-1252");
}
