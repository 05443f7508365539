/**
 * Whatever arrives as arguments — unicode, markup, huge, empty, numbers — every command answers with a
 * Reply, never throws, never hits the "something went wrong" path, and refusals stay short and clean.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dispatch } from "../../../src/core/commands/dispatch.js";
import type { Invocation, Place } from "../../../src/core/commands/context.js";
import { commands } from "../../../src/core/commands/registry.js";
import { replyToText, type Reply } from "../../../src/core/commands/reply.js";
import type { Logger } from "../../../src/core/logger.js";
import { dmPlace, harness, placeA, type Harness } from "./command-fixture.js";

const logged: unknown[] = [];
const recording: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: (...a: unknown[]) => void logged.push(a),
  child: () => recording,
};

let h: Harness;
beforeAll(async () => {
  h = await harness();
  h.deps.logger = recording;
  // Some state for the commands to work on.
  await h.run("channel follow", { topic: "openai" }, { moderator: true });
  await h.run("subscribe", { topic: "agents" });
});
afterAll(async () => {
  await h.close();
});

const value = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 50 }),
  fc.string({ unit: "binary", maxLength: 50 }),
  fc.string({ minLength: 30, maxLength: 120 }),
  fc.string({ minLength: 3000, maxLength: 6000 }),
  fc.constantFrom("", " ", "all", "openai", "opneai", "07:30", "25:61", "Mars/Olympus", "Europe/Berlin", "include", "exclude", "https://x.example/feed"),
  fc.constantFrom("<b>bold</b>", "**md** `code` @everyone", "<script>alert(1)</script>", "a\nb\r\nc", "\u0000\u202e", "💥".repeat(300), "robot(s)?", "a,b,,c"),
  fc.integer(),
  fc.boolean(),
);

/** Arguments with choices mostly get a valid choice, so later arguments are reached too. */
function argValue(choices: readonly string[] | undefined): fc.Arbitrary<string | number | boolean | undefined> {
  const any = fc.option(value, { nil: undefined, freq: 8 });
  return choices ? fc.oneof({ arbitrary: fc.constantFrom(...choices), weight: 4 }, { arbitrary: any, weight: 1 }) : any;
}

function check(r: Reply): void {
  expect(Array.isArray(r.blocks)).toBe(true);
  const text = replyToText(r);
  expect(text).not.toMatch(/\n\s+at .+:\d+/);
  expect(text).not.toMatch(/(Type|Reference|Range|Zod)Error/);
  if (r.error) expect(text.length).toBeLessThan(300);
}

describe("dispatch over random arguments", () => {
  for (const def of commands) {
    it(`/${def.name} always answers`, async () => {
      logged.length = 0;
      const names = Object.keys(def.args);
      await fc.assert(
        fc.asyncProperty(
          fc.record(Object.fromEntries(names.map((n) => [n, argValue(def.args[n]?.choices)])) as Record<string, fc.Arbitrary<string | number | boolean | undefined>>),
          // Mostly a moderator in a community, so the commands' own paths run, not just the gate.
          fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, { arbitrary: fc.constant(false), weight: 1 }),
          fc.oneof({ arbitrary: fc.constant(false), weight: 3 }, { arbitrary: fc.constant(true), weight: 1 }),
          async (args, moderator, inDm) => {
            const place: Place = inDm ? dmPlace("u1") : placeA;
            const inv: Invocation = { command: def.name, args, actor: { platform: "discord", userId: "u1", isModerator: moderator }, place };
            check(await dispatch(commands, inv, h.deps));
          },
        ),
        { numRuns: 150 },
      );
      expect(logged).toEqual([]);
    });
  }
});
