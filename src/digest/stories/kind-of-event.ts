/**
 * Fragments of one event do not say different kinds of things happened. Complementary fragments
 * (`complementary-fragments.ts`) are merged on a shared rare name alone; a piece that says something
 * happened (a launch, a departure, a funding round: the event classes of `story-evidence.ts`) of
 * which the story says nothing of the kind is the name's other news, as an editor tells "Waymo is
 * getting DoorDashers to close doors" (a pilot launched) from the federal probe of Waymo. A piece
 * with no event word (a hands-on, an explainer: most real fragments) says nothing against it. The
 * more feeds an instance has, the more of a company's other news is in the hours of any of its events.
 */
import type { Cluster } from "./cluster-state.js";

/** Both stories say what kind of event happened, and no kind is the same. */
export function otherKindOfEvent(a: Cluster, b: Cluster): boolean {
  return a.events !== 0 && b.events !== 0 && (a.events & b.events) === 0;
}
