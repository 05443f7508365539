/**
 * The coverage line every renderer shows under a story, worded once so Discord, Telegram and the
 * console previews say the same thing.
 */
import type { StoryCoverage } from "./types.js";

/**
 * "8 outlets · first: TechWire, 15:10 · primary source: openai.com"; for one outlet "TechWire, 15:10".
 * Names are passed through `name` so each renderer escapes and shortens them its own way.
 */
export function coverageLine(c: StoryCoverage, name: (outlet: string) => string = (n) => n): string {
  const parts: string[] = [];
  if (c.outlets > 1) {
    parts.push(`${c.outlets} outlets`);
    if (c.first) parts.push(`first: ${name(c.first.name)}, ${c.first.time}`);
  } else if (c.first) parts.push(`${name(c.first.name)}, ${c.first.time}`);
  if (c.primary) parts.push(`primary source: ${c.primary}`);
  return parts.join(" · ");
}
