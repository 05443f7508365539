import { afterEach, describe, expect, it } from "vitest";
import type { Destination } from "../../../src/core/types.js";
import { parseHtml } from "../../fakes/telegram/parse-html.js";
import { botMessages, digestDoc, NOW, startHarness, story, type Harness, settled } from "./harness.js";

const ALICE = 1001;
const GROUP = -4001;
const SUPERGROUP = -1004001;
const FORUM = -1004002;

let h: Harness;

afterEach(async () => {
  await h?.close();
});

async function destination(chatId: number, kind: "dm" | "channel", threadId: string | null = null): Promise<Destination> {
  return h.store.destinations.upsert(
    {
      platform: "telegram",
      chatId: String(chatId),
      threadId,
      kind,
      userId: kind === "dm" ? String(chatId) : null,
      communityId: kind === "channel" ? `telegram:${chatId}` : null,
      timeOfDay: "08:00",
      timeZone: "UTC",
    },
    NOW,
  );
}

function longDoc() {
  // ~40 stories of ~600 visible characters: well over 4096, so several parts.
  return digestDoc(
    Array.from({ length: 40 }, (_, i) =>
      story(i + 1, {
        title: `Story ${i + 1}: <script>alert("x")</script> & friends 🚀`,
        summary: `${"Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(9)}#${i + 1}`,
        sources: [
          { name: "Model Wire & Co", url: `https://wire.example/${i}?a=1&b=2` },
          { name: "Byte <Review>", url: `https://byte.example/${i}` },
        ],
        moreSources: 2,
      }),
    ),
    3,
  );
}

describe("TelegramMessenger.sendDigest through the fake", () => {
  it("splits a long digest into numbered, valid HTML parts of at most 4096 characters, every story once", async () => {
    h = await startHarness({ bot: { perChatPerSecond: 1000 } });
    h.fake.addUser({ id: ALICE, first_name: "Alice" });
    const dest = await destination(ALICE, "dm");
    const recorded: string[] = [];
    const result = await h.adapter.messenger.sendDigest(dest, longDoc(), {
      key: `${dest.id}:2026-11-24`,
      skipParts: 0,
      onSent: async (id) => void recorded.push(id),
    });
    expect(result.ok).toBe(true);
    const messages = botMessages(h.fake, ALICE);
    expect(messages.length).toBeGreaterThan(2);
    expect(result.messageIds).toEqual(messages.map((m) => String(m.messageId)));
    expect(recorded).toEqual(result.messageIds);
    const n = messages.length;
    messages.forEach((m, i) => {
      expect(m.text.length).toBeLessThanOrEqual(4096);
      expect(m.text.startsWith(`AI news — Tuesday 24 November 2026 (${i + 1}/${n})`)).toBe(true);
      expect(m.linkPreviewOptions).toEqual({ is_disabled: true });
      expect(parseHtml(m.sourceText).ok).toBe(true);
    });
    const all = messages.map((m) => m.text).join("\n");
    for (let i = 1; i <= 40; i++) {
      expect(all.split(`Story ${i}: <script>alert("x")</script> & friends 🚀`).length - 1).toBe(1);
    }
    expect(all).toContain("…and 3 more stories matched.");
    // Escaped in the source: the script tag never reaches Telegram as markup.
    expect(messages.some((m) => m.sourceText.includes("<script>"))).toBe(false);
    expect(messages[0]?.sourceText).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; friends");
    // Headlines are links.
    expect(messages[0]?.entities.some((e) => e.type === "text_link" && e.url === "https://news.example/1")).toBe(true);
  });

  it("resumes after the parts already accepted (skipParts)", async () => {
    h = await startHarness({ bot: { perChatPerSecond: 1000 } });
    h.fake.addUser({ id: ALICE, first_name: "Alice" });
    const dest = await destination(ALICE, "dm");
    const full = await h.adapter.messenger.sendDigest(dest, longDoc(), { key: "k", skipParts: 0, onSent: async () => {} });
    const total = full.messageIds.length;
    const resumed = await h.adapter.messenger.sendDigest(dest, longDoc(), { key: "k", skipParts: 2, onSent: async () => {} });
    expect(resumed.messageIds).toHaveLength(total - 2);
    const texts = botMessages(h.fake, ALICE).slice(total).map((m) => m.text);
    expect(texts[0]).toContain(`(3/${total})`);
  });

  it("posts into a forum topic", async () => {
    h = await startHarness();
    h.fake.addChat({ id: FORUM, type: "supergroup", is_forum: true, title: "Forum" });
    h.fake.addForumTopic(FORUM, 9, "Digest");
    const dest = await destination(FORUM, "channel", "9");
    const result = await h.adapter.messenger.sendDigest(dest, digestDoc([story(1)]), { key: "k", skipParts: 0, onSent: async () => {} });
    expect(result.ok).toBe(true);
    expect(botMessages(h.fake, FORUM)[0]?.threadId).toBe(9);
  });

  it("a user who blocked the bot: permanent failure with the reason; a notice deactivates through events", async () => {
    h = await startHarness();
    h.fake.addUser({ id: ALICE, first_name: "Alice" });
    h.fake.blockBot(ALICE);
    const dest = await destination(ALICE, "dm");
    const result = await h.adapter.messenger.sendDigest(dest, digestDoc([story(1)]), { key: "k", skipParts: 0, onSent: async () => {} });
    expect(result).toMatchObject({ ok: false, kind: "permanent", messageIds: [] });
    expect(!result.ok && result.reason).toContain("bot was blocked by the user");
    // Within a delivery the ledger deactivates; the messenger leaves the destination alone.
    expect((await h.store.destinations.get(dest.id))?.active).toBe(true);

    const notice = await h.adapter.messenger.sendNotice(dest, "A feed is failing");
    expect(notice.ok).toBe(false);
    const after = await h.store.destinations.get(dest.id);
    expect(after?.active).toBe(false);
    expect(after?.inactiveReason).toContain("blocked");
  });

  it("a migrated group keeps its digest: the destination moves and the message arrives in the supergroup", async () => {
    h = await startHarness();
    h.fake.addChat({ id: GROUP, type: "group", title: "Readers" });
    const dest = await destination(GROUP, "channel");
    h.fake.migrateChat(GROUP, SUPERGROUP, { notify: false });
    const result = await h.adapter.messenger.sendDigest(dest, digestDoc([story(1)]), { key: "k", skipParts: 0, onSent: async () => {} });
    expect(result.ok).toBe(true);
    expect(botMessages(h.fake, SUPERGROUP)).toHaveLength(1);
    const moved = await h.store.destinations.get(dest.id);
    expect(moved?.chatId).toBe(String(SUPERGROUP));
    expect(moved?.active).toBe(true);
  });

  it("a migration announced by Telegram's service message moves the destination before any send", async () => {
    h = await startHarness();
    h.fake.addChat({ id: GROUP, type: "group", title: "Readers" });
    const dest = await destination(GROUP, "channel");
    h.fake.migrateChat(GROUP, SUPERGROUP);
    // The two service messages are the last queued updates: once the later one is handled, both are.
    h.fake.addUser({ id: ALICE, first_name: "Alice" });
    const lastUpdate = h.fake.sendMyChatMember({ chatId: SUPERGROUP, fromId: ALICE, oldStatus: "member", newStatus: "member" });
    await settled(h, lastUpdate);
    expect((await h.store.destinations.get(dest.id))?.chatId).toBe(String(SUPERGROUP));
  });

  it("retries a 429 after retry_after and then delivers", async () => {
    h = await startHarness();
    h.fake.addUser({ id: ALICE, first_name: "Alice" });
    const dest = await destination(ALICE, "dm");
    h.fake.failNext("sendMessage", {
      error_code: 429,
      description: "Too Many Requests: retry after 1",
      parameters: { retry_after: 1 },
      chatId: ALICE,
    });
    const result = await h.adapter.messenger.sendDigest(dest, digestDoc([story(1)]), { key: "k", skipParts: 0, onSent: async () => {} });
    expect(result.ok).toBe(true);
    const sends = h.fake.calls.filter((c) => c.method === "sendMessage");
    expect(sends.map((c) => c.ok)).toEqual([false, true]);
    expect(botMessages(h.fake, ALICE)).toHaveLength(1);
  });

  it("does not wait in place longer than maxRetryDelaySeconds: reports rate-limited with the wait", async () => {
    h = await startHarness({ bot: { maxRetries: 3, maxRetryDelaySeconds: 5 } });
    h.fake.addUser({ id: ALICE, first_name: "Alice" });
    const dest = await destination(ALICE, "dm");
    h.fake.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 7", parameters: { retry_after: 7 } });
    const result = await h.adapter.messenger.sendDigest(dest, digestDoc([story(1)]), { key: "k", skipParts: 0, onSent: async () => {} });
    expect(result).toMatchObject({ ok: false, kind: "rate-limited", retryAfterMs: 7000 });
    expect(h.fake.calls.filter((c) => c.method === "sendMessage")).toHaveLength(1);
  });

  it("classifies a dropped connection as transient and never reports the token", async () => {
    h = await startHarness();
    h.fake.addUser({ id: ALICE, first_name: "Alice" });
    const dest = await destination(ALICE, "dm");
    // Twice: a lost connection is retried once (see ambiguous-sends.test.ts).
    h.fake.dropNext("sendMessage", { times: 2 });
    const result = await h.adapter.messenger.sendDigest(dest, digestDoc([story(1)]), { key: "k", skipParts: 0, onSent: async () => {} });
    expect(result).toMatchObject({ ok: false, kind: "transient" });
    expect(!result.ok && result.reason).not.toContain(h.fake.token.split(":")[1]);
  });
});
