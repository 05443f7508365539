import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/index.js";

describe("newsdesk help", () => {
  it("lists every option the commands accept", async () => {
    const out: string[] = [];
    expect(await runCli(["help"], { out: (l) => out.push(l), err: (l) => out.push(l) })).toBe(0);
    const text = out.join("\n");
    expect(text).toMatch(/feeds add <url\|path> \[--force\]/);
    expect(text).toMatch(/feeds list \[--all\]/);
    expect(text).toMatch(/opml export \[file\] \[--all\]/);
    expect(text).toMatch(/digest preview .*\[--max n\] \[--color\]/);
    expect(text).toContain("ALLOW_PRIVATE_FEED_HOSTS=true");
  });

  it("names an unknown command", async () => {
    const err: string[] = [];
    expect(await runCli(["frob"], { out: () => {}, err: (l) => err.push(l) })).toBe(2);
    expect(err).toEqual(["unknown command 'frob'. Run 'newsdesk help'."]);
  });
});
