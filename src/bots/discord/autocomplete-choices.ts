/**
 * Autocomplete suggestions for an argument's source. The core's `completeFor` is the default; the
 * adapter only caps the answer at Discord's 25 choices.
 */
import type { CommandDeps, Place } from "../../core/commands/context.js";
import { completeFor } from "../../core/commands/complete.js";
import type { AutocompleteSource } from "../../core/commands/define-command.js";

export const MAX_CHOICES = 25;

export interface Choice {
  name: string;
  value: string;
}

export type Completer = (source: AutocompleteSource, prefix: string, ctx: { deps: CommandDeps; place: Place; userId: string }) => Promise<Choice[]>;

export const coreCompleter: Completer = async (source, prefix, ctx) =>
  (await completeFor(source, prefix, ctx)).filter((c) => c.name.length > 0 && c.value.length <= 100).slice(0, MAX_CHOICES);
