/** A headline that dates what it develops ("three weeks later"), and when that is older than the story it would develop. */
const UNIT_MS: Readonly<Record<string, number>> = { hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000, month: 30 * 86_400_000, year: 365 * 86_400_000 };
const COUNT: Readonly<Record<string, number>> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12 };
/** "three weeks later", "a month after", "two years on", "6 months since". */
const ELAPSED = /\b(an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,3})\s+(hour|day|week|month|year)s?\s+(?:later|after|on|since)\b/gi;

/**
 * The headline says how long ago what it develops happened, and that is more than twice the time
 * since the earlier story broke: it develops an older event, which the earlier story only recalls.
 * "Three weeks later, Gemini still won't draw people" (Google's pause of Gemini's image generation)
 * came 14 hours after Google limited Gemini's election answers, a story whose items mention that
 * pause in passing: "still" and "Gemini" made it an update of the election story. The factor
 * leaves room for rounding ("a day after" 15–36 hours later); 1.5–30 give the same links on every
 * dev set (the one such headline is 36 times its gap).
 */
export function datesOlderEvent(title: string, gapMs: number): boolean {
  for (const m of title.matchAll(ELAPSED)) {
    const n = COUNT[(m[1] ?? "").toLowerCase()] ?? Number(m[1]);
    const unit = UNIT_MS[(m[2] ?? "").toLowerCase()] ?? 0;
    if (n * unit > 2 * gapMs) return true;
  }
  return false;
}
