import { ChannelType, PermissionFlagsBits as P } from "discord.js";
import { describe, expect, it } from "vitest";
import { missingPermissions, missingPermissionsMessage } from "../../../src/bots/discord/channel-permissions.js";

describe("channel permission pre-check", () => {
  it("names what is missing for channels, threads and forums", () => {
    expect(missingPermissions(ChannelType.GuildText, P.ViewChannel | P.SendMessages | P.EmbedLinks)).toEqual([]);
    expect(missingPermissions(ChannelType.GuildText, P.ViewChannel)).toEqual(["Send Messages", "Embed Links"]);
    expect(missingPermissions(ChannelType.PublicThread, P.ViewChannel | P.SendMessages | P.EmbedLinks)).toEqual(["Send Messages in Threads"]);
    expect(missingPermissions(ChannelType.GuildForum, 0n)).toEqual(["View Channel", "Send Messages", "Embed Links"]);
    expect(missingPermissions(ChannelType.GuildText, P.Administrator)).toEqual([]);
    expect(missingPermissionsMessage("#news", ["Send Messages", "Embed Links"])).toContain("missing Send Messages and Embed Links there");
  });
});
