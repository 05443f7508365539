import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { THREAD_LOCKED_REASON, THREAD_REOPEN_DENIED_REASON } from "../../../src/bots/discord/thread-revival.js";
import { silentLogger } from "../../../src/core/logger.js";
import type { Messenger } from "../../../src/core/messenger.js";
import type { Destination } from "../../../src/core/types.js";
import { deliverDigest } from "../../../src/digest/deliver.js";
import { DEFAULT_BOT_PERMISSIONS, Perm } from "../../fakes/discord/permission-bits.js";
import { digest, startHarness, type Harness } from "./harness.js";

const noop = async () => {};

describe("Discord: digests into threads Discord has archived", () => {
  let h: Harness;
  let m: Messenger;
  let guildId: string;
  let memberId: string;

  beforeAll(async () => {
    h = await startHarness([], {
      fake: { channelBucket: { limit: 100, windowMs: 1000 } },
      setup: (fake) => {
        guildId = fake.addGuild({ name: "AI News" }).id;
        memberId = fake.addMember(guildId, { username: "starter" }).userId;
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

  /** A parent channel with a thread a member started; destinations for both. */
  async function setup(name: string) {
    const parent = h.fake.addChannel(guildId, { name });
    const thread = h.fake.addChannel(guildId, { name: `${name}-daily`, type: 11, parentId: parent.id, ownerId: memberId });
    await expect.poll(() => h.bot.client.channels.cache.has(thread.id)).toBe(true);
    const base = { platform: "discord", kind: "channel", communityId: `discord:${guildId}`, timeOfDay: "08:00", timeZone: "UTC" } as const;
    const inThread = await h.store.destinations.upsert({ ...base, chatId: parent.id, threadId: thread.id }, new Date());
    const inParent = await h.store.destinations.upsert({ ...base, chatId: parent.id }, new Date());
    return { parentId: parent.id, threadId: thread.id, inThread, inParent };
  }

  const requestsTo = (threadId: string) => h.fake.requests().filter((r) => r.path === `/channels/${threadId}` || r.path === `/channels/${threadId}/messages`);
  const refused = (threadId: string) => h.fake.requests().filter((r) => r.path === `/channels/${threadId}/messages` && r.status === 400);
  const reopens = (threadId: string) => h.fake.requests().filter((r) => r.method === "PATCH" && r.path === `/channels/${threadId}`);

  function deliver(d: Destination, key: string) {
    const now = new Date("2026-11-24T08:00:00Z");
    const s = { id: `st-${key}`, headlineItemId: "i1", title: "A story", url: "https://x.example/1", summary: "s", imageUrl: null, sources: [], topics: [], score: 1, firstSeenAt: now, lastSeenAt: now };
    return h.store.stories.save(s).then(() =>
      deliverDigest({ store: h.store, messengers: new Map([["discord", m]]), logger: silentLogger, instanceId: "test" }, { destination: d, key, stories: [s], more: 0 }, { now }),
    );
  }

  it("reopens a thread the gateway reported archived before sending, without a refused send", async () => {
    const { threadId, inThread } = await setup("auto");
    h.fake.updateThread(threadId, { archived: true });
    await expect.poll(() => (h.bot.client.channels.cache.get(threadId) as { archived?: boolean } | undefined)?.archived).toBe(true);
    // A member's thread and no Manage Threads: reopening an unlocked thread needs only the right to post there.
    const res = await m.sendDigest(inThread, digest(3), { key: "k-auto", skipParts: 0, onSent: noop });
    expect(res.ok).toBe(true);
    expect(h.fake.messages(threadId)).toHaveLength(1);
    expect(h.fake.state.channels.get(threadId)?.archived).toBe(false);
    expect(reopens(threadId).map((r) => r.body)).toEqual([{ archived: false }]);
    expect(refused(threadId)).toEqual([]);
  });

  it("reopens a thread archived unseen when a part is refused with 50083, and retries that part", async () => {
    const { threadId, inThread } = await setup("unseen");
    const doc = digest(25);
    const sent: string[] = [];
    const res = await m.sendDigest(inThread, doc, {
      key: "k-unseen",
      skipParts: 0,
      onSent: async (id) => {
        sent.push(id);
        // Discord archives it between the first and second part, and the gateway event is lost.
        if (sent.length === 1) h.fake.state.channels.get(threadId)!.archived = true;
      },
    });
    expect(res.ok).toBe(true);
    const msgs = h.fake.messages(threadId);
    expect(msgs.length).toBeGreaterThan(2);
    expect(msgs.map((x) => x.id)).toEqual(sent);
    expect(refused(threadId)).toHaveLength(1);
    expect(reopens(threadId)).toHaveLength(1);
    expect(h.fake.state.channels.get(threadId)?.archived).toBe(false);
  });

  it("retries only once: a thread that keeps refusing is permanent with Discord's reason", async () => {
    const { threadId, inThread } = await setup("stubborn");
    h.fake.failNext({ method: "POST", path: `/channels/${threadId}/messages`, status: 400, code: 50083, message: "Thread is archived", times: 5 });
    const res = await m.sendDigest(inThread, digest(1), { key: "k-stubborn", skipParts: 0, onSent: noop });
    expect(res).toMatchObject({ ok: false, kind: "permanent", reason: expect.stringContaining("Thread is archived") });
    // First try, a fresh read (not archived after all: nothing to reopen), one retry.
    expect(requestsTo(threadId).map((r) => r.method)).toEqual(["POST", "GET", "POST"]);
  });

  it("a locked archived thread stays closed; the ledger switches off only that thread's destination", async () => {
    const { parentId, threadId, inThread, inParent } = await setup("locked");
    h.fake.updateThread(threadId, { archived: true, locked: true });
    // Even a bot that could reopen it leaves a moderator's lock alone.
    h.fake.setBotPermissions(parentId, DEFAULT_BOT_PERMISSIONS | Perm.ManageThreads);
    await expect.poll(() => (h.bot.client.channels.cache.get(threadId) as { locked?: boolean } | undefined)?.locked).toBe(true);
    const out = await deliver(inThread, "2026-11-24");
    expect(out.status).toBe("deactivated");
    const after = await h.store.destinations.get(inThread.id);
    expect(after?.active).toBe(false);
    expect(after?.inactiveReason).toBe(THREAD_LOCKED_REASON);
    expect(THREAD_LOCKED_REASON).toContain("unlock it or choose another channel with /channel set");
    expect(reopens(threadId)).toEqual([]);
    expect(h.fake.messages(threadId)).toEqual([]);
    expect((await h.store.destinations.get(inParent.id))?.active).toBe(true);
    expect((await deliver(inParent, "2026-11-24")).status).toBe("sent");
  });

  it("says what to grant when Discord refuses to reopen the thread", async () => {
    const { threadId, inThread } = await setup("denied");
    h.fake.state.channels.get(threadId)!.archived = true;
    h.fake.failNext({ method: "PATCH", path: `/channels/${threadId}`, status: 403, code: 50013, message: "Missing Permissions" });
    const out = await deliver(inThread, "2026-11-24");
    expect(out).toMatchObject({ status: "deactivated", reason: THREAD_REOPEN_DENIED_REASON });
    expect(THREAD_REOPEN_DENIED_REASON).toContain("Send Messages in Threads");
  });

  it("a Discord outage while reopening is transient: the destination stays on for the next attempt", async () => {
    const { threadId, inThread } = await setup("outage");
    h.fake.state.channels.get(threadId)!.archived = true;
    h.fake.failNext({ method: "PATCH", path: `/channels/${threadId}`, status: 502, code: 0, message: "Bad Gateway", times: 2 });
    // maxRetries 1 in the harness: both tries of the reopen fail.
    const res = await m.sendDigest(inThread, digest(1), { key: "k-outage", skipParts: 0, onSent: noop });
    expect(res).toMatchObject({ ok: false, kind: "transient" });
    expect((await h.store.destinations.get(inThread.id))?.active).toBe(true);
    // The next attempt reopens it and delivers.
    expect((await m.sendDigest(inThread, digest(1), { key: "k-outage", skipParts: 0, onSent: noop })).ok).toBe(true);
    expect(h.fake.messages(threadId)).toHaveLength(1);
  });

  it("a notice into a locked thread switches off that thread's destination, not the channel's", async () => {
    const { threadId, inThread, inParent } = await setup("notice");
    h.fake.updateThread(threadId, { archived: true, locked: true });
    await expect.poll(() => (h.bot.client.channels.cache.get(threadId) as { locked?: boolean } | undefined)?.locked).toBe(true);
    expect(await m.sendNotice(inThread, "Feed X is failing")).toMatchObject({ ok: false, kind: "permanent", reason: THREAD_LOCKED_REASON });
    expect((await h.store.destinations.get(inThread.id))?.active).toBe(false);
    expect((await h.store.destinations.get(inParent.id))?.active).toBe(true);

    // An unlocked archived thread just gets the notice.
    const other = await setup("notice-open");
    h.fake.state.channels.get(other.threadId)!.archived = true;
    expect((await m.sendNotice(other.inThread, "Feed Y is back")).ok).toBe(true);
    expect(h.fake.messages(other.threadId)).toHaveLength(1);
  });
});
