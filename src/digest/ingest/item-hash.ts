/** Short, stable hashes for item identity (sha256, truncated hex: 128 bits is plenty for dedupe). */
import { createHash } from "node:crypto";

export function shortHash(...parts: string[]): string {
  const h = createHash("sha256");
  for (const p of parts) {
    h.update(p);
    // Separator, so ("ab","c") and ("a","bc") differ.
    h.update("\u0000");
  }
  return h.digest("hex").slice(0, 32);
}

/** Item.id: the feed plus the item's identity within the feed. */
export function itemId(feedId: string, hash: string): string {
  return shortHash("item", feedId, hash);
}
