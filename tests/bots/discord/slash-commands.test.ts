import { describe, expect, it } from "vitest";
import { buildSlashCommands, commandsHash, optionName } from "../../../src/bots/discord/slash-commands.js";
import { arg, defineCommand } from "../../../src/core/commands/define-command.js";
import { reply } from "../../../src/core/commands/reply.js";

const cmd = (name: string, over: Partial<Parameters<typeof defineCommand>[0]> = {}) =>
  defineCommand({ name, description: `${name} it`, audience: "member", where: "any", args: {}, run: async () => reply.text("ok"), ...over });

describe("buildSlashCommands", () => {
  it("groups 'a b' as subcommands and 'a b c' as subcommand groups", () => {
    const out = buildSlashCommands([cmd("feed add"), cmd("feed admin remove"), cmd("help"), cmd("feed list")]);
    expect(out.map((c) => c.name)).toEqual(["feed", "help"]);
    const feed = out[0];
    expect(feed?.options.map((o) => [o.name, o.type])).toEqual([
      ["add", 1],
      ["admin", 2],
      ["list", 1],
    ]);
    expect(feed?.options[1]?.options?.map((o) => o.name)).toEqual(["remove"]);
  });

  it("gives moderator-only commands Manage Server by default and guild-only ones the guild context", () => {
    const out = buildSlashCommands([
      cmd("channel set", { audience: "moderator", where: "community" }),
      cmd("channel off", { audience: "moderator", where: "community" }),
      cmd("me", { where: "private" }),
    ]);
    expect(out[0]).toMatchObject({ name: "channel", default_member_permissions: "32", contexts: [0] });
    expect(out[1]).toMatchObject({ name: "me", default_member_permissions: null, contexts: [0, 1] });
  });

  it("maps argument kinds to option types, required first, and leaves hidden commands out", () => {
    const out = buildSlashCommands([
      cmd("set", {
        args: {
          where: arg.channel({ description: "where" }),
          maxStories: arg.integer({ description: "n", min: 1, max: 50 }),
          on: arg.optional(arg.boolean({ description: "on" })),
          mode: arg.string({ description: "m", choices: ["include", "exclude"] }),
        },
      }),
      cmd("confirm it", { hidden: true }),
    ]);
    expect(out).toHaveLength(1);
    expect(out[0]?.options.map((o) => [o.name, o.type, o.required])).toEqual([
      ["max_stories", 4, true],
      ["mode", 3, true],
      ["where", 7, false],
      ["on", 5, false],
    ]);
    expect(out[0]?.options[1]?.choices).toEqual([
      { name: "include", value: "include" },
      { name: "exclude", value: "exclude" },
    ]);
  });

  it("refuses a name that is both a command and a group", () => {
    expect(() => buildSlashCommands([cmd("feed"), cmd("feed add")])).toThrow(/both a command and a group/);
  });

  it("hashes definitions and scope, so a change in either re-registers", () => {
    const a = buildSlashCommands([cmd("help")]);
    const b = buildSlashCommands([cmd("help", { description: "changed" })]);
    expect(commandsHash(a, "global")).toBe(commandsHash(buildSlashCommands([cmd("help")]), "global"));
    expect(commandsHash(a, "global")).not.toBe(commandsHash(b, "global"));
    expect(commandsHash(a, "global")).not.toBe(commandsHash(a, "guild:1"));
    expect(optionName("maxStories")).toBe("max_stories");
  });
});
