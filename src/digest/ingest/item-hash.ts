/** Short, stable hashes for item identity (sha256, truncated hex: 128 bits is plenty for dedupe). */
import crypto from "node:crypto";

// One-shot crypto.hash (Node ≥ 20.12) is several times cheaper than createHash for short inputs.
const oneShot = (crypto as { hash?: (alg: string, data: string, enc: "hex") => string }).hash;

export function shortHash(...parts: string[]): string {
  // NUL separator, so ("ab","c") and ("a","bc") differ.
  const data = parts.join("\u0000");
  const hex = oneShot ? oneShot("sha256", data, "hex") : crypto.createHash("sha256").update(data).digest("hex");
  return hex.slice(0, 32);
}

/** Item.id: the feed plus the item's identity within the feed. */
export function itemId(feedId: string, hash: string): string {
  return shortHash("item", feedId, hash);
}
