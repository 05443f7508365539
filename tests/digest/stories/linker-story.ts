/** Test helper: a follow-up linker story of (title, summary) items first seen at `at` (null: undated). */
import type { LinkerStory } from "../../../src/digest/stories/follow-up-linker.js";

export const linkerStory = (id: string, at: number | null, ...items: [string, string][]): LinkerStory => ({
  id,
  firstSeen: at,
  items: items.map(([title, summary]) => ({ title, summary })),
});
