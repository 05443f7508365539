/**
 * Discord deduplicates a message sent again with the same nonce (and `enforce_nonce`) for a few
 * minutes, so a retry after a crash does not post twice. Nonces are at most 25 characters: hash.
 */
import { createHash } from "node:crypto";

export const NONCE_MAX = 25;

export function deliveryNonce(key: string, part: number): string {
  return createHash("sha256").update(`${key}\u0000${part}`).digest("base64url").slice(0, NONCE_MAX);
}
