import { describe, expect, it } from "vitest";
import { WordTable } from "../../../src/digest/stories/word-table.js";

describe("WordTable", () => {
  it("finds a word wherever it stands and whatever its case, as its lower-case string would", () => {
    const table = new WordTable();
    const text = "OpenAI ships GPT5 today openai";
    expect(table.get(text, 0, 6)).toBe(-1);
    table.set(0);
    expect(table.get(text, 24, 30)).toBe(0); // "openai"
    expect(table.get("OPENAI", 0, 6)).toBe(0);
    expect(table.get("opena", 0, 5)).toBe(-1); // a prefix is another word
    expect(table.get("openai2", 0, 7)).toBe(-1);
    expect(table.get(text, 13, 17)).toBe(-1);
    table.set(1);
    expect(table.get("gpt5", 0, 4)).toBe(1);
  });

  it("keeps every word through growth", () => {
    const table = new WordTable();
    const words = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}x${(i * 7919).toString(36)}`);
    words.forEach((w, i) => {
      expect(table.get(w, 0, w.length)).toBe(-1);
      table.set(i);
    });
    words.forEach((w, i) => expect(table.get(w.toUpperCase(), 0, w.length)).toBe(i));
  });

  it("counts a run of digits as one \"0\" when asked (a template key), and every digit otherwise", () => {
    const keys = new WordTable(true);
    expect(keys.get("Score12x3", 0, 9)).toBe(-1);
    keys.set(0);
    expect(keys.get("score0x0", 0, 8)).toBe(0);
    expect(keys.get("SCORE7X41", 0, 9)).toBe(0);
    expect(keys.get("score1x", 0, 7)).toBe(-1);
    expect(keys.get("9score9x9", 1, 9)).toBe(0); // a run starts at the word, whatever precedes it
    const words = new WordTable();
    expect(words.get("gpt5", 0, 4)).toBe(-1);
    words.set(0);
    expect(words.get("GPT5", 0, 4)).toBe(0);
    expect(words.get("gpt0", 0, 4)).toBe(-1);
    expect(words.get("gpt55", 0, 5)).toBe(-1);
  });

  it("finds an ASCII word given as bytes as it does from the string", () => {
    const bytes = (t: string): Uint8Array => new TextEncoder().encode(t);
    for (const digitRuns of [false, true]) {
      const table = new WordTable(digitRuns);
      const text = "OpenAI ships GPT5 today openai 2024x12";
      expect(table.getBytes(bytes(text), 0, 6)).toBe(-1);
      table.set(0); // a set follows the get that missed
      expect(table.getBytes(bytes(text), 24, 30)).toBe(0);
      expect(table.getBytes(bytes("OPENAI"), 0, 6)).toBe(0);
      expect(table.getBytes(bytes(text), 13, 17)).toBe(-1);
      expect(table.getBytes(bytes(text), 31, 38)).toBe(-1);
      table.set(1);
      expect(table.getBytes(bytes("2024x12"), 0, 7)).toBe(1);
      expect(table.getBytes(bytes("7x3"), 0, 3)).toBe(digitRuns ? 1 : -1);
    }
  });
});
