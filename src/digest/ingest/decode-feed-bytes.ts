/**
 * Bytes → text before any parser sees them: XML parsers working on strings mangle anything that is
 * not already decoded. Order of trust: byte-order mark, then the document's own declaration (servers
 * often send a generic charset header), then the Content-Type charset, then UTF-8, then windows-1252.
 */
import { isUtf8 } from "node:buffer";
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

/** Decode feed bytes to a string, never throwing: the last resort (windows-1252) accepts any byte. */
export function decodeFeedBytes(bytes: Uint8Array, contentType?: string | null): string {
  const bom = bomEncoding(bytes);
  if (bom) {
    const body = Buffer.from(bytes.buffer, bytes.byteOffset + bom.skip, bytes.byteLength - bom.skip);
    return iconv.decode(body, bom.encoding);
  }
  const nulls = nullPatternEncoding(bytes);
  if (nulls) return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), nulls);
  const candidates = [declaredXmlEncoding(bytes), charsetFromContentType(contentType), "utf-8"];
  for (const c of candidates) {
    if (!c) continue;
    const text = tryDecode(bytes, c);
    if (text !== null) return text;
  }
  return decodeWith(bytes, "windows-1252");
}
