/**
 * Control characters and cut emoji never reach what members store and see again: filter words,
 * custom topic names, keywords and the topic description built from them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasLoneSurrogate } from "../../../src/core/cut-text.js";
import { plainText } from "../../../src/core/commands/plain-text.js";
import { harness, type Harness } from "./command-fixture.js";

/** Any control character other than a line break (replies are laid out in lines). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/;

let h: Harness;
beforeAll(async () => {
  h = await harness();
  await h.run("channel set", {}, { moderator: true });
});
afterAll(async () => {
  await h.close();
});

describe("plainText", () => {
  it("drops C0/C1 controls, DEL and bidi controls; turns breaks into spaces; keeps ZWJ emoji", () => {
    expect(plainText("a\u0000b\u0007c\u001bd\u007fe\u0085f\u009bg")).toBe("abcde fg");
    expect(plainText("evil\u202etxt.exe\u2066x\u2069")).toBe("eviltxt.exex");
    expect(plainText("two\nlines\tand\u2028more")).toBe("two lines and more");
    expect(plainText("👨‍👩‍👧 family")).toBe("👨‍👩‍👧 family");
    expect(plainText("a\ud83db😀")).toBe("ab😀");
  });
});

describe("what members store", () => {
  it("/filter add stores the word without control characters, and /filter list shows it clean", async () => {
    const r = await h.text("filter add", { mode: "exclude", word: "cry\u0000pto\u0007 \u202ecoin" }, { moderator: true });
    expect(r).toContain('"crypto coin"');
    const d = (await h.store.destinations.list({ platform: "discord" }))[0];
    expect((await h.store.filters.list(d?.id ?? "")).map((f) => f.word)).toEqual(["crypto coin"]);
    expect(await h.text("filter list", {}, { moderator: true })).not.toMatch(CONTROL);
    // Removing by the same spelling (controls and all) finds it.
    expect(await h.text("filter remove", { mode: "exclude", word: "crypto\u0000 coin" }, { moderator: true })).toContain("Removed");
  });

  it("/filter add of only control characters is refused", async () => {
    const r = await h.run("filter add", { mode: "include", word: "\u0000\u0007\u001b" }, { moderator: true });
    expect(r.error).toBe(true);
  });

  it("/topic create strips controls from name and keywords, and cuts the description at whole emoji", async () => {
    const keywords = Array.from({ length: 30 }, (_, i) => `k${i}😀`).join(",");
    const r = await h.text("topic create", { name: "Ro\u0000bo\u0007ts\u202e", keywords: `${keywords}\u0000` }, { moderator: true });
    expect(r).toMatch(/Created/);
    const topic = (await h.store.topics.list("discord:A")).find((t) => t.communityId === "discord:A");
    expect(topic?.name).toBe("Robots");
    expect(topic?.keywords.every((k) => !CONTROL.test(k))).toBe(true);
    expect(topic?.description.length).toBeLessThanOrEqual(200);
    expect(hasLoneSurrogate(topic?.description ?? "")).toBe(false);
    expect(topic?.description).not.toContain("\ufffd");
    expect(await h.text("topics", {}, {})).not.toMatch(CONTROL);
  });
});
