import { describe, expect, it } from "vitest";
import { parseScenario, ScenarioFileError } from "../../../src/digest/eval/scenario-file.js";

const line = (o: Record<string, unknown> = {}): string =>
  JSON.stringify({
    id: "e01-1",
    story: "e01",
    source: "TechWire",
    url: "https://techwire.example/2024/05/13/a",
    published: "2024-05-13T10:00:00Z",
    title: "A",
    summary: "",
    ai: true,
    topics: ["OpenAI"],
    followup_of: null,
    ...o,
  });

describe("parseScenario", () => {
  it("reads items with their file position, null dates as undated", () => {
    const items = parseScenario([line(), "", line({ id: "e01-2", published: null })].join("\n"));
    expect(items.map((i) => [i.id, i.line, i.published])).toEqual([
      ["e01-1", 0, Date.parse("2024-05-13T10:00:00Z")],
      ["e01-2", 1, null],
    ]);
  });

  it("names the line and the field of a bad item", () => {
    expect(() => parseScenario([line(), line({ id: "x", ai: "yes" })].join("\n"))).toThrow(/line 2: ai/);
    expect(() => parseScenario("{not json")).toThrow(ScenarioFileError);
    expect(() => parseScenario([line(), line()].join("\n"))).toThrow(/duplicate id 'e01-1'/);
    expect(() => parseScenario(line({ published: "yesterday" }))).toThrow(/published/);
    expect(() => parseScenario("\n\n")).toThrow(/no items/);
  });
});
