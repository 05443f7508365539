import { describe, expect, it } from "vitest";
import { canonicalTimeZone, isMatchable, timeAndZone, urlSchema, wordSchema } from "../../../src/core/commands/arg-schemas.js";

describe("time-zone abbreviations", () => {
  it("map to the zones people mean, in any case", () => {
    expect(canonicalTimeZone("EST")).toBe("America/New_York");
    expect(canonicalTimeZone("et")).toBe("America/New_York");
    expect(canonicalTimeZone("CST")).toBe("America/Chicago");
    expect(canonicalTimeZone("MDT")).toBe("America/Denver");
    expect(canonicalTimeZone("pst")).toBe("America/Los_Angeles");
    expect(canonicalTimeZone("CET")).toBe("Europe/Berlin");
    expect(canonicalTimeZone("CEST")).toBe("Europe/Berlin");
    expect(canonicalTimeZone("GMT")).toBe("Europe/London");
    expect(canonicalTimeZone("BST")).toBe("Europe/London");
    expect(canonicalTimeZone("IST")).toBe("Asia/Kolkata");
    expect(canonicalTimeZone("JST")).toBe("Asia/Tokyo");
    expect(canonicalTimeZone("AEDT")).toBe("Australia/Sydney");
    expect(timeAndZone(["EST", "07:30"])).toEqual({ timeOfDay: "07:30", timeZone: "America/New_York" });
  });

  it("leave IANA names and UTC alone", () => {
    expect(canonicalTimeZone("europe/berlin")).toBe("Europe/Berlin");
    expect(canonicalTimeZone("UTC")).toBe("UTC");
    expect(canonicalTimeZone("Nowhere/Land")).toBeNull();
  });
});

describe("urlSchema", () => {
  it("reads host:port without a scheme as an https address", () => {
    expect(urlSchema.parse("example.com:8080/feed")).toBe("https://example.com:8080/feed");
    expect(urlSchema.parse("localhost:41413/r.xml")).toBe("https://localhost:41413/r.xml");
    expect(urlSchema.parse("example.com:8443")).toBe("https://example.com:8443/");
    expect(urlSchema.parse("http://example.com:8080/feed")).toBe("http://example.com:8080/feed");
  });

  it("still refuses other schemes", () => {
    expect(urlSchema.safeParse("ftp://example.com/feed").success).toBe(false);
    expect(urlSchema.safeParse("javascript:alert(1)").success).toBe(false);
    expect(urlSchema.safeParse("file:///etc/passwd").success).toBe(false);
  });
});

describe("matchable words", () => {
  it("needs a letter or digit the digest's tokeniser keeps", () => {
    for (const w of ["robot", "GPT-5", "Ça va", "нейросеть", "42"]) expect(isMatchable(w), w).toBe(true);
    for (const w of ["🤖", "日本", "机器人", "!!!", "—"]) expect(isMatchable(w), w).toBe(false);
  });

  it("refuses an unmatchable filter word with the reason", () => {
    const r = wordSchema.safeParse("🤖");
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe("'🤖' can't be matched: use letters or digits");
    expect(wordSchema.parse("  Elon   Musk ")).toBe("elon musk");
  });
});
