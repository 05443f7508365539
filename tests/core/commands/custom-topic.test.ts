import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { customTopicId } from "../../../src/core/commands/custom-topic.js";
import { dmPlace, harness, placeB, type Harness } from "./command-fixture.js";

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});
const mod = { moderator: true };

describe("custom topics", () => {
  it("creates a namespaced topic that members and channels of that community can follow", async () => {
    const r = await h.text("topic create", { name: "Humanoid Robots", keywords: "humanoid, Figure 01 ,  Optimus, humanoid" }, mod);
    const id = customTopicId("discord:A", "Humanoid Robots");
    expect(id).toMatch(/^c\.[0-9a-z]+\.humanoid-robots$/);
    expect(r).toBe("Created topic Humanoid Robots with 3 keywords. Follow it with /channel follow Humanoid Robots or /subscribe Humanoid Robots.");
    expect(await h.text("topic create", { name: "Drones", keywords: "drone" }, mod)).toContain("Created topic Drones with 1 keyword.");
    expect(await h.store.topics.get(id)).toMatchObject({ communityId: "discord:A", keywords: ["humanoid", "Figure 01", "Optimus"] });

    expect(await h.text("channel follow", { topic: "humanoid robots" }, mod)).toContain("now follows Humanoid Robots");
    expect(await h.text("subscribe", { topic: "humanoid robtos" })).toBe("unknown topic 'humanoid robtos' — did you mean 'Humanoid Robots'?");
    // A custom id typed or picked where the topic is not visible is echoed as words, not as the id.
    expect(await h.text("subscribe", { topic: id }, { place: placeB })).toBe("unknown topic 'humanoid robots' — see /topics for the list");
    // Not visible from another community.
    expect((await h.run("channel follow", { topic: "Humanoid Robots" }, { ...mod, place: placeB })).error).toBe(true);
  });

  it("refuses names that clash with built-ins, regular expressions and empty keyword lists", async () => {
    expect(await h.text("topic create", { name: "openai", keywords: "x" }, mod)).toContain("already a built-in topic");
    expect(await h.text("topic create", { name: "Robots", keywords: "robot(s)?" }, mod)).toBe(
      "keywords: keywords are plain words or phrases, not regular expressions",
    );
    expect(await h.text("topic create", { name: "Robots", keywords: " , ," }, mod)).toContain("at least one keyword");
    expect(await h.text("topic create", { name: "a,b", keywords: "x" }, mod)).toContain("cannot contain commas");
    expect((await h.store.topics.list("discord:A")).filter((t) => t.communityId)).toEqual([]);
  });

  it("deletes only this community's topics, after confirmation, removing follows", async () => {
    await h.run("topic create", { name: "Robots", keywords: "robot" }, mod);
    const id = customTopicId("discord:A", "Robots");
    await h.run("channel follow", { topic: id }, mod);
    await h.run("subscribe", { topic: id }, { userId: "u2" });

    expect(await h.text("topic delete", { topic: "openai" }, mod)).toContain("built-in");
    expect(await h.text("topic delete", { topic: "Robots" }, { ...mod, place: placeB })).toContain("unknown topic");
    expect((await h.run("confirm topic-delete", { id }, { ...mod, place: placeB })).error).toBe(true);

    const ask = await h.run("topic delete", { topic: "robots" }, mod);
    const button = ask.choices![0]![0]!;
    expect(await h.text(button.command, button.args, mod)).toBe("Deleted the topic Robots (2 follows removed).");
    expect(await h.store.topics.get(id)).toBeNull();
    const all = await h.store.subscriptions.listAll();
    expect([...all.values()].flat()).not.toContain(id);
  });
});

describe("custom topic ids stay internal", () => {
  it("lists, shows and reports custom topics by name in every reply", async () => {
    await h.run("topic create", { name: "Humanoid Robots", keywords: "humanoid" }, mod);
    await h.run("channel follow", { topic: "Humanoid Robots" }, mod);
    await h.run("subscribe", { topic: "Humanoid Robots, openai" });

    const list = await h.text("topics");
    expect(list).toContain("✓ Humanoid Robots — Custom: humanoid");
    expect(list).toContain("✓ OpenAI (openai)");
    expect(await h.text("channel show", {}, mod)).toContain("topics: Humanoid Robots");
    // In a DM the community's topic is not visible, yet it is still named.
    const dm = await h.text("unsubscribe", { topic: "anthropic" }, { place: dmPlace("u1") });
    expect(dm).toBe("You were not following Anthropic. You follow: Humanoid Robots, OpenAI.");

    const ask = await h.run("topic delete", { topic: "Humanoid Robots" }, mod);
    const button = ask.choices![0]![0]!;
    // One follow from the channel, one from u1's DM.
    expect(await h.text(button.command, button.args, mod)).toBe("Deleted the topic Humanoid Robots (2 follows removed).");
    for (const text of [list, dm]) expect(text).not.toMatch(/\bc\.[0-9a-z]+\./);
  });

  it("says '1 follow' for a single follow", async () => {
    await h.run("topic create", { name: "Robots", keywords: "robot" }, mod);
    await h.run("subscribe", { topic: "Robots" });
    const button = (await h.run("topic delete", { topic: "Robots" }, mod)).choices![0]![0]!;
    expect(await h.text(button.command, button.args, mod)).toBe("Deleted the topic Robots (1 follow removed).");
  });
});

describe("custom topic keywords", () => {
  it("refuses a keyword the digest could never match", async () => {
    const r = await h.text("topic create", { name: "机器人", keywords: "机器人, 人形" }, mod);
    expect(r).toContain("'机器人' can't be matched: use letters or digits");
    expect((await h.store.topics.list("discord:A")).filter((t) => t.communityId)).toHaveLength(0);
    expect(await h.text("topic create", { name: "Robots", keywords: "robot, 🤖" }, mod)).toContain("'🤖' can't be matched");
    expect(await h.text("topic create", { name: "Robots", keywords: "robot, Roboter" }, mod)).toContain("Created topic Robots");
  });
});
