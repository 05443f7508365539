import { describe, expect, it } from "vitest";
import { parseTypedArgs, placeOf } from "../../../src/bots/telegram/invocation.js";
import { commands } from "../../../src/core/commands/registry.js";

const channelSet = commands.find((c) => c.name === "channel set")!;

describe("parseTypedArgs", () => {
  it("takes a named chat from any position and the other arguments in order", () => {
    expect(parseTypedArgs(channelSet, "@aidaily 08:00 Europe/Berlin")).toEqual({
      args: { time: "08:00", zone: "Europe/Berlin", channel: "@aidaily" },
      channelRef: "@aidaily",
      channelArg: "channel",
    });
    expect(parseTypedArgs(channelSet, "08:00 Europe/Berlin -1001234567").channelRef).toBe("-1001234567");
    expect(parseTypedArgs(channelSet, "https://t.me/aidaily 08:00").channelRef).toBe("@aidaily");
  });

  it("targets the current chat when no chat is named", () => {
    expect(parseTypedArgs(channelSet, "08:00 Europe/Berlin")).toEqual({
      args: { time: "08:00", zone: "Europe/Berlin" },
      channelRef: null,
      channelArg: "channel",
    });
  });
});

describe("placeOf", () => {
  it("maps chats to places; a forum topic message gives the thread", () => {
    expect(placeOf({ id: 5, type: "private", first_name: "A" })).toMatchObject({ isPrivate: true, communityId: null, chatId: "5" });
    expect(
      placeOf({ id: -100, type: "supergroup", title: "F", is_forum: true }, { is_topic_message: true, message_thread_id: 4 }),
    ).toMatchObject({ isPrivate: false, communityId: "telegram:-100", communityName: "F", threadId: "4" });
    // A reply thread in an ordinary supergroup is not a topic.
    expect(placeOf({ id: -100, type: "supergroup", title: "G" }, { message_thread_id: 4 }).threadId).toBeNull();
  });
});
