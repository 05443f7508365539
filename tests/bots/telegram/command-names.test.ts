import { describe, expect, it } from "vitest";
import { commandMenus, matchCommand, parseCommandText, telegramCommandName } from "../../../src/bots/telegram/command-names.js";
import { commands } from "../../../src/core/commands/registry.js";

describe("Telegram command names", () => {
  it("maps two-level names to one word", () => {
    expect(telegramCommandName("channel set")).toBe("channel_set");
    expect(telegramCommandName("subscribe")).toBe("subscribe");
  });

  it("parses /cmd@bot and arguments", () => {
    expect(parseCommandText("/Subscribe@newsdesk_bot openai  anthropic")).toEqual({
      word: "subscribe",
      rest: "openai  anthropic",
      addressee: "newsdesk_bot",
    });
    expect(parseCommandText("hello /subscribe")).toBeNull();
    expect(parseCommandText("/subscribe-now")).toBeNull();
  });

  it("accepts both /channel_set and /channel set", () => {
    expect(matchCommand(commands, "channel_set", "07:30 UTC")).toMatchObject({ def: { name: "channel set" }, argsText: "07:30 UTC" });
    expect(matchCommand(commands, "channel", "set 07:30 UTC")).toMatchObject({ def: { name: "channel set" }, argsText: "07:30 UTC" });
    expect(matchCommand(commands, "channel", "")).toBeNull();
  });

  it("builds valid menus: hidden commands left out, names and descriptions within Telegram's limits", () => {
    const menus = commandMenus(commands);
    for (const list of [menus.everyone, menus.privateChats, menus.administrators]) {
      expect(list.length).toBeLessThanOrEqual(100);
      for (const c of list) {
        expect(c.command).toMatch(/^[a-z0-9_]{1,32}$/);
        expect(c.description.length).toBeGreaterThan(0);
        expect(c.description.length).toBeLessThanOrEqual(256);
      }
    }
    expect(menus.everyone.map((c) => c.command)).not.toContain("feed_add");
    expect(menus.administrators.map((c) => c.command)).toContain("feed_add");
  });
});
