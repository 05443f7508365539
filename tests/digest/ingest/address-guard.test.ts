import { describe, expect, it } from "vitest";
import { guardedLookup, isPublicAddress, literalAddressBlocked } from "../../../src/digest/ingest/address-guard.js";

describe("isPublicAddress", () => {
  it.each([
    "127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "100.64.0.1", "169.254.169.254", "0.0.0.0",
    "224.0.0.1", "255.255.255.255", "::1", "::", "fc00::1", "fd12:3456::1", "fe80::1", "ff02::1",
    "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe", "not-an-ip",
    // IPv4-compatible (::/96), tunnelled to IPv4 on some kernels.
    "::7f00:1", "::127.0.0.1", "::a00:1", "::808:808",
  ])("refuses %s", (addr) => {
    expect(isPublicAddress(addr)).toBe(false);
  });
  it.each(["93.184.216.34", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])("allows %s", (addr) => {
    expect(isPublicAddress(addr)).toBe(true);
  });
});

describe("guardedLookup", () => {
  const lookup = (answers: { address: string; family: number }[], all: boolean) =>
    new Promise<{ err: Error | null; address: unknown }>((ok) =>
      guardedLookup(async () => answers, false)("host.test", { all }, (err, address) => ok({ err, address })),
    );
  it("hands on checked public addresses in both callback forms", async () => {
    expect((await lookup([{ address: "1.1.1.1", family: 4 }], false)).address).toBe("1.1.1.1");
    expect((await lookup([{ address: "1.1.1.1", family: 4 }], true)).address).toEqual([{ address: "1.1.1.1", family: 4 }]);
  });
  it("refuses an answer where any address is private", async () => {
    const r = await lookup([{ address: "1.1.1.1", family: 4 }, { address: "127.0.0.1", family: 4 }], true);
    expect(r.err?.message).toMatch(/not a public address/);
  });
});

describe("literalAddressBlocked", () => {
  it("checks IP-literal hosts, which never reach a lookup", () => {
    expect(literalAddressBlocked(new URL("http://[::1]:8080/"), false)).not.toBeNull();
    expect(literalAddressBlocked(new URL("http://2130706433/"), false)).not.toBeNull();
    expect(literalAddressBlocked(new URL("http://example.com/"), false)).toBeNull();
    expect(literalAddressBlocked(new URL("http://127.0.0.1/"), true)).toBeNull();
  });
});
