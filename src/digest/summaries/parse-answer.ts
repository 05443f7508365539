/**
 * Tolerant reading of a model's answer. Servers without structured output (older llama.cpp, some
 * proxies) and small local models wrap JSON in code fences or prose, prepend <think> blocks, name
 * fields loosely, or answer in plain sentences with "[1]" markers. All of these are read; anything
 * else is an error, and the caller falls back to the extractive summary.
 */
import type { ProposedSentence } from "./verify-grounding.js";

/** Longer answers are cut before parsing: 3 short sentences never need more. */
const MAX_ANSWER_CHARS = 20_000;

export class AnswerFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AnswerFormatError";
  }
}

export function parseAnswer(content: string): ProposedSentence[] {
  const text = content
    .slice(0, MAX_ANSWER_CHARS)
    .replace(/<think>[\s\S]*?(<\/think>|$)/gi, "")
    .replace(/```(?:json)?/gi, "")
    .trim();
  if (!text) throw new AnswerFormatError("the model's answer was empty");
  const json = parseJsonSomewhere(text);
  if (json !== undefined) {
    const sentences = fromJson(json);
    if (sentences) return sentences;
    if (looksLikeJson(text)) throw new AnswerFormatError("the model's JSON has no sentences");
  } else if (looksLikeJson(text)) {
    throw new AnswerFormatError("the model's answer is not valid JSON");
  }
  const plain = fromPlainText(text);
  if (plain.length === 0) throw new AnswerFormatError("the model's answer has no cited sentences");
  return plain;
}

function looksLikeJson(text: string): boolean {
  return /^[[{]/.test(text);
}

function parseJsonSomewhere(text: string): unknown {
  for (const candidate of [text, between(text, "{", "}"), between(text, "[", "]")]) {
    if (!candidate) continue;
    try {
      return JSON.parse(candidate) as unknown;
    } catch {
      // try the next candidate
    }
  }
  return undefined;
}

function between(text: string, open: string, close: string): string | null {
  const a = text.indexOf(open);
  const b = text.lastIndexOf(close);
  return a >= 0 && b > a ? text.slice(a, b + 1) : null;
}

function fromJson(v: unknown): ProposedSentence[] | null {
  const list = Array.isArray(v)
    ? v
    : v && typeof v === "object"
      ? ((v as Record<string, unknown>)["sentences"] ?? (v as Record<string, unknown>)["summary"])
      : null;
  if (!Array.isArray(list)) return null;
  const out: ProposedSentence[] = [];
  for (const entry of list) {
    if (!entry || typeof entry !== "object") continue;
    const e = entry as Record<string, unknown>;
    const text = e["text"] ?? e["sentence"];
    if (typeof text !== "string") continue;
    const translation = e["translation"];
    out.push({
      text,
      sources: numbers(e["sources"] ?? e["citations"] ?? e["cites"] ?? e["source"]),
      ...(typeof translation === "string" && translation.trim() ? { translation } : {}),
    });
  }
  return out.length ? out : null;
}

/** Source numbers given as 2, "2", "[2]", [1, "3"] or "1, 3". */
function numbers(v: unknown): number[] {
  const items = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  const out: number[] = [];
  for (const item of items) {
    if (typeof item === "number" && Number.isInteger(item)) out.push(item);
    else if (typeof item === "string") for (const m of item.matchAll(/\d+/g)) out.push(Number(m[0]));
  }
  return out;
}

/** "Sentence one [1]. Sentence two [1][3]." → sentences with the markers as citations; uncited text is left out. */
function fromPlainText(text: string): ProposedSentence[] {
  const out: ProposedSentence[] = [];
  const lines = text.split(/\n+/).map((l) => l.replace(/^\s*(?:[-*•]|\d+[.)])\s+/, "").trim());
  for (const line of lines) {
    for (const m of line.matchAll(/(.+?)\s*((?:\[\d+(?:\s*,\s*\d+)*\]\s*)+)([.!?]?)/g)) {
      const body = `${(m[1] ?? "").trim()}${m[3] ?? ""}`.trim();
      const cites = [...(m[2] ?? "").matchAll(/\d+/g)].map((d) => Number(d[0]));
      if (body.length > 1 && cites.length) out.push({ text: body, sources: cites });
    }
  }
  return out;
}
