import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { silentLogger } from "../src/core/logger.js";
import type { Store } from "../src/core/ports.js";
import { removeDemoFeeds, runDemo } from "../src/demo.js";
import { previewDigest } from "../src/digest/build-digest.js";
import { ensureBuiltinTopics } from "../src/digest/seed-topics.js";
import { openStore } from "../src/store/open-store.js";

describe("offline demo", () => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore("sqlite::memory:");
    await ensureBuiltinTopics(store, new Date());
  });
  afterEach(async () => store.close());

  it("honours the configured size of a digest, and leaves no sample news behind when going live", async () => {
    let out = "";
    const r = await runDemo({ store, logger: silentLogger, out: (s) => (out += s) }, { maxStories: 3, timeZone: "Europe/Berlin" });
    expect(r).toMatchObject({ feeds: 6, newItems: 19, stories: 3 });
    expect(out).toMatch(/^1\. Artists leak access to OpenAI’s Sora/m);
    expect(out).not.toMatch(/^4\. /m);

    expect(await removeDemoFeeds(store)).toBe(6);
    expect(await store.feeds.list({ includeDisabled: true })).toEqual([]);
    const doc = await previewDigest(store, { maxStories: 10, since: new Date(0) }, new Date());
    expect(doc.stories).toEqual([]);
  });
});
