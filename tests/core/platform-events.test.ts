import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/core/logger.js";
import { createPlatformEvents } from "../../src/core/platform-events.js";
import type { Store } from "../../src/core/ports.js";
import { openStore } from "../../src/store/open-store.js";

describe("platform events", () => {
  let store: Store;
  const now = new Date("2026-11-24T00:00:00Z");
  const dest = (chatId: string, threadId: string | null = null, communityId = "discord:g") =>
    store.destinations.upsert({ platform: "discord", chatId, threadId, kind: "channel", communityId, timeOfDay: "08:00", timeZone: "UTC" }, now);
  beforeEach(async () => {
    store = await openStore("sqlite::memory:");
  });
  afterEach(async () => store.close());

  it("a deleted thread switches off only that thread's digest", async () => {
    const chan = await dest("c1");
    const thread = await dest("c1", "t1");
    await createPlatformEvents(store, silentLogger).chatUnreachable("discord", "c1", "thread deleted", "t1");
    expect((await store.destinations.get(thread.id))?.active).toBe(false);
    expect((await store.destinations.get(chan.id))?.active).toBe(true);
  });

  it("a deleted channel switches off the channel and its threads; removal from a server switches off all", async () => {
    const chan = await dest("c2");
    const thread = await dest("c2", "t2");
    const other = await dest("c3");
    const events = createPlatformEvents(store, silentLogger);
    await events.chatUnreachable("discord", "c2", "Unknown Channel");
    expect((await store.destinations.get(chan.id))?.inactiveReason).toBe("Unknown Channel");
    expect((await store.destinations.get(thread.id))?.active).toBe(false);
    expect((await store.destinations.get(other.id))?.active).toBe(true);
    await events.removedFromCommunity("discord:g", "removed from the server");
    expect((await store.destinations.get(other.id))?.inactiveReason).toBe("removed from the server");
  });

  it("moves a migrated chat's destinations", async () => {
    await store.destinations.upsert({ platform: "telegram", chatId: "-1", kind: "channel", timeOfDay: "08:00", timeZone: "UTC" }, now);
    await createPlatformEvents(store, silentLogger).chatMigrated("telegram", "-1", "-1001");
    expect(await store.destinations.find("telegram", "-1001")).not.toBeNull();
  });
});
