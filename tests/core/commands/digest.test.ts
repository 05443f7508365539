import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Place } from "../../../src/core/commands/context.js";
import type { DigestDoc } from "../../../src/core/types.js";
import { NOW, dmPlace, harness, type Harness } from "./command-fixture.js";

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

const tgGroup: Place = { platform: "telegram", communityId: "telegram:-100", communityName: "AI Fans", chatId: "-100", threadId: null, isPrivate: false };
const empty: DigestDoc = { title: "AI news", date: "2026-11-24", stories: [], more: 0 };

describe("digest", () => {
  it("in a Telegram group points to the private chat and builds or marks nothing", async () => {
    await h.run("subscribe", { topic: "openai" }, { place: { ...tgGroup, chatId: "5001", communityId: null, isPrivate: true } });
    const r = await h.text("digest", {}, { place: tgGroup, userId: "5001" });
    expect(r).toContain("private chat");
    expect(h.digests.calls).toHaveLength(0);
  });

  it("says 'yet today' before the first digest, 'since your last digest' after one", async () => {
    await h.run("subscribe", { topic: "openai" }, { place: dmPlace("u1") });
    h.deps.digests = { preview: async () => empty };
    expect(await h.text("digest", {}, { place: dmPlace("u1") })).toContain("Nothing on your topics yet today");
    const dm = await h.store.destinations.find("discord", "u1", null);
    await h.store.destinations.update(dm!.id, { lastDigestAt: NOW });
    expect(await h.text("digest", {}, { place: dmPlace("u1") })).toContain("Nothing new on your topics since your last digest");
  });
});
