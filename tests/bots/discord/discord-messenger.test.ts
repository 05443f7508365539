import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { classifySendError } from "../../../src/bots/discord/classify-send-error.js";
import type { Messenger, SendResult } from "../../../src/core/messenger.js";
import type { Destination } from "../../../src/core/types.js";
import { deliverDigest } from "../../../src/digest/deliver.js";
import { silentLogger } from "../../../src/core/logger.js";
import type { Json } from "../../fakes/discord/fake-discord.js";
import { Perm } from "../../fakes/discord/permission-bits.js";
import { digest, startHarness, story, type Harness } from "./harness.js";

function dest(over: Partial<Destination>): Destination {
  return {
    id: "d1",
    platform: "discord",
    chatId: "0",
    threadId: null,
    kind: "channel",
    communityId: null,
    userId: null,
    timeOfDay: "08:00",
    timeZone: "UTC",
    maxStories: 10,
    active: true,
    inactiveReason: null,
    lastDigestAt: null,
    createdAt: new Date(),
    ...over,
  };
}

const noop = async () => {};
const embedsOf = (m: Json | undefined) => (m?.embeds as Json[] | undefined) ?? [];
function embedChars(e: Json): number {
  const s = (v: unknown) => (typeof v === "string" ? [...v].length : 0);
  const fields = (e.fields as Json[] | undefined) ?? [];
  return s(e.title) + s(e.description) + fields.reduce((n, f) => n + s(f.name) + s(f.value), 0) + s((e.footer as Json | undefined)?.text);
}

describe("Discord messenger against the fake Discord", () => {
  let h: Harness;
  let m: Messenger;
  let guildId: string;
  let modId: string;

  beforeAll(async () => {
    h = await startHarness([], {
      fake: { channelBucket: { limit: 100, windowMs: 1000 } },
      setup: (fake) => {
        guildId = fake.addGuild({ name: "AI News" }).id;
        modId = fake.addMember(guildId, { username: "ada", permissions: Perm.ManageGuild }).userId;
      },
    });
    m = h.bot.messenger;
  });
  afterAll(async () => {
    await h?.close();
  });
  afterEach(() => {
    expect(h.fake.internalErrors()).toEqual([]);
  });

  async function channel(name: string, opts: { type?: number; parentId?: string } = {}) {
    const ch = h.fake.addChannel(guildId, { name, ...opts });
    await expect.poll(() => h.bot.client.channels.cache.has(ch.id)).toBe(true);
    return ch.id;
  }

  it("sends a story titled with @everyone with no mentions allowed, markdown escaped", async () => {
    const id = await channel("mentions");
    const doc = digest(0, { stories: [story(1, { title: "@everyone **Breaking**: <@&123> [click](https://evil.example)" })] });
    const res = await m.sendDigest(dest({ chatId: id }), doc, { key: "k-mentions", skipParts: 0, onSent: noop });
    expect(res.ok).toBe(true);
    const [msg] = h.fake.messages(id);
    expect(msg?.allowed_mentions).toEqual({ parse: [] });
    const title = String(embedsOf(msg)[1]?.title);
    expect(title).toContain("@everyone \\*\\*Breaking\\*\\*");
    expect(title).toContain("\\[click](");
    const req = h.fake.requests().find((r) => r.method === "POST" && r.path === `/channels/${id}/messages`);
    expect(req?.body).toMatchObject({ allowed_mentions: { parse: [] }, enforce_nonce: true });
    expect(String((req?.body as Json).nonce).length).toBeLessThanOrEqual(25);
  });

  it("splits a 25-story digest into messages within every embed limit", async () => {
    const id = await channel("big");
    const doc = digest(25, {
      stories: Array.from({ length: 25 }, (_, i) =>
        story(i, { title: "T".repeat(300), summary: "word ".repeat(2000), sources: Array.from({ length: 30 }, (_, j) => ({ name: `Outlet ${j} `.repeat(5), url: `https://o${j}.example/x` })) }),
      ),
      more: 7,
    });
    const sent: string[] = [];
    const res = await m.sendDigest(dest({ chatId: id }), doc, { key: "k-big", skipParts: 0, onSent: async (mid) => void sent.push(mid) });
    expect(res.ok).toBe(true);
    const msgs = h.fake.messages(id);
    expect(msgs.map((x) => x.id)).toEqual(sent);
    expect(res.ok && res.messageIds).toEqual(sent);
    const embeds = msgs.flatMap(embedsOf);
    expect(embeds).toHaveLength(26);
    expect(embeds.filter((e) => typeof e.url === "string")).toHaveLength(25);
    expect(msgs.length).toBeGreaterThanOrEqual(3);
    for (const msg of msgs) {
      const es = embedsOf(msg);
      expect(es.length).toBeLessThanOrEqual(10);
      expect(es.reduce((n, e) => n + embedChars(e), 0)).toBeLessThanOrEqual(6000);
      for (const e of es) {
        expect([...String(e.title)].length).toBeLessThanOrEqual(256);
        expect([...String(e.description ?? "")].length).toBeLessThanOrEqual(4096);
        for (const f of (e.fields as Json[] | undefined) ?? []) expect([...String(f.value)].length).toBeLessThanOrEqual(1024);
      }
    }
    expect(String(embedsOf(msgs[0])[0]?.description)).toContain("7 more");
  });

  it("resumes from skipParts, and a retried part with the same nonce is not posted twice", async () => {
    const id = await channel("retry");
    const doc = digest(25);
    const first = await m.sendDigest(dest({ chatId: id }), doc, { key: "k-retry", skipParts: 0, onSent: noop });
    const count = h.fake.messages(id).length;
    expect(count).toBeGreaterThan(1);
    // A crash after the last send but before it was recorded: the same part goes out again.
    const again = await m.sendDigest(dest({ chatId: id }), doc, { key: "k-retry", skipParts: count - 1, onSent: noop });
    expect(h.fake.messages(id)).toHaveLength(count);
    expect(again.ok && again.messageIds).toEqual(first.ok ? first.messageIds.slice(-1) : []);
    await m.sendDigest(dest({ chatId: id }), doc, { key: "k-other", skipParts: count - 1, onSent: noop });
    expect(h.fake.messages(id)).toHaveLength(count + 1);
  });

  it("posts into a thread, a new forum post per digest, and a member's DM", async () => {
    const parent = await channel("parent");
    const thread = await channel("thread", { type: 11, parentId: parent });
    expect((await m.sendDigest(dest({ chatId: parent, threadId: thread }), digest(2), { key: "k-t", skipParts: 0, onSent: noop })).ok).toBe(true);
    expect(h.fake.messages(thread)).toHaveLength(1);
    expect(h.fake.messages(parent)).toHaveLength(0);

    const forum = await channel("digests", { type: 15 });
    const res = await m.sendDigest(dest({ chatId: forum }), digest(25), { key: "k-f", skipParts: 0, onSent: noop });
    expect(res.ok).toBe(true);
    const post = h.fake.state.channels.get(res.ok ? (res.messageIds[0] ?? "") : "");
    expect(post).toMatchObject({ parentId: forum, name: "AI news — Tuesday 24 November 2026" });
    expect(h.fake.messages(post!.id).length).toBe(res.ok ? res.messageIds.length : -1);
    const second = await m.sendDigest(dest({ chatId: forum }), digest(1, { title: "AI news — Wednesday" }), { key: "k-f2", skipParts: 0, onSent: noop });
    expect(second.ok && second.messageIds[0]).not.toBe(post!.id);

    const dm = await m.sendDigest(dest({ kind: "dm", chatId: modId, userId: modId }), digest(3), { key: "k-dm", skipParts: 0, onSent: noop });
    expect(dm.ok).toBe(true);
    expect(h.fake.dms(modId)).toHaveLength(1);
  });

  it("classifies refusals: closed DMs and locked threads are permanent, 5xx transient after bounded retries", async () => {
    const closed = h.fake.addMember(guildId, { username: "quiet", dmsClosed: true }).userId;
    const dm = await m.sendDigest(dest({ kind: "dm", chatId: closed }), digest(1), { key: "k-c", skipParts: 0, onSent: noop });
    expect(dm).toMatchObject({ ok: false, kind: "permanent" });
    expect(!dm.ok && dm.reason).toContain("direct messages");

    const parent = await channel("old-parent");
    const old = await channel("old", { type: 11, parentId: parent });
    h.fake.updateThread(old, { archived: true, locked: true });
    expect(await m.sendDigest(dest({ chatId: parent, threadId: old }), digest(1), { key: "k-a", skipParts: 0, onSent: noop })).toMatchObject({
      ok: false,
      kind: "permanent",
      reason: expect.stringContaining("archived and locked"),
    });

    const flaky = await channel("flaky");
    h.fake.failNext({ method: "POST", path: `/channels/${flaky}/messages`, status: 502, code: 0, message: "Bad Gateway", times: 5 });
    const res: SendResult = await m.sendDigest(dest({ chatId: flaky }), digest(1), { key: "k-5xx", skipParts: 0, onSent: noop });
    expect(res).toMatchObject({ ok: false, kind: "transient" });
    // maxRetries 1 in the harness: the first try and one retry.
    expect(h.fake.requests().filter((r) => r.path === `/channels/${flaky}/messages`)).toHaveLength(2);
    expect(classifySendError(new Error("socket hang up"), [])).toMatchObject({ kind: "transient" });
  });

  it("a missing permission deactivates the destination with its reason through the delivery ledger", async () => {
    const id = await channel("locked");
    h.fake.setBotPermissions(id, Perm.ViewChannel);
    const d = await h.store.destinations.upsert(
      { platform: "discord", chatId: id, kind: "channel", communityId: `discord:${guildId}`, timeOfDay: "08:00", timeZone: "UTC" },
      new Date(),
    );
    const now = new Date("2026-11-24T08:00:00Z");
    const s = { id: "st1", headlineItemId: "i1", title: "A story", url: "https://x.example/1", summary: "s", imageUrl: null, sources: [], topics: [], score: 1, firstSeenAt: now, lastSeenAt: now };
    await h.store.stories.save(s);
    const out = await deliverDigest(
      { store: h.store, messengers: new Map([["discord", m]]), logger: silentLogger, instanceId: "test" },
      { destination: d, key: "2026-11-24", stories: [s], more: 0 },
      { now },
    );
    expect(out.status).toBe("deactivated");
    const after = await h.store.destinations.get(d.id);
    expect(after?.active).toBe(false);
    expect(after?.inactiveReason).toContain("Missing Permissions");
  });

  it("a notice to a deleted channel marks the chat unreachable", async () => {
    const id = await channel("doomed");
    const d = await h.store.destinations.upsert(
      { platform: "discord", chatId: id, kind: "channel", communityId: `discord:${guildId}`, timeOfDay: "08:00", timeZone: "UTC" },
      new Date(),
    );
    h.fake.state.channels.delete(id);
    const res = await m.sendNotice(d, "Feed X is failing");
    expect(res).toMatchObject({ ok: false, kind: "permanent" });
    expect((await h.store.destinations.get(d.id))?.active).toBe(false);
  });
});
