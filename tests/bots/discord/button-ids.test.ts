import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createButtonIds } from "../../../src/bots/discord/button-ids.js";

describe("button custom ids", () => {
  it("round-trips command and arguments within 100 characters", () => {
    const ids = createButtonIds();
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), fc.dictionary(fc.string({ maxLength: 20 }), fc.string({ maxLength: 80 }), { maxKeys: 4 }), (command, args) => {
        const id = ids.encode({ command, args });
        expect(id.length).toBeLessThanOrEqual(100);
        expect(ids.decode(id)).toEqual({ command, args });
      }),
    );
  });

  it("round-trips the view a button redraws, and reads ids made before views existed", () => {
    const ids = createButtonIds();
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 20 }), fc.string({ minLength: 1, maxLength: 20 }), fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 30 }), { maxKeys: 2 }), (command, viewCommand, args) => {
        const action = { command, args, view: { command: viewCommand, args } };
        expect(ids.decode(ids.encode(action))).toEqual(action);
      }),
    );
    expect(ids.decode("nd1:subscribe?topic=openai")).toEqual({ command: "subscribe", args: { topic: "openai" } });
    expect(ids.decode("nd1:subscribe?topic=openai|topics")).toEqual({ command: "subscribe", args: { topic: "openai" }, view: { command: "topics", args: {} } });
  });

  it("forgets parked ids beyond its capacity and ignores foreign ids", () => {
    const ids = createButtonIds(1);
    const long = { command: "x", args: { a: "y".repeat(200) } };
    const first = ids.encode(long);
    ids.encode(long);
    expect(ids.decode(first)).toBeNull();
    expect(ids.decode("someone-else")).toBeNull();
  });
});
