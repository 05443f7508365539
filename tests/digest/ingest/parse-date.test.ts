import { describe, expect, it } from "vitest";
import { isPlausibleDate, parseFeedDate, pickDate } from "../../../src/digest/ingest/parse-date.js";

const iso = (s: string) => parseFeedDate(s)?.toISOString() ?? null;

describe("parseFeedDate", () => {
  it.each([
    ["Tue, 26 Nov 2024 16:42:00 +0000", "2024-11-26T16:42:00.000Z"],
    ["Tue, 26 Nov 2024 16:42:00 GMT", "2024-11-26T16:42:00.000Z"],
    ["Tue, 05 Apr 2022 14:42:18 PDT", "2022-04-05T21:42:18.000Z"],
    ["Wed, 20 Nov 2024 10:00:00 CEST", "2024-11-20T08:00:00.000Z"],
    ["Thu, 07 Dec 17 10:00:29 -0800", "2017-12-07T18:00:29.000Z"],
    ["2024-11-26T18:30:00+01:00", "2024-11-26T17:30:00.000Z"],
    ["2024-11-26 16:42:00", "2024-11-26T16:42:00.000Z"],
    ["2024-11-26", "2024-11-26T00:00:00.000Z"],
    ["Mi, 20 Nov 2024 10:00:00 +0100", "2024-11-20T09:00:00.000Z"],
    ["  Wed, 03 Jan 2018 13:47:00 GMT\r\n   ", "2018-01-03T13:47:00.000Z"],
  ])("parses %s", (raw, expected) => {
    expect(iso(raw)).toBe(expected);
  });
  it.each([
    ["Mon, 04 Nov 2024 16:31:00 ET", "2024-11-04T21:31:00.000Z"],
    ["Mon, 01 Jul 2024 16:31:00 ET", "2024-07-01T20:31:00.000Z"],
    ["Mon, 01 Jul 2024 09:00:00 PT", "2024-07-01T16:00:00.000Z"],
    ["Mon, 04 Nov 2024 09:00:00 CT", "2024-11-04T15:00:00.000Z"],
    ["Mon, 04 Nov 2024 09:00:00 MT", "2024-11-04T16:00:00.000Z"],
    ["Mon, 04 Nov 2024 09:00:00 Etc/GMT", "2024-11-04T09:00:00.000Z"],
    ["Mon, 04 Nov 2024 09:00:00 Etc/GMT+5", "2024-11-04T14:00:00.000Z"],
    ["Tue Nov 26 2024 16:42:00 GMT+0100 (Central European Standard Time)", "2024-11-26T15:42:00.000Z"],
    ["December 5, 2012 11:47 PM", "2012-12-05T23:47:00.000Z"],
    ["2024-11-26T16:42:00.123456Z", "2024-11-26T16:42:00.123Z"],
    ["2003-12", "2003-12-01T00:00:00.000Z"],
    ["Sun Jan  4 16:29:06 PST 2004", "2004-01-05T00:29:06.000Z"],
    ["Thu,01 Jan 04 19:48:21 +01:00", "2004-01-01T18:48:21.000Z"],
    ["Sun, 16 Dec 2012 1:2:3 GMT", "2012-12-16T01:02:03.000Z"],
    ["Di, 26 Okt 2024 10:00:00 +0200", "2024-10-26T08:00:00.000Z"],
    ["mar., 26 mars 2024 10:00:00 +0100", "2024-03-26T09:00:00.000Z"],
    ["26 de noviembre de 2024 10:00", "2024-11-26T10:00:00.000Z"],
    ["Dienstag, 26. März 2024 um 10:00 Uhr", "2024-03-26T10:00:00.000Z"],
  ])("parses US zone abbreviations, Etc zones and long forms: %s", (raw, expected) => {
    expect(iso(raw)).toBe(expected);
  });
  it.each(["0", "-1", "31 Feb 2024", "Sun, Dec x 2012 11:47:32 GMT", "2024-02-30", "2024-13-01T00:00:00Z", "Tue, 26 Nov 2024 25:00:00 GMT", "12345", "now"])(
    "refuses %s",
    (raw) => {
      expect(parseFeedDate(raw)).toBeNull();
    },
  );
  it("returns null for non-dates", () => {
    expect(parseFeedDate("yesterday-ish")).toBeNull();
    expect(parseFeedDate("")).toBeNull();
    expect(parseFeedDate(null)).toBeNull();
  });
});

describe("pickDate", () => {
  const now = new Date("2024-11-27T00:00:00Z");
  it("skips absurd dates (far future, before 1995) and takes the next candidate", () => {
    expect(pickDate(["2099-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "2024-11-26T00:00:00Z"], now)?.toISOString()).toBe("2024-11-26T00:00:00.000Z");
    expect(pickDate(["2099-01-01T00:00:00Z", null], now)).toBeNull();
  });
  it("tolerates a little clock skew", () => {
    expect(isPlausibleDate(new Date("2024-11-27T10:00:00Z"), now)).toBe(true);
    expect(isPlausibleDate(new Date("2024-12-01T00:00:00Z"), now)).toBe(false);
  });
});
