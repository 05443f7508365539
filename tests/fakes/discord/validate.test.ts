import { describe, expect, it } from "vitest";
import { FakeApiError } from "./api-error.js";
import { validateCommands, validateMessageBody } from "./validate.js";

function errorOf(fn: () => void): FakeApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof FakeApiError) return e;
    throw e;
  }
  throw new Error("expected a FakeApiError");
}

describe("validateMessageBody", () => {
  it("accepts content at exactly 2000 code points and refuses 2001", () => {
    expect(() => validateMessageBody({ content: "é".repeat(2000) })).not.toThrow();
    // Emoji are two UTF-16 units but one character for Discord.
    expect(() => validateMessageBody({ content: "🤖".repeat(2000) })).not.toThrow();
    const e = errorOf(() => validateMessageBody({ content: "x".repeat(2001) }));
    expect(e.status).toBe(400);
    expect(e.toJSON()).toEqual({
      code: 50035,
      message: "Invalid Form Body",
      errors: { content: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH", message: "Must be 2000 or fewer in length." }] } },
    });
  });

  it("refuses empty messages with 50006, whitespace included", () => {
    expect(errorOf(() => validateMessageBody({})).code).toBe(50006);
    expect(errorOf(() => validateMessageBody({ content: "  \n", embeds: [] })).code).toBe(50006);
    expect(() => validateMessageBody({ content: "" }, { partial: true })).not.toThrow();
  });

  it("checks each embed limit at its boundary and reports the field path", () => {
    const ok = {
      title: "t".repeat(256),
      description: "d".repeat(4096),
      fields: Array.from({ length: 25 }, () => ({ name: "n", value: "v".repeat(10) })),
      footer: { text: "f" },
      author: { name: "a".repeat(256) },
    };
    expect(() => validateMessageBody({ embeds: [ok] })).not.toThrow();
    const bad = errorOf(() =>
      validateMessageBody({
        embeds: [
          {
            title: "t".repeat(257),
            fields: [{ name: "n".repeat(257), value: "v".repeat(1025) }, { name: "", value: "x" }],
            footer: { text: "f".repeat(2049) },
            author: { name: "a".repeat(257) },
          },
        ],
      }),
    );
    const tree = bad.toJSON().errors as Record<string, Record<string, Record<string, unknown>>>;
    const e0 = tree.embeds?.["0"] as Record<string, unknown>;
    expect(Object.keys(e0).sort()).toEqual(["author", "fields", "footer", "title"]);
    expect(JSON.stringify(e0.fields)).toContain('"1":{"name":{"_errors":[{"code":"BASE_TYPE_REQUIRED"');
    expect(errorOf(() => validateMessageBody({ embeds: [{ fields: Array(26).fill({ name: "a", value: "b" }) }] })).code).toBe(50035);
  });

  it("limits embeds to 10 per message and 6000 characters in total", () => {
    const embed = { description: "d".repeat(600) };
    expect(() => validateMessageBody({ embeds: Array(10).fill(embed) })).not.toThrow();
    const eleven = errorOf(() => validateMessageBody({ embeds: Array(11).fill({ title: "x" }) }));
    expect(JSON.stringify(eleven.errors)).toContain("Must be 10 or fewer in length.");
    // 10 × 600 is exactly 6000; one more title character tips it over.
    const tooBig = errorOf(() => validateMessageBody({ embeds: [{ ...embed, title: "x" }, ...Array(9).fill(embed)] }));
    expect(JSON.stringify(tooBig.errors)).toContain("MAX_EMBED_SIZE_EXCEEDED");
  });

  it("only allows http(s) urls (attachment:// for images)", () => {
    expect(() => validateMessageBody({ embeds: [{ title: "a", url: "https://x.org", image: { url: "attachment://a.png" } }] })).not.toThrow();
    for (const url of ["javascript:alert(1)", "ftp://x.org/a", "not a url"]) {
      expect(errorOf(() => validateMessageBody({ embeds: [{ title: "a", url }] })).code).toBe(50035);
    }
  });

  it("checks nonces and allowed_mentions exclusivity", () => {
    expect(errorOf(() => validateMessageBody({ content: "a", nonce: "n".repeat(26) })).code).toBe(50035);
    const am = errorOf(() => validateMessageBody({ content: "a", allowed_mentions: { parse: ["users"], users: ["1"] } }));
    expect(JSON.stringify(am.errors)).toContain("MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE");
  });
});

describe("validateCommands", () => {
  it("accepts lower-case names and rejects bad names, long descriptions and duplicates", () => {
    expect(validateCommands([{ name: "feed-add", description: "Add" }])).toHaveLength(1);
    const e = errorOf(() =>
      validateCommands([
        { name: "Feed", description: "x" },
        { name: "ok", description: "d".repeat(101) },
        { name: "ok", description: "again" },
      ]),
    );
    expect(Object.keys(e.errors ?? {}).sort()).toEqual(["0", "1", "2"]);
  });
});
