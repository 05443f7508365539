import { describe, expect, it } from "vitest";
import { AnswerFormatError, parseAnswer } from "../../../src/digest/summaries/parse-answer.js";

describe("parseAnswer", () => {
  it("reads the schema's JSON", () => {
    expect(parseAnswer('{"sentences":[{"text":"A b c.","sources":[1,2]}]}')).toEqual([{ text: "A b c.", sources: [1, 2] }]);
  });

  it("reads JSON in code fences, after a <think> block, with loose field names and string numbers", () => {
    const content = '<think>let me see {"x":1}</think>\nHere you go:\n```json\n{"summary":[{"sentence":"A b c.","citations":["[1]", "3"]}]}\n```';
    expect(parseAnswer(content)).toEqual([{ text: "A b c.", sources: [1, 3] }]);
  });

  it("reads plain sentences with [n] markers, before or after the full stop", () => {
    expect(parseAnswer("- OpenAI launched o1 [1]. It reasons longer. [1][2]\n- Uncited prose is left out.")).toEqual([
      { text: "OpenAI launched o1.", sources: [1] },
      { text: "It reasons longer.", sources: [1, 2] },
    ]);
  });

  it("refuses broken JSON, JSON without sentences, and an empty answer", () => {
    expect(() => parseAnswer('{"sentences":[{"text":"A b c.","sources":[1]}')).toThrow(AnswerFormatError);
    expect(() => parseAnswer('{"answer":"A b c."}')).toThrow(/no sentences/);
    expect(() => parseAnswer("  ")).toThrow(/empty/);
    expect(() => parseAnswer("Just prose without any citation.")).toThrow(/no cited sentences/);
  });
});
