/**
 * How citations look on every platform: source numbers as superscripts ("¹", "¹²"), read as footnote
 * marks after a sentence of a grounded summary and before the outlet they point to.
 */
const SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";

export function superscript(n: number): string {
  return String(n).replace(/\d/g, (d) => SUPERSCRIPT[Number(d)] ?? d);
}

/** Between two marks of one sentence ("¹˒²"), so they do not read as one number. */
export const CITATION_SEPARATOR = "˒";

/** Citations per sentence shown at most: more add noise, not trust. */
export const MAX_CITATIONS_SHOWN = 3;
