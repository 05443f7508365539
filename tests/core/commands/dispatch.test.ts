import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MODERATOR_ONLY, parseArgsText, splitWords } from "../../../src/core/commands/dispatch.js";
import { commands } from "../../../src/core/commands/registry.js";
import type { Place } from "../../../src/core/commands/context.js";
import { harness, type Harness } from "./command-fixture.js";

const def = (name: string) => commands.find((c) => c.name === name)!;
const tgPrivate: Place = { platform: "telegram", communityId: null, chatId: "5001", threadId: null, isPrivate: true };
const dcPrivate: Place = { ...tgPrivate, platform: "discord" };

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

describe("parseArgsText", () => {
  it("keeps a straight- or curly-quoted phrase together as one argument", () => {
    expect(parseArgsText(def("topic create"), '"Humanoid robots" humanoid, robot')).toEqual({ name: "Humanoid robots", keywords: "humanoid, robot" });
    expect(parseArgsText(def("topic create"), "\u201cHumanoid robots\u201d humanoid, robot")).toEqual({ name: "Humanoid robots", keywords: "humanoid, robot" });
    expect(parseArgsText(def("filter add"), 'exclude "Elon Musk"')).toEqual({ mode: "exclude", word: "Elon Musk" });
  });

  it("splits on whitespace otherwise; an unclosed quote runs to the end", () => {
    expect(splitWords("  a  b\tc ")).toEqual(["a", "b", "c"]);
    expect(splitWords('"open quote never closed')).toEqual(["open quote never closed"]);
    expect(splitWords('don"t stop')).toEqual(['don"t', "stop"]);
    expect(splitWords('"" x')).toEqual(["x"]);
  });
});

describe("dispatch", () => {
  it("accepts a choice in any case and passes the canonical spelling on", async () => {
    await h.run("channel set", {}, { moderator: true });
    const r = await h.text("filter add", { mode: "Exclude", word: "Elon Musk" }, { moderator: true });
    expect(r).toContain('no stories mentioning "elon musk"');
    const d = (await h.store.destinations.list())[0]!;
    expect(await h.store.filters.list(d.id)).toMatchObject([{ mode: "exclude", word: "elon musk" }]);
    expect(await h.text("filter add", { mode: "maybe", word: "x" }, { moderator: true })).toContain("mode must be one of: include, exclude");
  });

  it("tells a member a read-only moderator command is for moderators, without 'change'", async () => {
    for (const name of ["status", "preview", "channel show", "feed list"]) {
      const t = await h.text(name, {});
      expect(t, name).toContain(`Only moderators can use /${name}`);
      expect(t, name).not.toContain("change");
    }
    expect(await h.text("channel set", {})).toContain(MODERATOR_ONLY);
  });

  it("hints at naming the channel for a channel command in a Telegram private chat only", async () => {
    const tg = await h.text("channel set", { time: "08:00" }, { place: tgPrivate, moderator: true });
    expect(tg).toContain("works in a server or group, not in a private chat.");
    expect(tg).toContain("/channel_set @yourchannel 08:00 Europe/Berlin");
    const dc = await h.text("channel set", { time: "08:00" }, { place: dcPrivate, moderator: true });
    expect(dc).not.toContain("@yourchannel");
    // No channel argument: naming a channel would not help.
    expect(await h.text("feed list", {}, { place: tgPrivate, moderator: true })).not.toContain("@yourchannel");
  });
});

describe("topics separated by spaces", () => {
  it("accepts them when every word is a topic, else asks for commas", async () => {
    expect(await h.text("subscribe", { topic: "openai anthropic" })).toContain("You now follow OpenAI, Anthropic.");
    expect(await h.text("channel follow", { topic: "openai zzzqqq" }, { moderator: true })).toContain("separate several topics with commas");
    // A multi-word name still resolves whole.
    expect(await h.text("subscribe", { topic: "video generation" })).toContain("You now follow Video generation.");
  });
});
