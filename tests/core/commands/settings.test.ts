import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dmPlace, harness, type Harness } from "./command-fixture.js";

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

const tgPrivate = { platform: "telegram" as const, communityId: null, chatId: "5003", threadId: null, isPrivate: true };

async function switchedOffDm(platform: "discord" | "telegram", userId: string, reason: string) {
  const place = platform === "telegram" ? tgPrivate : dmPlace(userId);
  await h.run("subscribe", { topic: "openai" }, { place, userId });
  const dm = (await h.store.destinations.find(platform, userId, null))!;
  await h.store.destinations.deactivate(dm.id, reason);
  return { place, dm };
}

describe("settings on a switched-off personal digest", () => {
  it("says it is off and why, with no next run, and how to fix it on Discord", async () => {
    const { place } = await switchedOffDm("discord", "u1", "That member does not accept direct messages from the bot.");
    const t = await h.text("settings", {}, { place });
    expect(t).toContain("off: That member does not accept direct messages from the bot.");
    expect(t).not.toMatch(/Next: \w{3} \d/);
    expect(t).toContain("Allow direct messages from server members");
    expect(t).toContain("/settings");
  });

  it("tells a Telegram member to unblock / start the bot", async () => {
    const { place } = await switchedOffDm("telegram", "5003", "Telegram 403: bot was blocked by the user");
    const t = await h.text("settings", {}, { place, userId: "5003" });
    expect(t).toContain("off: Telegram 403: bot was blocked by the user");
    expect(t).toContain("Unblock the bot");
  });

  it("shows no status line and a next run while the digest is on", async () => {
    await h.run("subscribe", { topic: "openai" }, { place: dmPlace("u1") });
    const t = await h.text("settings", {}, { place: dmPlace("u1") });
    expect(t).not.toContain("off");
    expect(t).toMatch(/Next: \w{3} \d/);
  });

  it("a change switches it back on and says so", async () => {
    const { place, dm } = await switchedOffDm("discord", "u1", "DMs closed");
    const t = await h.text("settings", { time: "07:30" }, { place });
    expect(t).toContain("is on again");
    const after = (await h.store.destinations.get(dm.id))!;
    expect(after.active).toBe(true);
    expect(after.inactiveReason).toBeNull();
    expect(after.timeOfDay).toBe("07:30");
    expect(await h.text("settings", {}, { place })).not.toContain("off");
  });

  it("a change to an active digest does not mention switching on", async () => {
    await h.run("subscribe", { topic: "openai" }, { place: dmPlace("u1") });
    expect(await h.text("settings", { time: "07:30" }, { place: dmPlace("u1") })).not.toContain("on again");
  });
});
