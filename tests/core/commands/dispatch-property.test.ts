/**
 * Whatever arrives as arguments — unicode, markup, huge, empty, numbers, control characters — every
 * command answers with a Reply, never throws, never hits the "something went wrong" path, and refusals
 * stay short and clean. Every reply is then rendered by both platforms' renderers and checked against
 * the platforms' limits (Discord embeds and components; Telegram's 4096 characters after parsing, its
 * HTML tags, 64-byte callback data), with no lone surrogate anywhere.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dispatch } from "../../../src/core/commands/dispatch.js";
import type { Invocation, Place } from "../../../src/core/commands/context.js";
import { commands } from "../../../src/core/commands/registry.js";
import { replyToText, type Reply } from "../../../src/core/commands/reply.js";
import type { Logger } from "../../../src/core/logger.js";
import { dmPlace, harness, placeA, type Harness } from "./command-fixture.js";
import { decodeHTML } from "entities";
import { createButtonIds } from "../../../src/bots/discord/button-ids.js";
import { renderReply as renderDiscord } from "../../../src/bots/discord/render-reply.js";
import { EmbedLimits } from "../../../src/bots/discord/text-limits.js";
import { CALLBACK_DATA_MAX_BYTES, CallbackCodec } from "../../../src/bots/telegram/callback-data.js";
import { parseCommandMessage } from "../../../src/bots/telegram/command-names.js";
import { renderReply as renderTelegram } from "../../../src/bots/telegram/render-reply.js";
import { MESSAGE_LIMIT } from "../../../src/bots/telegram/telegram-html.js";
import { hasLoneSurrogate } from "../../../src/core/cut-text.js";

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
  fc.constantFrom("cry\u0000pto\u0007", "\u001b[31mred", "eUrOpE/bErLiN", "👨‍👩‍👧".repeat(40), "e\u0301".repeat(150), "\ud83d", "x\u202ey"),
  fc.integer(),
  fc.boolean(),
);

/** Arguments with choices mostly get a valid choice, so later arguments are reached too. */
function argValue(choices: readonly string[] | undefined): fc.Arbitrary<string | number | boolean | undefined> {
  const any = fc.option(value, { nil: undefined, freq: 8 });
  return choices ? fc.oneof({ arbitrary: fc.constantFrom(...choices), weight: 4 }, { arbitrary: any, weight: 1 }) : any;
}

const discordIds = createButtonIds();
const telegramCodec = new CallbackCodec(commands);

/** Discord's limits for one message of embeds and buttons. */
function checkDiscord(r: Reply): void {
  const m = renderDiscord(r, discordIds);
  expect(m.allowedMentions).toEqual({ parse: [] });
  expect(m.embeds.length).toBeLessThanOrEqual(EmbedLimits.embedsPerMessage);
  let total = 0;
  for (const e of m.embeds) {
    const parts = [e.title ?? "", e.description ?? "", e.footer?.text ?? "", e.author?.name ?? "", ...(e.fields ?? []).flatMap((f) => [f.name, f.value])];
    total += parts.reduce((n, p) => n + p.length, 0);
    expect((e.title ?? "").length).toBeLessThanOrEqual(EmbedLimits.title);
    expect((e.description ?? "").length).toBeLessThanOrEqual(EmbedLimits.description);
    expect((e.fields ?? []).length).toBeLessThanOrEqual(EmbedLimits.fields);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeLessThanOrEqual(EmbedLimits.fieldName);
      expect(f.value.length).toBeLessThanOrEqual(EmbedLimits.fieldValue);
    }
  }
  expect(total).toBeLessThanOrEqual(EmbedLimits.totalPerMessage);
  expect(m.components.length).toBeLessThanOrEqual(5);
  for (const row of m.components) {
    expect(row.components.length).toBeLessThanOrEqual(5);
    for (const b of row.components) {
      expect(String(b["label"] ?? "").length).toBeLessThanOrEqual(80);
      expect(String(b["custom_id"] ?? "").length).toBeLessThanOrEqual(100);
    }
  }
  expect(hasLoneSurrogate(JSON.stringify(m))).toBe(false);
}

const TELEGRAM_TAGS = /^<\/?(b|i|u|s|code|pre|blockquote|a)(\s[^>]*)?>$/;

/** Telegram's limits: 4096 characters after entity parsing, known tags only, 64-byte callback data. */
function checkTelegram(r: Reply): void {
  const messages = renderTelegram(r, (a) => telegramCodec.encode(a));
  expect(messages.length).toBeGreaterThan(0);
  for (const m of messages) {
    for (const t of m.html.match(/<[^>]*>/g) ?? []) expect(t).toMatch(TELEGRAM_TAGS);
    const visible = decodeHTML(m.html.replace(/<[^>]*>/g, ""));
    expect(visible.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    // Every "&" starts an entity Telegram knows, so feed or user text can never break the HTML.
    expect(m.html).not.toMatch(/&(?!(amp|lt|gt|quot|#\d+|#x[0-9a-f]+);)/i);
    expect(hasLoneSurrogate(m.html)).toBe(false);
    for (const b of (m.keyboard ?? []).flat()) {
      expect(Buffer.byteLength(b.callback_data, "utf8")).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
      expect(hasLoneSurrogate(b.text)).toBe(false);
    }
  }
}

function check(r: Reply): void {
  expect(Array.isArray(r.blocks)).toBe(true);
  const text = replyToText(r);
  expect(text).not.toMatch(/\n\s+at .+:\d+/);
  expect(text).not.toMatch(/(Type|Reference|Range|Zod)Error/);
  if (r.error) expect(text.length).toBeLessThan(300);
  checkDiscord(r);
  checkTelegram(r);
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

describe("Telegram command text", () => {
  it("any text with any entities parses to a command or to nothing, never throws, and keeps the word clean", () => {
    const punct = fc.constantFrom("", "?", ":", ";", "!", ".", ",", "…", "?!", "\u0000");
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z_]{1,20}$/), fc.option(fc.constantFrom("newsdesk_test_bot", "other_bot")), punct, fc.string(), (word, bot, p, rest) => {
        const command = `/${word}${bot ? `@${bot}` : ""}`;
        const text = `${command}${p}${rest}`;
        const parsed = parseCommandMessage(text, [{ type: "bot_command", offset: 0, length: command.length }]);
        expect(parsed?.word).toBe(word);
        expect(parsed?.addressee ?? null).toBe(bot);
        // Entities that do not start at 0 are not a command at the start of the message.
        expect(parseCommandMessage(` ${text}`, [{ type: "bot_command", offset: 1, length: command.length }])).toBeNull();
      }),
      { numRuns: 2000 },
    );
  });
});
