/**
 * The operator's feed catalogue (an OPML file, by default config/feeds.opml) is added to the global
 * feeds when it changes. Only a changed file is imported, so a feed the operator removed with
 * `newsdesk feeds remove` does not come back at the next start.
 */
import { createHash } from "node:crypto";
import type { Store } from "../core/ports.js";
import { parseOpml } from "./ingest/opml-file.js";

const KEY = "feed-catalogue-hash";

export async function syncFeedCatalogue(store: Store, opmlText: string, now: Date): Promise<{ added: number; skipped: boolean }> {
  const hash = createHash("sha256").update(opmlText).digest("hex");
  if ((await store.settings.get(KEY)) === hash) return { added: 0, skipped: true };
  let added = 0;
  for (const f of parseOpml(opmlText)) {
    if (await store.feeds.findByUrl(f.url, { kind: "global" })) continue;
    await store.feeds.add({ url: f.url, scope: { kind: "global" }, title: f.title ?? null }, now);
    added++;
  }
  await store.settings.set(KEY, hash);
  return { added, skipped: false };
}
