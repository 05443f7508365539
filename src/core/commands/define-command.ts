/**
 * Each command is declared once — name, description, who may run it, its arguments — and adapters
 * derive Discord slash commands and Telegram commands from the declaration. No command logic lives in
 * an adapter.
 */
import { z } from "zod";
import type { Actor, CommandDeps, Place, ResolvedTarget } from "./context.js";
import type { Reply } from "./reply.js";

export type ArgType = "string" | "integer" | "boolean" | "channel";
export type AutocompleteSource = "topic" | "followed-topic" | "custom-topic" | "feed" | "timezone";

export interface ArgSpec<T = unknown> {
  type: ArgType;
  description: string;
  required: boolean;
  /** Validates and converts the raw value; its error messages are shown to users as they are. */
  schema: z.ZodType<T>;
  choices?: readonly string[];
  autocomplete?: AutocompleteSource;
  /** Telegram: the last positional argument may take the rest of the text (e.g. a phrase). */
  rest?: boolean;
}

type Opts = { description: string; autocomplete?: AutocompleteSource; rest?: boolean };

export const arg = {
  string<T = string>(o: Opts & { schema?: z.ZodType<T>; choices?: readonly string[] }): ArgSpec<T> {
    return { type: "string", required: true, schema: (o.schema ?? z.string().trim().min(1)) as z.ZodType<T>, ...pick(o) };
  },
  integer(o: Opts & { min: number; max: number }): ArgSpec<number> {
    const schema = z.coerce
      .number({ message: "must be a whole number" })
      .int("must be a whole number")
      .min(o.min, `must be at least ${o.min}`)
      .max(o.max, `must be at most ${o.max}`);
    return { type: "integer", required: true, schema, ...pick(o) };
  },
  boolean(o: Opts): ArgSpec<boolean> {
    const schema = z.union([z.boolean(), z.enum(["on", "off", "true", "false", "yes", "no"])]).transform(
      (v) => v === true || v === "on" || v === "true" || v === "yes",
    );
    return { type: "boolean", required: true, schema: schema as unknown as z.ZodType<boolean>, ...pick(o) };
  },
  /** A channel or thread; the adapter resolves it into `target` (defaults to the current chat). */
  channel(o: Opts): ArgSpec<string> {
    return { type: "channel", required: false, schema: z.string(), ...pick(o) };
  },
  optional<T>(spec: ArgSpec<T>): ArgSpec<T | undefined> {
    return { ...spec, required: false } as ArgSpec<T | undefined>;
  },
};

function pick(o: Opts & { choices?: readonly string[] }) {
  return {
    description: o.description,
    ...(o.autocomplete ? { autocomplete: o.autocomplete } : {}),
    ...(o.rest ? { rest: true } : {}),
    ...(o.choices ? { choices: o.choices } : {}),
  };
}

export type ArgValues<S extends Record<string, ArgSpec>> = {
  [K in keyof S]: S[K] extends ArgSpec<infer T> ? T : never;
};

export interface CommandInput<A> {
  args: A;
  actor: Actor;
  place: Place;
  /** The resolved channel argument, or the place itself. */
  target: ResolvedTarget;
}

export interface CommandDefinition<S extends Record<string, ArgSpec> = Record<string, ArgSpec>> {
  /** One word ("subscribe") or a group and a subcommand ("channel set"). */
  name: string;
  description: string;
  audience: "member" | "moderator";
  /** "community": in a server or group only; "private": DMs only; "any": both. */
  where: "any" | "community" | "private";
  /** In declaration order: that order is the positional order in Telegram. */
  args: S;
  /** Hidden from command menus (e.g. a button's confirmation step). */
  hidden?: boolean;
  /** Shows things without changing any (status, previews, lists): refusals say "use", not "change". */
  readOnly?: boolean;
  run(input: CommandInput<ArgValues<S>>, deps: CommandDeps): Promise<Reply>;
}

export function defineCommand<S extends Record<string, ArgSpec>>(def: CommandDefinition<S>): CommandDefinition {
  return def as unknown as CommandDefinition;
}
