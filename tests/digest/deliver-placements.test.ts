/**
 * The ledger stores where each story landed (issue 11) without weakening its guarantees: one message
 * per story here, a crash between a send and its record resumes with the message the platform
 * deduplicated, and an update's reply target travels in the stored document.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/core/logger.js";
import type { Messenger, SendDigestOptions } from "../../src/core/messenger.js";
import type { Store } from "../../src/core/ports.js";
import type { Destination, DigestDoc, Story, StoryFollowUp } from "../../src/core/types.js";
import { deliverDigest, type LedgerDeps } from "../../src/digest/deliver.js";
import { createFixture, dialectNames, type DialectFixture } from "../store/store-fixture.js";

const now = new Date("2026-11-25T09:00:00Z");

/** One message per story, reported with its place; deduplicates by (key, part) like Discord's nonce. */
class PlacingPlatform implements Messenger {
  readonly platform = "discord" as const;
  posted: { part: number; doc: DigestDoc }[] = [];
  crashAfterPostOnce = false;
  private byNonce = new Map<string, string>();
  async sendDigest(to: Destination, doc: DigestDoc, o: SendDigestOptions) {
    const ids: string[] = [];
    for (let part = o.skipParts; part < doc.stories.length; part++) {
      const nonce = `${o.key}#${part}`;
      let id = this.byNonce.get(nonce);
      if (!id) {
        id = `m${this.byNonce.size + 1}`;
        this.byNonce.set(nonce, id);
        this.posted.push({ part, doc });
      }
      if (this.crashAfterPostOnce) {
        this.crashAfterPostOnce = false;
        throw new Error("process died between send and record");
      }
      await o.onSent(id, { storyIds: [doc.stories[part]!.id], at: { chatId: to.chatId, threadId: null, messageId: id } });
      ids.push(id);
    }
    return { ok: true as const, messageIds: ids };
  }
  async sendNotice() {
    return { ok: true as const, messageIds: [] };
  }
}

const story = (id: string, score: number): Story => ({
  id,
  headlineItemId: `${id}-i`,
  title: `Story ${id}`,
  url: `https://news.example/${id}`,
  summary: "",
  imageUrl: null,
  sources: [],
  topics: [{ topicId: "openai", confidence: 1 }],
  score,
  firstSeenAt: new Date(now.getTime() - 3_600_000),
  lastSeenAt: new Date(now.getTime() - 3_600_000),
});

for (const dialect of dialectNames()) {
  describe(`story placements through the ledger on ${dialect}`, () => {
    let fx: DialectFixture;
    let store: Store;
    let chat = 0;
    beforeAll(async () => {
      fx = await createFixture(dialect);
      store = await fx.open();
    });
    afterAll(async () => {
      await store?.close();
      await fx?.cleanup();
    });
    const dest = () =>
      store.destinations.upsert({ platform: "discord", chatId: `c${++chat}`, kind: "channel", timeOfDay: "08:00", timeZone: "UTC" }, now);
    const ledger = (platform: Messenger, instanceId: string): LedgerDeps => ({ store, messengers: new Map([["discord", platform]]), logger: silentLogger, instanceId });

    it("stores each story's message, and an update carries its reply target in the stored document", async () => {
      const d = await dest();
      const platform = new PlacingPlatform();
      const followUp: StoryFollowUp = {
        kind: "update",
        earlierStoryId: "orig",
        earlierTitle: "Original",
        earlierUrl: "https://news.example/orig",
        earlierAt: "2026-11-24T08:00:00.000Z",
        replyTo: { chatId: d.chatId, threadId: null, messageId: "m-old" },
      };
      const out = await deliverDigest(
        ledger(platform, "a"),
        { destination: d, key: "2026-11-25", stories: [story("x", 2), story("y", 1)], more: 0, followUps: new Map([["y", followUp]]), moreCoverage: 3 },
        { now },
      );
      expect(out).toMatchObject({ status: "sent", messages: 2 });
      const placed = await store.storyMessages.find(d.id, ["x", "y"]);
      expect(placed.get("x")).toMatchObject({ chatId: d.chatId, messageId: "m1" });
      expect(placed.get("y")).toMatchObject({ chatId: d.chatId, messageId: "m2" });
      const stored = await store.deliveries.find(d.id, "2026-11-25");
      expect(stored?.doc?.stories[1]?.followUp).toEqual(followUp);
      expect(stored?.doc?.moreCoverage).toBe(3);
    });

    it("a crash between a send and its record resumes with the same message, posted once", async () => {
      const d = await dest();
      const platform = new PlacingPlatform();
      platform.crashAfterPostOnce = true;
      const plan = { destination: d, key: "2026-11-25", stories: [story("x", 2), story("y", 1)], more: 0 };
      expect((await deliverDigest(ledger(platform, "a"), plan, { now })).status).toBe("retry");
      expect((await store.storyMessages.find(d.id, ["x"])).size).toBe(0);
      const resumed = await deliverDigest(ledger(platform, "a"), plan, { now, resumeOwn: true });
      expect(resumed).toMatchObject({ status: "sent", resumed: true });
      expect(platform.posted.map((p) => p.part)).toEqual([0, 1]);
      const placed = await store.storyMessages.find(d.id, ["x", "y"]);
      expect([placed.get("x")?.messageId, placed.get("y")?.messageId]).toEqual(["m1", "m2"]);
    });
  });
}
