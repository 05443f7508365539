/**
 * Small helpers for refusing a command: a CommandError whose text is the reply, and a safe way to
 * echo user input back (short, one line) so a refusal can never grow into a wall of text.
 */
import { cutText } from "../cut-text.js";
import { CommandError } from "../errors.js";

export const MAX_REFUSAL = 280;

/** Stop the command with a short reply shown to the user as it is. */
export function fail(userMessage: string, code = "command"): never {
  // Capped here so no refusal, whatever it quotes, can exceed a short chat line.
  const text = quote(userMessage, MAX_REFUSAL);
  throw new CommandError(text, { code, userMessage: text });
}

/** User input as it may appear inside a reply: one line, control characters removed, at most `max` chars. */
export function quote(input: string, max = 40): string {
  const one = input
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ")
    // Half a surrogate pair (possible in JSON-escaped input) would make the reply invalid UTF-8.
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd")
    .trim();
  // `max` counts characters (code points); the cut itself keeps graphemes whole.
  return Array.from(one).length > max ? cutText(one, Array.from(one).slice(0, max - 1).join("").length + 1) : one;
}
