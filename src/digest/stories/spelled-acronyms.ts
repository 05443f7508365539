/**
 * Acronyms of names a text spells out. Outlets name an agency or an institute one way in a headline
 * and the other in the body: "DARPA reveals an AI agent has dogfought a human" beside "The Defense
 * Advanced Research Projects Agency said …", "NHTSA" beside "the National Highway Traffic Safety
 * Administration", "TII" beside "the Technology Innovation Institute". To the clusterer the two are
 * different words, and a headline name the story never mentions reads as another subject
 * (`subjectsConflict`). A text that spells out a name of three or more capitalised words also
 * carries its initials, so both spellings meet.
 *
 * Initials of any such run are added, whether or not anyone writes the acronym: an acronym nobody
 * uses ("MLCS" for "Majority Leader Chuck Schumer") is a word in no other text, which matches nothing.
 * Two or three words of two letters ("SA": "Sam Altman", "South Africa") would collide, so runs are of
 * three capitalised words at least.
 */

/**
 * A name of three to six capitalised words, with at most one small word between two of them ("Bank
 * of England …"), not opened by an article; a longer run of capitals (a Title Case headline, a list
 * of people) names nothing. One native regular expression: the clusterer reads every text through
 * here, and a word-by-word scan cost a tenth of its time.
 */
const RUN =
  /(?<![\p{L}\p{N}'’-]|\p{Lu}\p{Ll}*[ -](?:(?:of|for|and|on|the|&) )?)(?:(?:The|An?) )?(\p{Lu}\p{Ll}+(?:[ -](?:(?:of|for|and|on|the|&) )?\p{Lu}\p{Ll}+){2,5})(?![\p{L}\p{N}'’]|[ -](?:(?:of|for|and|on|the|&) )?\p{Lu})/gu;
const CAPITALISED = /^\p{Lu}/u;
/** Words of a headline written in Title Case ("Fed Official Says Weak Data Caused By Weather"): every run of it is a "name". */
const TITLE_CASE_SHARE = 0.7;

/** Most words of four letters or more start with a capital. */
export function isTitleCase(text: string): boolean {
  const words = text.match(/\p{L}{4,}/gu) ?? [];
  return words.length >= 3 && words.filter((w) => CAPITALISED.test(w)).length >= TITLE_CASE_SHARE * words.length;
}

/** The initials of each name of 3 to 6 capitalised words the text spells out ("DARPA"), in order, once each. */
export function spelledAcronyms(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(RUN)) {
    const words = (m[1] ?? "").split(/[ -]/).filter((w) => CAPITALISED.test(w));
    const acronym = words.map((w) => w[0]).join("");
    if (!out.includes(acronym)) out.push(acronym);
  }
  return out;
}

/**
 * The summary followed by the acronyms its document spells out ("… (DARPA)"), as a bracket would be
 * written; a Title Case headline spells out nothing (`isTitleCase`). Undefined stays undefined.
 */
export function summaryWithAcronyms(title: string, summary: string | undefined): string | undefined {
  // Every text of a clustering run comes through here: one whose words rarely start with a capital
  // (a lower-case feed, the synthetic bench) need not pay for `RUN` and `isTitleCase`'s word list.
  if (!mayNameRun(title, summary ?? "")) return summary;
  const acronyms = spelledAcronyms(isTitleCase(title) ? (summary ?? "") : `${title}. ${summary ?? ""}`);
  return acronyms.length === 0 ? summary : `${summary ?? ""} (${acronyms.join(", ")})`;
}

/**
 * Whether `RUN` can match in the title, the summary or the two joined (". " between them, which
 * starts no word): each of its three or more words opens with a capital followed by a small letter,
 * so texts with fewer than three such pairs have no run. Any non-ASCII character: maybe (`\p{Lu}`
 * and `\p{Ll}` take other scripts too), so `RUN` decides. A native scan: a loop over the characters
 * cost as much as the regular expressions it saves.
 */
function mayNameRun(title: string, summary: string): boolean {
  let pairs = 0;
  for (const text of [title, summary]) {
    PAIR.lastIndex = 0;
    for (let m = PAIR.exec(text); m; m = PAIR.exec(text)) if (m[0].charCodeAt(0) >= 128 || ++pairs >= 3) return true;
  }
  return false;
}

const PAIR = /[A-Z][a-z]|[^\0-\x7f]/g;
